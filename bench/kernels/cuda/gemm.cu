// gemm: C[M, N] = A[M, K] * B[K, N], f16 inputs, f32 accumulation and output (row-major).
// Idiom: Tensor Cores through nvcuda::wmma 16x16x16 fragments. Each block computes a 64x64 tile of
// C with 4 warps in a 2x2 arrangement (32x32 per warp, 2x2 fragments). A and B tiles of depth 32
// are staged in shared memory with zero fill outside the matrix, so any M, N, K works (wmma's
// 32-byte alignment and ldm rules then hold by construction); the accumulators go through a shared
// f32 tile so the store to C can be guarded.
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
    gemm_f16_wmma_kernel(const __half* __restrict__ a, const __half* __restrict__ b,
                         float* __restrict__ c, int m, int n, int k) {
  __shared__ __align__(32) __half a_tile[kTileM][kTileK + kHalfPad];
  __shared__ __align__(32) __half b_tile[kTileK][kTileN + kHalfPad];
  __shared__ __align__(32) float c_tile[kTileM][kTileN + kFloatPad];

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
      a_tile[r][kk] = (row < m && col < k) ? a[size_t(row) * k + col] : __float2half(0.0f);
    }
    for (int e = threadIdx.x; e < kTileK * kTileN; e += kThreads) {
      const int kk = e / kTileN, cc = e % kTileN;
      const int row = k0 + kk, col = tile_col + cc;
      b_tile[kk][cc] = (row < k && col < n) ? b[size_t(row) * n + col] : __float2half(0.0f);
    }
    __syncthreads();

    for (int kk = 0; kk < kTileK; kk += kFragment) {
      wmma::fragment<wmma::matrix_a, kFragment, kFragment, kFragment, __half, wmma::row_major>
          a_frag[2];
      wmma::fragment<wmma::matrix_b, kFragment, kFragment, kFragment, __half, wmma::row_major>
          b_frag[2];
      for (int i = 0; i < 2; ++i)
        wmma::load_matrix_sync(a_frag[i], &a_tile[warp_row + i * kFragment][kk], kTileK + kHalfPad);
      for (int j = 0; j < 2; ++j)
        wmma::load_matrix_sync(b_frag[j], &b_tile[kk][warp_col + j * kFragment], kTileN + kHalfPad);
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
          wmma::mma_sync(acc[i][j], a_frag[i], b_frag[j], acc[i][j]);
    }
    __syncthreads();
  }

  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      wmma::store_matrix_sync(&c_tile[warp_row + i * kFragment][warp_col + j * kFragment],
                              acc[i][j], kTileN + kFloatPad, wmma::mem_row_major);
  __syncthreads();

  for (int e = threadIdx.x; e < kTileM * kTileN; e += kThreads) {
    const int r = e / kTileN, cc = e % kTileN;
    const int row = tile_row + r, col = tile_col + cc;
    if (row < m && col < n)
      c[size_t(row) * n + col] = c_tile[r][cc];
  }
}

extern "C" void run_gemm(const __half* A, const __half* B, float* C, int M, int N, int K) {
  if (M <= 0 || N <= 0 || K < 0)
    return;
  const size_t a_bytes = size_t(M) * K * sizeof(__half), b_bytes = size_t(K) * N * sizeof(__half);
  const size_t c_bytes = size_t(M) * N * sizeof(float);
  __half *d_a = nullptr, *d_b = nullptr;
  float* d_c = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, a_bytes > 0 ? a_bytes : sizeof(__half)));
  CUDA_CHECK(cudaMalloc(&d_b, b_bytes > 0 ? b_bytes : sizeof(__half)));
  CUDA_CHECK(cudaMalloc(&d_c, c_bytes));
  if (a_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_a, A, a_bytes, cudaMemcpyHostToDevice));
  if (b_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_b, B, b_bytes, cudaMemcpyHostToDevice));

  const dim3 grid((N + kTileN - 1) / kTileN, (M + kTileM - 1) / kTileM);
  gemm_f16_wmma_kernel<<<grid, kThreads>>>(d_a, d_b, d_c, M, N, K);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, c_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_b));
  CUDA_CHECK(cudaFree(d_c));
}
