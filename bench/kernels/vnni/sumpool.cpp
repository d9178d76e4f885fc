// sumpool (NHWC): Y[n,oh,ow,c] = sum of X over the k x k window at (oh*s, ow*s), no padding (OH =
// (H-k)/s + 1). Idiom: AVX-512 over channels (contiguous in NHWC): each window tap is one
// 16-channel vector add; the C tail is a masked load/store. OpenMP threads over (n, output row).
#include <immintrin.h>

#include <cstddef>

extern "C" void run_sumpool(const float* X, float* Y, int N, int H, int W, int C, int k,
                            int stride) {
  const int OH = (H - k) / stride + 1;
  const int OW = (W - k) / stride + 1;
#pragma omp parallel for collapse(2) schedule(static)
  for (int n = 0; n < N; ++n) {
    for (int oh = 0; oh < OH; ++oh) {
      for (int ow = 0; ow < OW; ++ow) {
        for (int c0 = 0; c0 < C; c0 += 16) {
          const int remaining = C - c0;
          const __mmask16 lanes =
              remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
          const __m512 identity = _mm512_setzero_ps();
          __m512 acc = identity;
          for (int kh = 0; kh < k; ++kh) {
            for (int kw = 0; kw < k; ++kw) {
              const std::size_t pixel =
                  (static_cast<std::size_t>(n) * H + oh * stride + kh) * W + ow * stride + kw;
              acc = _mm512_add_ps(acc, _mm512_mask_loadu_ps(identity, lanes, X + pixel * C + c0));
            }
          }
          _mm512_mask_storeu_ps(Y + ((static_cast<std::size_t>(n) * OH + oh) * OW + ow) * C + c0,
                                lanes, acc);
        }
      }
    }
  }
}
