// C[M,N] (f32) = A[M,K] (bf16) x B[K,N] (bf16) with _mm512_dpbf16_ps: each f32 lane j accumulates
// the products of 2 consecutive k of A's row (broadcast pair) and of column j of B, so B is packed
// into [K/2][N][2] pairs (zero padded). bf16 values travel as uint16_t bits.
#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <vector>

extern "C" void run_gemm(const uint16_t* A, const uint16_t* B, float* C, int M, int N, int K) {
  const int k_pairs = (K + 1) / 2, n_padded = (N + 15) / 16 * 16;
  std::vector<uint16_t> packed(static_cast<size_t>(k_pairs) * n_padded * 2, 0);
  for (int k = 0; k < K; ++k)
    for (int j = 0; j < N; ++j) packed[(static_cast<size_t>(k / 2) * n_padded + j) * 2 + k % 2] = B[k * N + j];
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; j += 16) {
      __m512 acc = _mm512_setzero_ps();
      for (int p = 0; p < k_pairs; ++p) {
        uint16_t pair[2] = {A[i * K + 2 * p], static_cast<uint16_t>(2 * p + 1 < K ? A[i * K + 2 * p + 1] : 0)};
        int32_t pair_bits;
        std::memcpy(&pair_bits, pair, 4);
        const __m512i a = _mm512_set1_epi32(pair_bits);
        const __m512i b = _mm512_loadu_si512(&packed[(static_cast<size_t>(p) * n_padded + j) * 2]);
        acc = _mm512_dpbf16_ps(acc, (__m512bh)a, (__m512bh)b);
      }
      const int lanes = N - j < 16 ? N - j : 16;
      _mm512_mask_storeu_ps(C + i * N + j, static_cast<__mmask16>((1u << lanes) - 1u), acc);
    }
  }
}
