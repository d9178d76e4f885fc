// expect: 6:52: a modifier of an OpenMP `lastprivate` clause
#include <immintrin.h>

extern "C" void run_last_positive(const float* A, float* C, int n) {
  float last = 0.0f;
#pragma omp parallel for lastprivate(conditional : last)
  for (int i = 0; i < n; ++i)
    if (A[i] > 0.0f) last = A[i];
  C[0] = last;
}
