// expect: 7:29: _mm512_shuffle_ps
#include <immintrin.h>

extern "C" void run_shuffle(const float* A, float* C, int n, int order) {
  for (int i = 0; i < n; i += 16) {
    __m512 a = _mm512_loadu_ps(A + i);
    _mm512_storeu_ps(C + i, _mm512_shuffle_ps(a, a, order));
  }
}
