// depthwiseconv: Y[oh, ow, c] = sum_{i, j} X[oh*s - p + i, ow*s - p + j, c] * W[i, j, c] on HWC
// tensors, k x k window, stride s, zero padding p, f32.
// Idiom: each block owns a T x T tile of output pixels for 32 channels. The input patch that the
// tile reads ((T-1)s + k squared pixels, zero outside the image) and the 32 channels of W are
// staged in dynamic shared memory with channel-contiguous (coalesced, bank-conflict-free) accesses;
// thread (c, r) then computes output rows r, r + 8, ... of the tile for channel c. T is 8, halved
// on the host until the patch fits in 48 KB of shared memory.
// Launch: grid (ceil(OW / T), ceil(OH / T), ceil(C / 32)), 32x8 threads.
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

constexpr int kChannelsPerBlock = 32;
constexpr int kRowThreads = 8;
constexpr int kMaxTile = 8;
constexpr size_t kSharedLimitBytes = 48 * 1024;

struct DepthwiseShape {
  int height, width, channels, kernel, stride, padding, out_h, out_w, tile, patch;
};

__global__ void depthwiseconv_hwc_tiled_kernel(const float* __restrict__ x,
                                               const float* __restrict__ w, float* __restrict__ y,
                                               DepthwiseShape s) {
  extern __shared__ float shared[];
  float* patch = shared;                                           // [patch][patch][32]
  float* weights = shared + s.patch * s.patch * kChannelsPerBlock; // [kernel][kernel][32]
  const int channel_local = threadIdx.x;
  const int channel = blockIdx.z * kChannelsPerBlock + channel_local;
  const int out_row0 = blockIdx.y * s.tile, out_col0 = blockIdx.x * s.tile;
  const int in_row0 = out_row0 * s.stride - s.padding, in_col0 = out_col0 * s.stride - s.padding;

  for (int pos = threadIdx.y; pos < s.patch * s.patch; pos += kRowThreads) {
    const int ih = in_row0 + pos / s.patch, iw = in_col0 + pos % s.patch;
    const bool inside = ih >= 0 && ih < s.height && iw >= 0 && iw < s.width && channel < s.channels;
    patch[pos * kChannelsPerBlock + channel_local] =
        inside ? x[(size_t(ih) * s.width + iw) * s.channels + channel] : 0.0f;
  }
  for (int tap = threadIdx.y; tap < s.kernel * s.kernel; tap += kRowThreads)
    weights[tap * kChannelsPerBlock + channel_local] =
        channel < s.channels ? w[tap * s.channels + channel] : 0.0f;
  __syncthreads();

  if (channel >= s.channels)
    return;
  for (int r = threadIdx.y; r < s.tile; r += kRowThreads) {
    const int oh = out_row0 + r;
    if (oh >= s.out_h)
      break;
    for (int col = 0; col < s.tile; ++col) {
      const int ow = out_col0 + col;
      if (ow >= s.out_w)
        break;
      float acc = 0.0f;
      for (int i = 0; i < s.kernel; ++i)
        for (int j = 0; j < s.kernel; ++j)
          acc += patch[((r * s.stride + i) * s.patch + col * s.stride + j) * kChannelsPerBlock +
                       channel_local] *
                 weights[(i * s.kernel + j) * kChannelsPerBlock + channel_local];
      y[(size_t(oh) * s.out_w + ow) * s.channels + channel] = acc;
    }
  }
}

static size_t shared_bytes_for(const DepthwiseShape& s) {
  return size_t(s.patch * s.patch + s.kernel * s.kernel) * kChannelsPerBlock * sizeof(float);
}

extern "C" void run_depthwiseconv(const float* X, const float* W, float* Y, int height, int width,
                                  int channels, int kernel, int stride, int padding) {
  if (stride <= 0 || padding < 0 || kernel <= 0) {
    std::fprintf(
        stderr,
        "error: depthwiseconv needs kernel > 0, stride > 0, padding >= 0 (got %d, %d, %d)\n",
        kernel, stride, padding);
    return;
  }
  DepthwiseShape s{height,
                   width,
                   channels,
                   kernel,
                   stride,
                   padding,
                   (height + 2 * padding - kernel) / stride + 1,
                   (width + 2 * padding - kernel) / stride + 1,
                   kMaxTile,
                   0};
  if (channels <= 0 || s.out_h <= 0 || s.out_w <= 0)
    return;
  for (;; s.tile /= 2) {
    s.patch = (s.tile - 1) * stride + kernel;
    if (shared_bytes_for(s) <= kSharedLimitBytes)
      break;
    if (s.tile == 1) {
      std::fprintf(stderr, "error: depthwiseconv window %dx%d does not fit in shared memory\n",
                   kernel, kernel);
      return;
    }
  }

  const size_t x_bytes = size_t(height) * width * channels * sizeof(float);
  const size_t w_bytes = size_t(kernel) * kernel * channels * sizeof(float);
  const size_t y_bytes = size_t(s.out_h) * s.out_w * channels * sizeof(float);
  float *d_x = nullptr, *d_w = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_x, x_bytes));
  CUDA_CHECK(cudaMalloc(&d_w, w_bytes));
  CUDA_CHECK(cudaMalloc(&d_y, y_bytes));
  CUDA_CHECK(cudaMemcpy(d_x, X, x_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_w, W, w_bytes, cudaMemcpyHostToDevice));

  const dim3 grid((s.out_w + s.tile - 1) / s.tile, (s.out_h + s.tile - 1) / s.tile,
                  (channels + kChannelsPerBlock - 1) / kChannelsPerBlock);
  depthwiseconv_hwc_tiled_kernel<<<grid, dim3(kChannelsPerBlock, kRowThreads),
                                   shared_bytes_for(s)>>>(d_x, d_w, d_y, s);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(Y, d_y, y_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_w));
  CUDA_CHECK(cudaFree(d_y));
}
