// expect: 6:40: an arithmetic reduction over a bool
#include <immintrin.h>

extern "C" void run_any(const float* A, int* C, int n) {
  bool seen = false;
#pragma omp parallel for reduction(+ : seen)
  for (int i = 0; i < n; ++i) seen += A[i] > 0.0f;
  C[0] = seen;
}
