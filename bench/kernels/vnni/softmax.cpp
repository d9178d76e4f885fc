// softmax: C[r, i] = exp(A[r, i] - max_r) / sum_j exp(A[r, j] - max_r) over the last axis of
// A[rows, n]. Idiom: one row per OpenMP iteration, three AVX-512 passes over the row (max, exp and
// sum with the exponentials stored to C, scale by 1/sum); masked tails; exp by range reduction +
// polynomial + scalef.
#include <immintrin.h>

#include <cstddef>
#include <limits>

// e^x on 16 lanes (AVX-512 has no exp instruction): x = n*ln2 + r with |r| <= ln2/2 (n rounded by
// roundscale, ln2 split in two constants), e^r by a degree-7 Taylor polynomial in FMA Horner form,
// and the 2^n factor applied exactly by scalef. Inputs are clamped to [-88, 88], inside f32's
// range.
static inline __m512 exp_ps(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(88.0f)), _mm512_set1_ps(-88.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145752f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.42860677e-6f), r);
  __m512 p = _mm512_set1_ps(1.0f / 5040.0f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);
}

static inline __mmask16 tail_lanes(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}

extern "C" void run_softmax(const float* A, float* C, int rows, int n) {
#pragma omp parallel for schedule(static)
  for (int r = 0; r < rows; ++r) {
    const float* in = A + static_cast<std::ptrdiff_t>(r) * n;
    float* out = C + static_cast<std::ptrdiff_t>(r) * n;
    const __m512 minus_inf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    __m512 running_max = minus_inf;
    for (int i = 0; i < n; i += 16)
      running_max =
          _mm512_max_ps(running_max, _mm512_mask_loadu_ps(minus_inf, tail_lanes(n - i), in + i));
    const __m512 row_max = _mm512_set1_ps(_mm512_reduce_max_ps(running_max));

    __m512 running_sum = _mm512_setzero_ps();
    for (int i = 0; i < n; i += 16) {
      const __mmask16 lanes = tail_lanes(n - i);
      const __m512 e = exp_ps(_mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, in + i), row_max));
      _mm512_mask_storeu_ps(out + i, lanes, e);
      running_sum = _mm512_add_ps(running_sum, _mm512_maskz_mov_ps(lanes, e));
    }
    const __m512 inverse_sum = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(running_sum));
    for (int i = 0; i < n; i += 16) {
      const __mmask16 lanes = tail_lanes(n - i);
      _mm512_mask_storeu_ps(out + i, lanes,
                            _mm512_mul_ps(_mm512_maskz_loadu_ps(lanes, out + i), inverse_sum));
    }
  }
}
