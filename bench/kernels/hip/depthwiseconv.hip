// depthwiseconv: Y[oh, ow, c] = sum_{i,j} X[oh*s - p + i, ow*s - p + j, c] * W[i, j, c] for
// X[H, W, C], W[k, k, C] (HWC, f32, zero padding p, stride s).
// Idiom: one output element per lane with the channel fastest, so a wavefront reads 64 adjacent
// channels of both X and W per tap (coalesced); taps outside the image are skipped (zero padding).
// Grid-stride over OH * OW * C.
// Launch: 256 threads per workgroup, min(ceil(total / 256), 2048) workgroups.
#include <algorithm>
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

__global__ void depthwiseconv_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                     float* __restrict__ y, int height, int width, int channels,
                                     int k, int s, int p) {
  const int out_h = (height + 2 * p - k) / s + 1, out_w = (width + 2 * p - k) / s + 1;
  const int total = out_h * out_w * channels;
  const int stride = gridDim.x * blockDim.x;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += stride) {
    const int c = i % channels;
    const int ow = (i / channels) % out_w;
    const int oh = i / channels / out_w;
    float acc = 0.0f;
    for (int di = 0; di < k; ++di) {
      const int ih = oh * s - p + di;
      if (ih < 0 || ih >= height)
        continue;
      for (int dj = 0; dj < k; ++dj) {
        const int iw = ow * s - p + dj;
        if (iw < 0 || iw >= width)
          continue;
        acc =
            fmaf(x[(size_t(ih) * width + iw) * channels + c], w[(di * k + dj) * channels + c], acc);
      }
    }
    y[i] = acc;
  }
}

extern "C" void run_depthwiseconv(const float* X, const float* filter, float* Y, int H, int W,
                                  int C, int k, int s, int p) {
  if (H <= 0 || W <= 0 || C <= 0 || k <= 0 || s <= 0 || H + 2 * p < k || W + 2 * p < k)
    return;
  const size_t x_bytes = size_t(H) * W * C * sizeof(float);
  const size_t filter_bytes = size_t(k) * k * C * sizeof(float);
  const size_t y_bytes =
      size_t((H + 2 * p - k) / s + 1) * ((W + 2 * p - k) / s + 1) * C * sizeof(float);
  float* d_x = nullptr;
  float* d_filter = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_filter, filter_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, X, x_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_filter, filter, filter_bytes, hipMemcpyHostToDevice));

  const int OH = (H + 2 * p - k) / s + 1, OW = (W + 2 * p - k) / s + 1;
  const int total = OH * OW * C;
  const int threads = 256;
  const int blocks = std::max(1, std::min((total + threads - 1) / threads, 2048));
  hipLaunchKernelGGL(depthwiseconv_kernel, dim3(blocks), dim3(threads), 0, 0, d_x, d_filter, d_y, H,
                     W, C, k, s, p);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(Y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_filter));
  HIP_CHECK(hipFree(d_y));
}
