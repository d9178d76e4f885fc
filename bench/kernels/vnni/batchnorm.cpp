// batchnorm (inference, NCHW): Y = (X - mean[c]) / sqrt(var[c] + eps) * gamma[c] + beta[c].
// Idiom: the per-channel affine map is folded into scale = gamma / sqrt(var + eps) and
// shift = beta - mean * scale once per (n, c) plane, then applied to the contiguous H*W plane with
// one AVX-512 FMA per 16 values (masked tail). OpenMP threads over (n, c) planes.
#include <immintrin.h>

#include <cmath>
#include <cstddef>

extern "C" void run_batchnorm(const float* X, const float* mean, const float* var,
                              const float* gamma, const float* beta, float* Y, int N, int C, int H,
                              int W, float eps) {
  const int plane = H * W;
#pragma omp parallel for collapse(2) schedule(static)
  for (int n = 0; n < N; ++n) {
    for (int c = 0; c < C; ++c) {
      const float scale = gamma[c] / std::sqrt(var[c] + eps);
      const __m512 scale_v = _mm512_set1_ps(scale);
      const __m512 shift_v = _mm512_set1_ps(beta[c] - mean[c] * scale);
      const std::size_t offset = (static_cast<std::size_t>(n) * C + c) * plane;
      for (int i = 0; i < plane; i += 16) {
        const int remaining = plane - i;
        const __mmask16 lanes =
            remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
        const __m512 x = _mm512_maskz_loadu_ps(lanes, X + offset + i);
        _mm512_mask_storeu_ps(Y + offset + i, lanes, _mm512_fmadd_ps(x, scale_v, shift_v));
      }
    }
  }
}
