// instancenorm (NCHW): Y[n,c,:,:] = (X - mu) / sqrt(var + eps) * gamma[c] + beta[c], with mu and
// the biased variance var taken over the H*W plane of each (n, c) (two passes, no cancellation).
// Idiom: one contiguous plane per OpenMP iteration; AVX-512 16-lane partial sums with masked tails
// and one horizontal sum per statistic, then one FMA per 16 values with the folded scale and shift.
#include <immintrin.h>

#include <cmath>
#include <cstddef>

static inline __mmask16 tail_lanes(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}

extern "C" void run_instancenorm(const float* X, const float* gamma, const float* beta, float* Y,
                                 int N, int C, int H, int W, float eps) {
  const int plane = H * W;
#pragma omp parallel for collapse(2) schedule(static)
  for (int n = 0; n < N; ++n) {
    for (int c = 0; c < C; ++c) {
      const std::size_t offset = (static_cast<std::size_t>(n) * C + c) * plane;
      const float* in = X + offset;
      float* out = Y + offset;
      __m512 sum = _mm512_setzero_ps();
      for (int i = 0; i < plane; i += 16)
        sum = _mm512_add_ps(sum, _mm512_maskz_loadu_ps(tail_lanes(plane - i), in + i));
      const float mu = _mm512_reduce_add_ps(sum) / static_cast<float>(plane);
      const __m512 mu_v = _mm512_set1_ps(mu);
      __m512 squares = _mm512_setzero_ps();
      for (int i = 0; i < plane; i += 16) {
        const __mmask16 lanes = tail_lanes(plane - i);
        const __m512 centered =
            _mm512_maskz_sub_ps(lanes, _mm512_maskz_loadu_ps(lanes, in + i), mu_v);
        squares = _mm512_fmadd_ps(centered, centered, squares);
      }
      const float variance = _mm512_reduce_add_ps(squares) / static_cast<float>(plane);
      const float scale = gamma[c] / std::sqrt(variance + eps);
      const __m512 scale_v = _mm512_set1_ps(scale);
      const __m512 shift_v = _mm512_set1_ps(beta[c] - mu * scale);
      for (int i = 0; i < plane; i += 16) {
        const __mmask16 lanes = tail_lanes(plane - i);
        _mm512_mask_storeu_ps(
            out + i, lanes,
            _mm512_fmadd_ps(_mm512_maskz_loadu_ps(lanes, in + i), scale_v, shift_v));
      }
    }
  }
}
