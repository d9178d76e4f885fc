// gqa: O[b,h,i,:] = softmax_j(Q[b,h,i,:] . K[b,g,j,:] / sqrt(d)) V[b,g,j,:] with g = h / (hq /
// hkv), layout [b, heads, s, d], no mask (grouped-query attention: hq/hkv query heads share a K/V
// head). Idiom: AVX-512, one query row per OpenMP iteration over (batch, query head, query):
// 16-lane FMA dot products over d (masked tail) with one horizontal sum per key, a vectorized
// softmax over the score row (exp by range reduction + polynomial + scalef), and the weighted sum
// of V rows accumulated 16 channels at a time. Each thread owns one score row of scratch.
#include <immintrin.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

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

// One query row: out[c] = sum_j softmax_j(scale * q . k_j) v_j[c]. Key/value rows are row_stride
// floats apart; `scores` is caller-provided scratch of seq floats.
static void attend_row(const float* q, const float* keys, const float* values,
                       std::ptrdiff_t row_stride, int seq, int d, float scale, float* scores,
                       float* out) {
  for (int j = 0; j < seq; ++j) {
    const float* k = keys + j * row_stride;
    __m512 dot = _mm512_setzero_ps();
    for (int c = 0; c < d; c += 16) {
      const __mmask16 lanes = tail_lanes(d - c);
      dot = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(lanes, q + c),
                            _mm512_maskz_loadu_ps(lanes, k + c), dot);
    }
    scores[j] = _mm512_reduce_add_ps(dot) * scale;
  }
  const __m512 minus_inf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
  __m512 running_max = minus_inf;
  for (int j = 0; j < seq; j += 16)
    running_max = _mm512_max_ps(running_max,
                                _mm512_mask_loadu_ps(minus_inf, tail_lanes(seq - j), scores + j));
  const __m512 row_max = _mm512_set1_ps(_mm512_reduce_max_ps(running_max));
  __m512 running_sum = _mm512_setzero_ps();
  for (int j = 0; j < seq; j += 16) {
    const __mmask16 lanes = tail_lanes(seq - j);
    const __m512 e = _mm512_maskz_mov_ps(
        lanes, exp_ps(_mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, scores + j), row_max)));
    _mm512_mask_storeu_ps(scores + j, lanes, e);
    running_sum = _mm512_add_ps(running_sum, e);
  }
  const __m512 inverse_sum = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(running_sum));
  for (int c = 0; c < d; c += 16) {
    const __mmask16 lanes = tail_lanes(d - c);
    __m512 acc = _mm512_setzero_ps();
    for (int j = 0; j < seq; ++j)
      acc = _mm512_fmadd_ps(_mm512_set1_ps(scores[j]),
                            _mm512_maskz_loadu_ps(lanes, values + j * row_stride + c), acc);
    _mm512_mask_storeu_ps(out + c, lanes, _mm512_mul_ps(acc, inverse_sum));
  }
}

extern "C" void run_gqa(const float* Q, const float* K, const float* V, float* O, int batch, int hq,
                        int hkv, int seq, int d) {
  const int group = hq / hkv;
  const std::ptrdiff_t head_size = static_cast<std::ptrdiff_t>(seq) * d;
  const float scale = 1.0f / std::sqrt(static_cast<float>(d));
#pragma omp parallel
  {
    std::vector<float> scores(seq);
#pragma omp for collapse(3) schedule(static)
    for (int b = 0; b < batch; ++b) {
      for (int h = 0; h < hq; ++h) {
        for (int i = 0; i < seq; ++i) {
          const std::ptrdiff_t query =
              (static_cast<std::ptrdiff_t>(b) * hq + h) * head_size + i * d;
          const std::ptrdiff_t kv_head =
              (static_cast<std::ptrdiff_t>(b) * hkv + h / group) * head_size;
          attend_row(Q + query, K + kv_head, V + kv_head, d, seq, d, scale, scores.data(),
                     O + query);
        }
      }
    }
  }
}
