// conv2dnchw: Y[n, f, oh, ow] = sum_{c,i,j} X[n, c, oh*s - p + i, ow*s - p + j] * W[f, c, i, j] for
// X[N, C, H, W], W[F, C, KH, KW] (f32, zero padding p, stride s).
// Idiom: each workgroup owns one (n, f) output plane chunk and stages filter f (C * KH * KW taps)
// in LDS once; lanes with ow fastest then walk the input planes with coalesced loads. Launch: grid
// (ceil(OH * OW / 256), F, N), 256 threads; dynamic LDS C * KH * KW floats.
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

__global__ void conv2d_nchw_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                   float* __restrict__ y, int channels, int height, int width,
                                   int filters, int kh, int kw, int s, int p) {
  extern __shared__ float taps[]; // filter f: [channels][kh][kw]
  const int f = blockIdx.y, n = blockIdx.z;
  const int out_h = (height + 2 * p - kh) / s + 1, out_w = (width + 2 * p - kw) / s + 1;
  const int tap_count = channels * kh * kw;
  for (int e = threadIdx.x; e < tap_count; e += kThreads)
    taps[e] = w[size_t(f) * tap_count + e];
  __syncthreads();

  const int pixel = blockIdx.x * kThreads + threadIdx.x;
  if (pixel >= out_h * out_w)
    return;
  const int oh = pixel / out_w, ow = pixel % out_w;
  float acc = 0.0f;
  for (int c = 0; c < channels; ++c) {
    const float* plane = x + (size_t(n) * channels + c) * height * width;
    for (int i = 0; i < kh; ++i) {
      const int ih = oh * s - p + i;
      if (ih < 0 || ih >= height)
        continue;
      for (int j = 0; j < kw; ++j) {
        const int iw = ow * s - p + j;
        if (iw >= 0 && iw < width)
          acc = fmaf(plane[size_t(ih) * width + iw], taps[(c * kh + i) * kw + j], acc);
      }
    }
  }
  y[((size_t(n) * filters + f) * out_h + oh) * out_w + ow] = acc;
}

extern "C" void run_conv2dnchw(const float* X, const float* filter, float* Y, int N, int C, int H,
                               int W, int F, int KH, int KW, int s, int p) {
  if (N <= 0 || H <= 0 || W <= 0 || C <= 0 || F <= 0 || KH <= 0 || KW <= 0 || s <= 0 ||
      H + 2 * p < KH || W + 2 * p < KW)
    return;
  const size_t x_bytes = size_t(N) * C * H * W * sizeof(float);
  const size_t filter_bytes = size_t(F) * C * KH * KW * sizeof(float);
  const size_t y_bytes =
      size_t(N) * F * ((H + 2 * p - KH) / s + 1) * ((W + 2 * p - KW) / s + 1) * sizeof(float);
  float* d_x = nullptr;
  float* d_filter = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_filter, filter_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, X, x_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_filter, filter, filter_bytes, hipMemcpyHostToDevice));

  const int OH = (H + 2 * p - KH) / s + 1, OW = (W + 2 * p - KW) / s + 1;
  const dim3 grid((OH * OW + kThreads - 1) / kThreads, F, N);
  const size_t shared_bytes = size_t(C) * KH * KW * sizeof(float);
  hipLaunchKernelGGL(conv2d_nchw_kernel, grid, dim3(kThreads), shared_bytes, 0, d_x, d_filter, d_y,
                     C, H, W, F, KH, KW, s, p);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(Y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_filter));
  HIP_CHECK(hipFree(d_y));
}
