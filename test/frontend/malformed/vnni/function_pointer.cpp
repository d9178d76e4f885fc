// expect: 7:12: a function pointer
#include <immintrin.h>

static __m512 twice(__m512 x) { return _mm512_add_ps(x, x); }

extern "C" void run_map(const float* A, float* C, int n) {
  __m512 (*op)(__m512) = twice;
  for (int i = 0; i < n; i += 16) _mm512_storeu_ps(C + i, op(_mm512_loadu_ps(A + i)));
}
