// sumpool: Y[n, oh, ow, c] = sum of X[n, oh*s + i, ow*s + j, c] over the k x k window (i, j < k),
// NHWC, no padding, OH = (H - k) / s + 1, f32.
// Idiom: one thread per output element with the channel fastest, so every window tap is a coalesced
// load across the warp (channels are contiguous in NHWC); grid-stride loop over the outputs.
// Launch: 256 threads per block, min(ceil(N*OH*OW*C / 256), 4096) blocks.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                                           \
  do {                                                                                             \
    cudaError_t status_ = (call);                                                                  \
    if (status_ != cudaSuccess) {                                                                  \
      std::fprintf(stderr, "%s:%d: error: %s failed: %s\n", __FILE__, __LINE__, #call,             \
                   cudaGetErrorString(status_));                                                   \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

struct PoolShape {
  int batch, height, width, channels, kernel, stride, out_h, out_w;
};

__global__ void sumpool_nhwc_kernel(const float* __restrict__ x, float* __restrict__ y,
                                    PoolShape s) {
  const int total = s.batch * s.out_h * s.out_w * s.channels;
  for (int index = blockIdx.x * blockDim.x + threadIdx.x; index < total;
       index += gridDim.x * blockDim.x) {
    const int c = index % s.channels;
    const int ow = (index / s.channels) % s.out_w;
    const int oh = (index / (s.channels * s.out_w)) % s.out_h;
    const int n = index / (s.channels * s.out_w * s.out_h);
    const float* window =
        x + ((size_t(n) * s.height + oh * s.stride) * s.width + ow * s.stride) * s.channels + c;
    float acc = 0.0f;
    for (int i = 0; i < s.kernel; ++i)
      for (int j = 0; j < s.kernel; ++j) {
        const float v = window[(size_t(i) * s.width + j) * s.channels];
        acc = acc + v;
      }
    y[index] = acc;
  }
}

extern "C" void run_sumpool(const float* X, float* Y, int batch, int height, int width,
                            int channels, int kernel, int stride) {
  if (kernel <= 0 || stride <= 0) {
    std::fprintf(stderr, "error: sumpool needs kernel > 0 and stride > 0 (got %d, %d)\n", kernel,
                 stride);
    return;
  }
  const PoolShape s{batch,
                    height,
                    width,
                    channels,
                    kernel,
                    stride,
                    (height - kernel) / stride + 1,
                    (width - kernel) / stride + 1};
  if (batch <= 0 || channels <= 0 || height < kernel || width < kernel)
    return;
  const size_t x_bytes = size_t(batch) * height * width * channels * sizeof(float);
  const int total = batch * s.out_h * s.out_w * channels;
  const size_t y_bytes = size_t(total) * sizeof(float);
  float *d_x = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_x, x_bytes));
  CUDA_CHECK(cudaMalloc(&d_y, y_bytes));
  CUDA_CHECK(cudaMemcpy(d_x, X, x_bytes, cudaMemcpyHostToDevice));

  const int threads = 256;
  const int blocks = std::min((total + threads - 1) / threads, 4096);
  sumpool_nhwc_kernel<<<blocks, threads>>>(d_x, d_y, s);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(Y, d_y, y_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_y));
}
