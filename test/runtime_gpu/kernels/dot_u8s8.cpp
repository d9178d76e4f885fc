// A small AVX-512 VNNI kernel for the xir-sim-cc dialect test: y[r] = sum_k a[r][k] * b[k] with
// u8 a, s8 b and i32 sums through _mm512_dpbusd_epi32; rows in parallel with OpenMP. k % 64 == 0.
#include <immintrin.h>
#include <cstdint>

extern "C" void run_dot_u8s8(const uint8_t *a, const int8_t *b, int32_t *y, int rows, int k) {
#pragma omp parallel for
  for (int r = 0; r < rows; ++r) {
    __m512i sum = _mm512_setzero_si512();
    for (int i = 0; i < k; i += 64) {
      const __m512i va = _mm512_loadu_si512(a + r * k + i);
      const __m512i vb = _mm512_loadu_si512(b + i);
      sum = _mm512_dpbusd_epi32(sum, va, vb);
    }
    y[r] = _mm512_reduce_add_epi32(sum);
  }
}
