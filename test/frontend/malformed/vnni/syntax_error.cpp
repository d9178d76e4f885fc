// expect: 5:12: expected ';'
#include <immintrin.h>

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  int i = 0
  if (i < n) _mm512_storeu_ps(C, _mm512_add_ps(_mm512_loadu_ps(A), _mm512_loadu_ps(B)));
}
