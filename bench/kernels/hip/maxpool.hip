// maxpool: Y[n, oh, ow, c] = maximum of X[n, oh*s + i, ow*s + j, c] over the k x k window, for
// X[N, H, W, C] (NHWC, f32, no padding), OH = (H - k) / s + 1.
// Idiom: one output element per lane with the channel fastest, so each wavefront reads 64 adjacent
// channels of a window row with coalesced loads; grid-stride over N * OH * OW * C.
// Launch: 256 threads per workgroup, min(ceil(total / 256), 2048) workgroups.
#include <algorithm>
#include <cmath>
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

__global__ void maxpool_kernel(const float* __restrict__ x, float* __restrict__ y, int batches,
                               int height, int width, int channels, int k, int s) {
  const int out_h = (height - k) / s + 1, out_w = (width - k) / s + 1;
  const int total = batches * out_h * out_w * channels;
  const int stride = gridDim.x * blockDim.x;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += stride) {
    const int c = i % channels;
    const int ow = (i / channels) % out_w;
    const int oh = (i / channels / out_w) % out_h;
    const int n = i / channels / out_w / out_h;
    const float* window = x + ((size_t(n) * height + oh * s) * width + ow * s) * channels + c;
    float acc = -INFINITY;
    for (int di = 0; di < k; ++di)
      for (int dj = 0; dj < k; ++dj) {
        const float v = window[(size_t(di) * width + dj) * channels];
        acc = fmaxf(acc, v);
      }
    y[i] = acc;
  }
}

extern "C" void run_maxpool(const float* X, float* Y, int N, int H, int W, int C, int k, int s) {
  if (N <= 0 || H <= 0 || W <= 0 || C <= 0 || k <= 0 || s <= 0 || H < k || W < k)
    return;
  const size_t x_bytes = size_t(N) * H * W * C * sizeof(float);
  const size_t y_bytes = size_t(N) * ((H - k) / s + 1) * ((W - k) / s + 1) * C * sizeof(float);
  float* d_x = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, X, x_bytes, hipMemcpyHostToDevice));

  const int OH = (H - k) / s + 1, OW = (W - k) / s + 1;
  const int total = N * OH * OW * C;
  const int threads = 256;
  const int blocks = std::max(1, std::min((total + threads - 1) / threads, 2048));
  hipLaunchKernelGGL(maxpool_kernel, dim3(blocks), dim3(threads), 0, 0, d_x, d_y, N, H, W, C, k, s);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(Y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_y));
}
