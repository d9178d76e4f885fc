// expect: 6:46: a modifier of an OpenMP `reduction` clause
#include <immintrin.h>

extern "C" void run_total(const float* A, float* C, int n) {
  float total = 0.0f;
#pragma omp parallel for reduction(task, + : total)
  for (int i = 0; i < n; ++i) total += A[i];
  C[0] = total;
}
