// conv2dnchw: Y[n,f,oh,ow] = sum_{c,kh,kw} X[n, c, oh*s-p+kh, ow*s-p+kw] W[f,c,kh,kw], zero
// padding. Idiom: AVX-512 over 16 consecutive output columns: each tap broadcasts W[f,c,kh,kw] and
// FMAs it with the 16 input columns ow*s-p+kw, fetched by a masked _mm512_mask_i32gather_ps (stride
// s, lanes in the padding or past OW masked off, so they read nothing and contribute zero). Rows in
// the padding are skipped. OpenMP threads over (n, f, output row).
#include <immintrin.h>

#include <cstddef>

extern "C" void run_conv2dnchw(const float* X, const float* W, float* Y, int N, int C, int H,
                               int Wd, int F, int KH, int KW, int stride, int pad) {
  const int OH = (H + 2 * pad - KH) / stride + 1;
  const int OW = (Wd + 2 * pad - KW) / stride + 1;
  const __m512i lane_ids = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __m512i zero = _mm512_setzero_si512();
  const __m512i width = _mm512_set1_epi32(Wd);
#pragma omp parallel for collapse(3) schedule(static)
  for (int n = 0; n < N; ++n) {
    for (int f = 0; f < F; ++f) {
      for (int oh = 0; oh < OH; ++oh) {
        float* out_row = Y + ((static_cast<std::size_t>(n) * F + f) * OH + oh) * OW;
        for (int ow0 = 0; ow0 < OW; ow0 += 16) {
          const int remaining = OW - ow0;
          const __mmask16 lanes =
              remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
          // Input column of each lane for kw = 0; kw shifts it by one.
          const __m512i first_column =
              _mm512_add_epi32(_mm512_mullo_epi32(lane_ids, _mm512_set1_epi32(stride)),
                               _mm512_set1_epi32(ow0 * stride - pad));
          __m512 acc = _mm512_setzero_ps();
          for (int c = 0; c < C; ++c) {
            for (int kh = 0; kh < KH; ++kh) {
              const int ih = oh * stride - pad + kh;
              if (ih < 0 || ih >= H)
                continue;
              const float* in_row = X + ((static_cast<std::size_t>(n) * C + c) * H + ih) * Wd;
              const float* w_row = W + ((static_cast<std::size_t>(f) * C + c) * KH + kh) * KW;
              for (int kw = 0; kw < KW; ++kw) {
                const __m512i column = _mm512_add_epi32(first_column, _mm512_set1_epi32(kw));
                const __mmask16 inside = lanes &
                                         _mm512_cmp_epi32_mask(column, zero, _MM_CMPINT_NLT) &
                                         _mm512_cmp_epi32_mask(column, width, _MM_CMPINT_LT);
                const __m512 x =
                    _mm512_mask_i32gather_ps(_mm512_setzero_ps(), inside, column, in_row, 4);
                acc = _mm512_fmadd_ps(_mm512_set1_ps(w_row[kw]), x, acc);
              }
            }
          }
          _mm512_mask_storeu_ps(out_row + ow0, lanes, acc);
        }
      }
    }
  }
}
