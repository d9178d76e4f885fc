// expect: 7:40: a global variable in an OpenMP data-sharing clause
#include <immintrin.h>

float g_total = 0.0f;

extern "C" void run_total(const float* A, float* C, int n) {
#pragma omp parallel for reduction(+ : g_total)
  for (int i = 0; i < n; ++i) g_total += A[i];
  C[0] = g_total;
}
