// conv2d: Y[n, oh, ow, f] = sum_{i,j,c} X[n, oh*s - p + i, ow*s - p + j, c] * W[i, j, c, f] for
// X[N, H, W, C], W[KH, KW, C, F] (NHWC / HWCF, f32, zero padding p, stride s).
// Idiom: each workgroup owns one output pixel row (n, oh); the input rows its window touches are
// staged once in LDS (zero outside the image, so padding costs no branches), and lanes with f
// fastest read the filter with coalesced loads.
// Launch: grid (N * OH), 256 threads; dynamic LDS KH * (W + 2p) * C floats.
#include <cstdio>
#include <cstdlib>
#include <hip/hip_runtime.h>

#define HIP_CHECK(call)                                                                            \
  do {                                                                                             \
    hipError_t status_ = (call);                                                                   \
    if (status_ != hipSuccess) {                                                                   \
      std::fprintf(stderr, "%s:%d: error: %s failed: %s\n", __FILE__, __LINE__, #call,             \
                   hipGetErrorString(status_));                                                    \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

constexpr int kThreads = 256;

__global__ void conv2d_nhwc_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                   float* __restrict__ y, int height, int width, int channels,
                                   int filters, int kh, int kw, int s, int p) {
  extern __shared__ float rows[]; // [kh][width + 2p][channels], zero-padded input rows
  const int out_h = (height + 2 * p - kh) / s + 1, out_w = (width + 2 * p - kw) / s + 1;
  const int n = blockIdx.x / out_h, oh = blockIdx.x % out_h;
  const int padded_w = width + 2 * p;

  for (int e = threadIdx.x; e < kh * padded_w * channels; e += kThreads) {
    const int c = e % channels, pw = (e / channels) % padded_w, i = e / channels / padded_w;
    const int ih = oh * s - p + i, iw = pw - p;
    const bool inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
    rows[e] = inside ? x[((size_t(n) * height + ih) * width + iw) * channels + c] : 0.0f;
  }
  __syncthreads();

  float* out_row = y + (size_t(n) * out_h + oh) * out_w * filters;
  for (int e = threadIdx.x; e < out_w * filters; e += kThreads) {
    const int f = e % filters, ow = e / filters;
    float acc = 0.0f;
    for (int i = 0; i < kh; ++i)
      for (int j = 0; j < kw; ++j) {
        const float* pixel = rows + (size_t(i) * padded_w + ow * s + j) * channels;
        const float* taps = w + (size_t(i) * kw + j) * channels * filters + f;
        for (int c = 0; c < channels; ++c)
          acc = fmaf(pixel[c], taps[size_t(c) * filters], acc);
      }
    out_row[e] = acc;
  }
}

extern "C" void run_conv2d(const float* X, const float* filter, float* Y, int N, int H, int W,
                           int C, int F, int KH, int KW, int s, int p) {
  if (N <= 0 || H <= 0 || W <= 0 || C <= 0 || F <= 0 || KH <= 0 || KW <= 0 || s <= 0 ||
      H + 2 * p < KH || W + 2 * p < KW)
    return;
  const size_t x_bytes = size_t(N) * H * W * C * sizeof(float);
  const size_t filter_bytes = size_t(KH) * KW * C * F * sizeof(float);
  const size_t y_bytes =
      size_t(N) * ((H + 2 * p - KH) / s + 1) * ((W + 2 * p - KW) / s + 1) * F * sizeof(float);
  float* d_x = nullptr;
  float* d_filter = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_filter, filter_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, X, x_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_filter, filter, filter_bytes, hipMemcpyHostToDevice));

  const int OH = (H + 2 * p - KH) / s + 1;
  const size_t shared_bytes = size_t(KH) * (W + 2 * p) * C * sizeof(float);
  hipLaunchKernelGGL(conv2d_nhwc_kernel, dim3(N * OH), dim3(kThreads), shared_bytes, 0, d_x,
                     d_filter, d_y, H, W, C, F, KH, KW, s, p);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(Y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_filter));
  HIP_CHECK(hipFree(d_y));
}
