// depthwiseconv (HWC): Y[oh,ow,c] = sum_{kh,kw} X[oh*s-p+kh, ow*s-p+kw, c] W[kh,kw,c], zero
// padding. Idiom: AVX-512 over channels (contiguous in X, W and Y): each tap is one 16-channel FMA
// of an X slice with the matching W slice; taps in the padding are skipped; the C tail is masked.
// OpenMP threads over output rows.
#include <immintrin.h>

#include <cstddef>

extern "C" void run_depthwiseconv(const float* X, const float* W, float* Y, int H, int Wd, int C,
                                  int k, int stride, int pad) {
  const int OH = (H + 2 * pad - k) / stride + 1;
  const int OW = (Wd + 2 * pad - k) / stride + 1;
#pragma omp parallel for schedule(static)
  for (int oh = 0; oh < OH; ++oh) {
    for (int ow = 0; ow < OW; ++ow) {
      for (int c0 = 0; c0 < C; c0 += 16) {
        const int remaining = C - c0;
        const __mmask16 lanes =
            remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
        __m512 acc = _mm512_setzero_ps();
        for (int kh = 0; kh < k; ++kh) {
          const int ih = oh * stride - pad + kh;
          if (ih < 0 || ih >= H)
            continue;
          for (int kw = 0; kw < k; ++kw) {
            const int iw = ow * stride - pad + kw;
            if (iw < 0 || iw >= Wd)
              continue;
            const __m512 x =
                _mm512_maskz_loadu_ps(lanes, X + (static_cast<std::size_t>(ih) * Wd + iw) * C + c0);
            const __m512 w =
                _mm512_maskz_loadu_ps(lanes, W + static_cast<std::size_t>(kh * k + kw) * C + c0);
            acc = _mm512_fmadd_ps(x, w, acc);
          }
        }
        _mm512_mask_storeu_ps(Y + (static_cast<std::size_t>(oh) * OW + ow) * C + c0, lanes, acc);
      }
    }
  }
}
