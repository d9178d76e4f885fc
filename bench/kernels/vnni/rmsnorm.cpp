// rmsnorm: Y[r, i] = X[r, i] / sqrt(mean_i X[r, i]^2 + eps) * gamma[i] over the last axis.
// Idiom: one row per OpenMP iteration; AVX-512 FMA sum of squares with a masked tail and one
// horizontal sum, then a vectorized scale pass.
#include <immintrin.h>

#include <cmath>
#include <cstddef>

static inline __mmask16 tail_lanes(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}

extern "C" void run_rmsnorm(const float* X, const float* gamma, float* Y, int rows, int n,
                            float eps) {
#pragma omp parallel for schedule(static)
  for (int r = 0; r < rows; ++r) {
    const float* in = X + static_cast<std::ptrdiff_t>(r) * n;
    float* out = Y + static_cast<std::ptrdiff_t>(r) * n;
    __m512 squares = _mm512_setzero_ps();
    for (int i = 0; i < n; i += 16) {
      const __m512 x = _mm512_maskz_loadu_ps(tail_lanes(n - i), in + i);
      squares = _mm512_fmadd_ps(x, x, squares);
    }
    const float mean_square = _mm512_reduce_add_ps(squares) / static_cast<float>(n);
    const __m512 inverse_rms = _mm512_set1_ps(1.0f / std::sqrt(mean_square + eps));
    for (int i = 0; i < n; i += 16) {
      const __mmask16 lanes = tail_lanes(n - i);
      const __m512 x = _mm512_maskz_loadu_ps(lanes, in + i);
      const __m512 g = _mm512_maskz_loadu_ps(lanes, gamma + i);
      _mm512_mask_storeu_ps(out + i, lanes, _mm512_mul_ps(_mm512_mul_ps(x, inverse_rms), g));
    }
  }
}
