// expect: 6:1: the OpenMP directive `single`
#include <immintrin.h>

extern "C" void run_copy(const float* A, float* C, int n) {
#pragma omp parallel
#pragma omp single
  for (int i = 0; i < n; i += 16) {
#pragma omp task
    _mm512_storeu_ps(C + i, _mm512_loadu_ps(A + i));
  }
}
