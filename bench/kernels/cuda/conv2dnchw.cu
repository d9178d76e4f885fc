// conv2dnchw (NCHW), stride s, zero padding p, f32:
//   Y[n, f, oh, ow] = sum_{c, kh, kw} W[f, c, kh, kw] * X[n, c, oh*s - p + kh, ow*s - p + kw]
// Idiom: implicit GEMM with filters as rows and output pixels (n, oh, ow) as columns, so
// W[F, C*KH*KW] is the row-major left operand and stores of Y run along ow (coalesced). Each block
// computes a 64x64 tile; 16-deep slices of W and of the im2col matrix (gathered on the fly, zero
// outside the image) are staged in shared memory; each thread accumulates a 4x4 register tile.
// Launch: grid (ceil(N*OH*OW / 64), ceil(F / 64)), 16x16 threads.
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

constexpr int kTileRows = 64, kTileCols = 64, kTileDepth = 16;
constexpr int kThreadsX = 16, kThreadsY = 16, kThreads = kThreadsX * kThreadsY;
constexpr int kPerThread = 4; // outputs per thread along rows and along columns

struct ConvShape {
  int batch, channels, height, width, filters, kernel_h, kernel_w, stride, padding, out_h, out_w;
};

__global__ void __launch_bounds__(kThreads)
    conv2d_nchw_implicit_gemm_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                     float* __restrict__ y, ConvShape s) {
  __shared__ float filter_tile[kTileDepth][kTileRows]; // W slice, depth-major
  __shared__ float patch_tile[kTileDepth][kTileCols];  // im2col slice
  const int out_plane = s.out_h * s.out_w;
  const int pixels = s.batch * out_plane;
  const int window = s.kernel_h * s.kernel_w;
  const int depth = s.channels * window;
  const int tile_row = blockIdx.y * kTileRows, tile_col = blockIdx.x * kTileCols;
  const int tid = threadIdx.y * kThreadsX + threadIdx.x;

  float acc[kPerThread][kPerThread] = {};
  for (int d0 = 0; d0 < depth; d0 += kTileDepth) {
    for (int e = tid; e < kTileRows * kTileDepth; e += kThreads) {
      const int r = e / kTileDepth, dd = e % kTileDepth;
      const int f = tile_row + r, d = d0 + dd;
      filter_tile[dd][r] = (f < s.filters && d < depth) ? w[size_t(f) * depth + d] : 0.0f;
    }
    // Consecutive threads take consecutive pixels: consecutive ow in X for stride 1.
    for (int e = tid; e < kTileDepth * kTileCols; e += kThreads) {
      const int dd = e / kTileCols, cc = e % kTileCols;
      const int d = d0 + dd, pixel = tile_col + cc;
      float value = 0.0f;
      if (d < depth && pixel < pixels) {
        const int c = d / window, kh = (d % window) / s.kernel_w, kw = d % s.kernel_w;
        const int n = pixel / out_plane, oh = (pixel % out_plane) / s.out_w, ow = pixel % s.out_w;
        const int ih = oh * s.stride - s.padding + kh, iw = ow * s.stride - s.padding + kw;
        if (ih >= 0 && ih < s.height && iw >= 0 && iw < s.width)
          value = x[((size_t(n) * s.channels + c) * s.height + ih) * s.width + iw];
      }
      patch_tile[dd][cc] = value;
    }
    __syncthreads();

    for (int dd = 0; dd < kTileDepth; ++dd) {
      float a[kPerThread], b[kPerThread];
      for (int i = 0; i < kPerThread; ++i)
        a[i] = filter_tile[dd][threadIdx.y + i * kThreadsY];
      for (int j = 0; j < kPerThread; ++j)
        b[j] = patch_tile[dd][threadIdx.x + j * kThreadsX];
      for (int i = 0; i < kPerThread; ++i)
        for (int j = 0; j < kPerThread; ++j)
          acc[i][j] += a[i] * b[j];
    }
    __syncthreads();
  }

  for (int i = 0; i < kPerThread; ++i) {
    const int f = tile_row + threadIdx.y + i * kThreadsY;
    if (f >= s.filters)
      continue;
    for (int j = 0; j < kPerThread; ++j) {
      const int pixel = tile_col + threadIdx.x + j * kThreadsX;
      if (pixel >= pixels)
        continue;
      const int n = pixel / out_plane, within_plane = pixel % out_plane;
      y[(size_t(n) * s.filters + f) * out_plane + within_plane] = acc[i][j];
    }
  }
}

extern "C" void run_conv2dnchw(const float* X, const float* W, float* Y, int batch, int channels,
                               int height, int width, int filters, int kernel_h, int kernel_w,
                               int stride, int padding) {
  if (stride <= 0 || padding < 0) {
    std::fprintf(stderr, "error: conv2dnchw needs stride > 0 and padding >= 0 (got %d, %d)\n",
                 stride, padding);
    return;
  }
  const ConvShape s{batch,
                    channels,
                    height,
                    width,
                    filters,
                    kernel_h,
                    kernel_w,
                    stride,
                    padding,
                    (height + 2 * padding - kernel_h) / stride + 1,
                    (width + 2 * padding - kernel_w) / stride + 1};
  if (batch <= 0 || channels <= 0 || filters <= 0 || kernel_h <= 0 || kernel_w <= 0 ||
      s.out_h <= 0 || s.out_w <= 0)
    return;
  const size_t x_bytes = size_t(batch) * channels * height * width * sizeof(float);
  const size_t w_bytes = size_t(filters) * channels * kernel_h * kernel_w * sizeof(float);
  const size_t y_bytes = size_t(batch) * filters * s.out_h * s.out_w * sizeof(float);
  float *d_x = nullptr, *d_w = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_x, x_bytes));
  CUDA_CHECK(cudaMalloc(&d_w, w_bytes));
  CUDA_CHECK(cudaMalloc(&d_y, y_bytes));
  CUDA_CHECK(cudaMemcpy(d_x, X, x_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_w, W, w_bytes, cudaMemcpyHostToDevice));

  const int pixels = batch * s.out_h * s.out_w;
  const dim3 grid((pixels + kTileCols - 1) / kTileCols, (filters + kTileRows - 1) / kTileRows);
  conv2d_nchw_implicit_gemm_kernel<<<grid, dim3(kThreadsX, kThreadsY)>>>(d_x, d_w, d_y, s);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(Y, d_y, y_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_w));
  CUDA_CHECK(cudaFree(d_y));
}
