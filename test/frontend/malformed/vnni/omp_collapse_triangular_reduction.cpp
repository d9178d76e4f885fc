// expect: 6:1: a collapsed OpenMP loop nest whose inner bounds depend on an outer loop
#include <immintrin.h>

extern "C" void run_lower_sum(const float* A, float* C, int n) {
  float total = 0.0f;
#pragma omp parallel for collapse(2) reduction(+ : total)
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) total += A[i * n + j];
  C[0] = total;
}
