// expect: 6:1: the OpenMP clause `reduction` on a `parallel` region
#include <immintrin.h>

extern "C" void run_total(const float* A, float* C, int n) {
  float total = 0.0f;
#pragma omp parallel reduction(+ : total)
  {
#pragma omp for
    for (int i = 0; i < n; ++i) total += A[i];
  }
  C[0] = total;
}
