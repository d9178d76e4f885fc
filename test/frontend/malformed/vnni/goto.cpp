// expect: 6:1: goto
#include <immintrin.h>

extern "C" void run_relu(const float* A, float* C, int n) {
  int i = 0;
again:
  if (i >= n) return;
  _mm512_storeu_ps(C + i, _mm512_max_ps(_mm512_loadu_ps(A + i), _mm512_setzero_ps()));
  i += 16;
  goto again;
}
