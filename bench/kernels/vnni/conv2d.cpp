// conv2d (NHWC): Y[n,oh,ow,f] = sum_{kh,kw,c} X[n, oh*s-p+kh, ow*s-p+kw, c] W[kh,kw,c,f], zero
// padding. Idiom: AVX-512 over output channels (F is contiguous in both W and Y): each input value
// is broadcast and FMA'd with a 16-channel slice of W; taps in the padding are skipped; the F tail
// is masked. Two output pixels share each W load. OpenMP threads over (n, output row).
#include <immintrin.h>

#include <cstddef>

namespace {

inline __mmask16 tail_lanes(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}

struct Conv2dShape {
  int H, W, C, F, KH, KW, stride, pad;
};

// Accumulates Pixels consecutive output pixels (ow0 .. ow0 + Pixels - 1) of one 16-channel slice.
template <int Pixels>
void compute_pixels(const float* image, const float* weights, float* out_row, const Conv2dShape& s,
                    int oh, int ow0, int f0) {
  const __mmask16 lanes = tail_lanes(s.F - f0);
  __m512 acc[Pixels];
#pragma GCC unroll 8
  for (int p = 0; p < Pixels; ++p)
    acc[p] = _mm512_setzero_ps();
  for (int kh = 0; kh < s.KH; ++kh) {
    const int ih = oh * s.stride - s.pad + kh;
    if (ih < 0 || ih >= s.H)
      continue;
    for (int kw = 0; kw < s.KW; ++kw) {
      const float* w_tap = weights + static_cast<std::size_t>(kh * s.KW + kw) * s.C * s.F + f0;
      for (int c = 0; c < s.C; ++c) {
        const __m512 w = _mm512_maskz_loadu_ps(lanes, w_tap + static_cast<std::size_t>(c) * s.F);
#pragma GCC unroll 8
        for (int p = 0; p < Pixels; ++p) {
          const int iw = (ow0 + p) * s.stride - s.pad + kw;
          if (iw < 0 || iw >= s.W)
            continue;
          const float x = image[(static_cast<std::size_t>(ih) * s.W + iw) * s.C + c];
          acc[p] = _mm512_fmadd_ps(_mm512_set1_ps(x), w, acc[p]);
        }
      }
    }
  }
#pragma GCC unroll 8
  for (int p = 0; p < Pixels; ++p)
    _mm512_mask_storeu_ps(out_row + static_cast<std::size_t>(ow0 + p) * s.F + f0, lanes, acc[p]);
}

} // namespace

extern "C" void run_conv2d(const float* X, const float* W, float* Y, int N, int H, int Wd, int C,
                           int F, int KH, int KW, int stride, int pad) {
  const int OH = (H + 2 * pad - KH) / stride + 1;
  const int OW = (Wd + 2 * pad - KW) / stride + 1;
  const Conv2dShape shape{H, Wd, C, F, KH, KW, stride, pad};
#pragma omp parallel for collapse(2) schedule(static)
  for (int n = 0; n < N; ++n) {
    for (int oh = 0; oh < OH; ++oh) {
      const float* image = X + static_cast<std::size_t>(n) * H * Wd * C;
      float* out_row = Y + (static_cast<std::size_t>(n) * OH + oh) * OW * F;
      for (int f0 = 0; f0 < F; f0 += 16) {
        int ow = 0;
        for (; ow + 2 <= OW; ow += 2)
          compute_pixels<2>(image, W, out_row, shape, oh, ow, f0);
        if (ow < OW)
          compute_pixels<1>(image, W, out_row, shape, oh, ow, f0);
      }
    }
  }
}
