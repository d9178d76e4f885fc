// expect: 7:11: _mm512_dpbusd_epi32
#include <immintrin.h>

extern "C" void run_dot(const unsigned char* A, const signed char* B, int* C, int n) {
  __m512i acc = _mm512_setzero_si512();
  for (int i = 0; i < n; i += 64)
    acc = _mm512_dpbusd_epi32(acc, _mm512_loadu_si512(A + i));
  C[0] = _mm512_reduce_add_epi32(acc);
}
