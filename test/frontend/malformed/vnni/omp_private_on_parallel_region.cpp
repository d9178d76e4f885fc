// expect: 6:1: the OpenMP clause `private` on a `parallel` region
#include <immintrin.h>

extern "C" void run_copy(const float* A, float* C, int n) {
  float t = 0.0f;
#pragma omp parallel private(t)
  {
#pragma omp for
    for (int i = 0; i < n; ++i) C[i] = A[i];
  }
}
