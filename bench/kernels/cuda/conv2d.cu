// conv2d (NHWC), stride s, zero padding p, f32:
//   Y[n, oh, ow, f] = sum_{kh, kw, c} X[n, oh*s - p + kh, ow*s - p + kw, c] * W[kh, kw, c, f]
// Idiom: implicit GEMM. Rows are output pixels (n, oh, ow), columns are filters, the reduction runs
// over (kh, kw, c), which is exactly the row-major layout of W. Each block computes a 64x64 tile;
// 16-deep slices of the im2col matrix (gathered on the fly, zero outside the image) and of W are
// staged in shared memory; each thread accumulates a 4x4 register tile.
// Launch: grid (ceil(F / 64), ceil(N*OH*OW / 64)), 16x16 threads.
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
  int batch, height, width, channels, filters, kernel_h, kernel_w, stride, padding, out_h, out_w;
};

__global__ void __launch_bounds__(kThreads)
    conv2d_nhwc_implicit_gemm_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                     float* __restrict__ y, ConvShape s) {
  __shared__ float patch_tile[kTileDepth][kTileRows];  // im2col slice, depth-major
  __shared__ float filter_tile[kTileDepth][kTileCols]; // W slice
  const int pixels = s.batch * s.out_h * s.out_w;
  const int depth = s.kernel_h * s.kernel_w * s.channels;
  const int tile_row = blockIdx.y * kTileRows, tile_col = blockIdx.x * kTileCols;
  const int tid = threadIdx.y * kThreadsX + threadIdx.x;

  float acc[kPerThread][kPerThread] = {};
  for (int d0 = 0; d0 < depth; d0 += kTileDepth) {
    // Consecutive threads take consecutive reduction indices: consecutive channels in X.
    for (int e = tid; e < kTileRows * kTileDepth; e += kThreads) {
      const int r = e / kTileDepth, dd = e % kTileDepth;
      const int pixel = tile_row + r, d = d0 + dd;
      float value = 0.0f;
      if (pixel < pixels && d < depth) {
        const int c = d % s.channels, kw = (d / s.channels) % s.kernel_w,
                  kh = d / (s.channels * s.kernel_w);
        const int ow = pixel % s.out_w, oh = (pixel / s.out_w) % s.out_h,
                  n = pixel / (s.out_w * s.out_h);
        const int ih = oh * s.stride - s.padding + kh, iw = ow * s.stride - s.padding + kw;
        if (ih >= 0 && ih < s.height && iw >= 0 && iw < s.width)
          value = x[((size_t(n) * s.height + ih) * s.width + iw) * s.channels + c];
      }
      patch_tile[dd][r] = value;
    }
    for (int e = tid; e < kTileDepth * kTileCols; e += kThreads) {
      const int dd = e / kTileCols, cc = e % kTileCols;
      const int d = d0 + dd, f = tile_col + cc;
      filter_tile[dd][cc] = (d < depth && f < s.filters) ? w[size_t(d) * s.filters + f] : 0.0f;
    }
    __syncthreads();

    for (int dd = 0; dd < kTileDepth; ++dd) {
      float a[kPerThread], b[kPerThread];
      for (int i = 0; i < kPerThread; ++i)
        a[i] = patch_tile[dd][threadIdx.y + i * kThreadsY];
      for (int j = 0; j < kPerThread; ++j)
        b[j] = filter_tile[dd][threadIdx.x + j * kThreadsX];
      for (int i = 0; i < kPerThread; ++i)
        for (int j = 0; j < kPerThread; ++j)
          acc[i][j] += a[i] * b[j];
    }
    __syncthreads();
  }

  for (int i = 0; i < kPerThread; ++i) {
    const int pixel = tile_row + threadIdx.y + i * kThreadsY;
    if (pixel >= pixels)
      continue;
    for (int j = 0; j < kPerThread; ++j) {
      const int f = tile_col + threadIdx.x + j * kThreadsX;
      if (f < s.filters)
        y[size_t(pixel) * s.filters + f] = acc[i][j];
    }
  }
}

extern "C" void run_conv2d(const float* X, const float* W, float* Y, int batch, int height,
                           int width, int channels, int filters, int kernel_h, int kernel_w,
                           int stride, int padding) {
  if (stride <= 0 || padding < 0) {
    std::fprintf(stderr, "error: conv2d needs stride > 0 and padding >= 0 (got %d, %d)\n", stride,
                 padding);
    return;
  }
  const ConvShape s{batch,
                    height,
                    width,
                    channels,
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
  const size_t x_bytes = size_t(batch) * height * width * channels * sizeof(float);
  const size_t w_bytes = size_t(kernel_h) * kernel_w * channels * filters * sizeof(float);
  const size_t y_bytes = size_t(batch) * s.out_h * s.out_w * filters * sizeof(float);
  float *d_x = nullptr, *d_w = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_x, x_bytes));
  CUDA_CHECK(cudaMalloc(&d_w, w_bytes));
  CUDA_CHECK(cudaMalloc(&d_y, y_bytes));
  CUDA_CHECK(cudaMemcpy(d_x, X, x_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_w, W, w_bytes, cudaMemcpyHostToDevice));

  const int pixels = batch * s.out_h * s.out_w;
  const dim3 grid((filters + kTileCols - 1) / kTileCols, (pixels + kTileRows - 1) / kTileRows);
  conv2d_nhwc_implicit_gemm_kernel<<<grid, dim3(kThreadsX, kThreadsY)>>>(d_x, d_w, d_y, s);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(Y, d_y, y_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_w));
  CUDA_CHECK(cudaFree(d_y));
}
