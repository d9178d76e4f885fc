// Negative test: the u8 x s8 VNNI GEMM, but B is packed with a wrong index (B[j * K + k]: read as
// if it were N x K), so the values are wrong although every access stays in bounds.
#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <vector>

extern "C" void run_gemm(const uint8_t* A, const int8_t* B, int32_t* C, int M, int N, int K) {
  const int k_groups = (K + 3) / 4, n_padded = (N + 15) / 16 * 16;
  std::vector<int8_t> packed(static_cast<size_t>(k_groups) * n_padded * 4, 0);
  for (int k = 0; k < K; ++k)
    for (int j = 0; j < N; ++j) packed[(static_cast<size_t>(k / 4) * n_padded + j) * 4 + k % 4] = B[(j * K + k) % (K * N)];
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; j += 16) {
      __m512i acc = _mm512_setzero_si512();
      for (int g = 0; g < k_groups; ++g) {
        uint8_t quad[4] = {0, 0, 0, 0};
        for (int t = 0; t < 4 && g * 4 + t < K; ++t) quad[t] = A[i * K + g * 4 + t];
        int32_t quad_bits;
        std::memcpy(&quad_bits, quad, 4);
        const __m512i a = _mm512_set1_epi32(quad_bits);
        const __m512i b = _mm512_loadu_si512(&packed[(static_cast<size_t>(g) * n_padded + j) * 4]);
        acc = _mm512_dpbusd_epi32(acc, a, b);
      }
      const int lanes = N - j < 16 ? N - j : 16;
      _mm512_mask_storeu_epi32(C + i * N + j, static_cast<__mmask16>((1u << lanes) - 1u), acc);
    }
  }
}
