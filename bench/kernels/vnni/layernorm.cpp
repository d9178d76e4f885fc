// layernorm: Y[r, i] = (X[r, i] - mu_r) / sqrt(var_r + eps) * gamma[i] + beta[i] over the last
// axis, with the biased variance var_r = mean_i (X[r, i] - mu_r)^2 (two passes, no cancellation).
// Idiom: one row per OpenMP iteration; AVX-512 16-lane partial sums with masked tails and one
// horizontal sum per statistic, then a vectorized normalize-scale-shift pass.
#include <immintrin.h>

#include <cmath>
#include <cstddef>

static inline __mmask16 tail_lanes(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}

extern "C" void run_layernorm(const float* X, const float* gamma, const float* beta, float* Y,
                              int rows, int n, float eps) {
#pragma omp parallel for schedule(static)
  for (int r = 0; r < rows; ++r) {
    const float* in = X + static_cast<std::ptrdiff_t>(r) * n;
    float* out = Y + static_cast<std::ptrdiff_t>(r) * n;
    __m512 sum = _mm512_setzero_ps();
    for (int i = 0; i < n; i += 16)
      sum = _mm512_add_ps(sum, _mm512_maskz_loadu_ps(tail_lanes(n - i), in + i));
    const __m512 mu = _mm512_set1_ps(_mm512_reduce_add_ps(sum) / static_cast<float>(n));
    __m512 squares = _mm512_setzero_ps();
    for (int i = 0; i < n; i += 16) {
      const __mmask16 lanes = tail_lanes(n - i);
      const __m512 centered = _mm512_maskz_sub_ps(lanes, _mm512_maskz_loadu_ps(lanes, in + i), mu);
      squares = _mm512_fmadd_ps(centered, centered, squares);
    }
    const float variance = _mm512_reduce_add_ps(squares) / static_cast<float>(n);
    const __m512 inverse_std = _mm512_set1_ps(1.0f / std::sqrt(variance + eps));
    for (int i = 0; i < n; i += 16) {
      const __mmask16 lanes = tail_lanes(n - i);
      const __m512 normalized =
          _mm512_mul_ps(_mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, in + i), mu), inverse_std);
      const __m512 g = _mm512_maskz_loadu_ps(lanes, gamma + i);
      const __m512 b = _mm512_maskz_loadu_ps(lanes, beta + i);
      _mm512_mask_storeu_ps(out + i, lanes, _mm512_fmadd_ps(normalized, g, b));
    }
  }
}
