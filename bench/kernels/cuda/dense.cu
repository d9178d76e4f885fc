// dense: Y[M, N] = X[M, K] * W[N, K]^T + bias[N], f16 X and W, f32 bias, accumulation and output.
// Idiom: Tensor Cores through nvcuda::wmma 16x16x16 fragments. Each block computes a 64x64 tile of
// Y with 4 warps in a 2x2 arrangement (32x32 per warp, 2x2 fragments). X and W tiles of depth 32
// are staged in shared memory with zero fill outside the matrices (any M, N, K; wmma's 32-byte
// alignment and ldm rules hold by construction). W stays in its [N, K] layout: a matrix_b fragment
// loaded col_major from it is W^T. The epilogue goes through a shared f32 tile and adds the bias.
// Launch: grid (ceil(N / 64), ceil(M / 64)), 128 threads per block.
#include <cstdio>
#include <cstdlib>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <mma.h>

#define CUDA_CHECK(call)                                                                           \
  do {                                                                                             \
    cudaError_t status_ = (call);                                                                  \
    if (status_ != cudaSuccess) {                                                                  \
      std::fprintf(stderr, "%s:%d: error: %s failed: %s\n", __FILE__, __LINE__, #call,             \
                   cudaGetErrorString(status_));                                                   \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

using namespace nvcuda;

constexpr int kTileM = 64, kTileN = 64, kTileK = 32;
constexpr int kFragment = 16;
constexpr int kWarpTileM = 32, kWarpTileN = 32;
constexpr int kThreads = 128;
// Row padding (in elements) against shared-memory bank conflicts; keeps ldm a multiple of 16 bytes.
constexpr int kHalfPad = 8, kFloatPad = 4;

__global__ void __launch_bounds__(kThreads)
    dense_f16_wmma_kernel(const __half* __restrict__ x, const __half* __restrict__ w,
                          const float* __restrict__ bias, float* __restrict__ y, int m, int n,
                          int k) {
  __shared__ __align__(32) __half x_tile[kTileM][kTileK + kHalfPad];
  __shared__ __align__(32) __half w_tile[kTileN][kTileK + kHalfPad];
  __shared__ __align__(32) float y_tile[kTileM][kTileN + kFloatPad];

  const int tile_row = blockIdx.y * kTileM, tile_col = blockIdx.x * kTileN;
  const int warp = threadIdx.x / 32;
  const int warp_row = (warp / 2) * kWarpTileM, warp_col = (warp % 2) * kWarpTileN;

  wmma::fragment<wmma::accumulator, kFragment, kFragment, kFragment, float> acc[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      wmma::fill_fragment(acc[i][j], 0.0f);

  for (int k0 = 0; k0 < k; k0 += kTileK) {
    for (int e = threadIdx.x; e < kTileM * kTileK; e += kThreads) {
      const int r = e / kTileK, kk = e % kTileK;
      const int row = tile_row + r, col = k0 + kk;
      x_tile[r][kk] = (row < m && col < k) ? x[size_t(row) * k + col] : __float2half(0.0f);
    }
    for (int e = threadIdx.x; e < kTileN * kTileK; e += kThreads) {
      const int r = e / kTileK, kk = e % kTileK;
      const int row = tile_col + r, col = k0 + kk;
      w_tile[r][kk] = (row < n && col < k) ? w[size_t(row) * k + col] : __float2half(0.0f);
    }
    __syncthreads();

    for (int kk = 0; kk < kTileK; kk += kFragment) {
      wmma::fragment<wmma::matrix_a, kFragment, kFragment, kFragment, __half, wmma::row_major>
          x_frag[2];
      wmma::fragment<wmma::matrix_b, kFragment, kFragment, kFragment, __half, wmma::col_major>
          w_frag[2];
      for (int i = 0; i < 2; ++i)
        wmma::load_matrix_sync(x_frag[i], &x_tile[warp_row + i * kFragment][kk], kTileK + kHalfPad);
      for (int j = 0; j < 2; ++j)
        wmma::load_matrix_sync(w_frag[j], &w_tile[warp_col + j * kFragment][kk], kTileK + kHalfPad);
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
          wmma::mma_sync(acc[i][j], x_frag[i], w_frag[j], acc[i][j]);
    }
    __syncthreads();
  }

  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      wmma::store_matrix_sync(&y_tile[warp_row + i * kFragment][warp_col + j * kFragment],
                              acc[i][j], kTileN + kFloatPad, wmma::mem_row_major);
  __syncthreads();

  for (int e = threadIdx.x; e < kTileM * kTileN; e += kThreads) {
    const int r = e / kTileN, cc = e % kTileN;
    const int row = tile_row + r, col = tile_col + cc;
    if (row < m && col < n)
      y[size_t(row) * n + col] = y_tile[r][cc] + bias[col];
  }
}

extern "C" void run_dense(const __half* X, const __half* W, const float* bias, float* Y, int M,
                          int N, int K) {
  if (M <= 0 || N <= 0 || K < 0)
    return;
  const size_t x_bytes = size_t(M) * K * sizeof(__half), w_bytes = size_t(N) * K * sizeof(__half);
  const size_t bias_bytes = size_t(N) * sizeof(float), y_bytes = size_t(M) * N * sizeof(float);
  __half *d_x = nullptr, *d_w = nullptr;
  float *d_bias = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_x, x_bytes > 0 ? x_bytes : sizeof(__half)));
  CUDA_CHECK(cudaMalloc(&d_w, w_bytes > 0 ? w_bytes : sizeof(__half)));
  CUDA_CHECK(cudaMalloc(&d_bias, bias_bytes));
  CUDA_CHECK(cudaMalloc(&d_y, y_bytes));
  if (x_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_x, X, x_bytes, cudaMemcpyHostToDevice));
  if (w_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_w, W, w_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_bias, bias, bias_bytes, cudaMemcpyHostToDevice));

  const dim3 grid((N + kTileN - 1) / kTileN, (M + kTileM - 1) / kTileM);
  dense_f16_wmma_kernel<<<grid, kThreads>>>(d_x, d_w, d_bias, d_y, M, N, K);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(Y, d_y, y_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_w));
  CUDA_CHECK(cudaFree(d_bias));
  CUDA_CHECK(cudaFree(d_y));
}
