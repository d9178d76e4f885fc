// expect: 6:40: is not valid for specified reduction operation
#include <immintrin.h>

extern "C" void run_lanes(const float* A, float* C, int n) {
  __m512 acc = _mm512_setzero_ps();
#pragma omp parallel for reduction(+ : acc)
  for (int i = 0; i < n; i += 16) acc = _mm512_add_ps(acc, _mm512_loadu_ps(A + i));
  _mm512_storeu_ps(C, acc);
}
