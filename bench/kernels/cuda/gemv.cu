// gemv: y[M] = A[M, K] * x[K] (f32, row-major A).
// Idiom: one warp per row of A (lanes read consecutive elements: coalesced), x staged through
// shared memory in chunks shared by the 8 rows of a block, a warp-shuffle reduction of the lane
// partials.
// Launch: ceil(M / 8) blocks of 256 threads.
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

constexpr int kThreads = 256;
constexpr int kRowsPerBlock = kThreads / 32;
constexpr int kChunk = 1024; // elements of x staged per step
constexpr unsigned kFullMask = 0xffffffffu;

__global__ void gemv_warp_per_row_kernel(const float* __restrict__ a, const float* __restrict__ x,
                                         float* __restrict__ y, int m, int k) {
  __shared__ float x_chunk[kChunk];
  const int lane = threadIdx.x % 32;
  const int row = blockIdx.x * kRowsPerBlock + threadIdx.x / 32;
  const float* a_row = a + size_t(row) * k;

  float partial = 0.0f;
  for (int k0 = 0; k0 < k; k0 += kChunk) {
    const int chunk = min(kChunk, k - k0);
    for (int i = threadIdx.x; i < chunk; i += kThreads)
      x_chunk[i] = x[k0 + i];
    __syncthreads();
    if (row < m)
      for (int i = lane; i < chunk; i += 32)
        partial += a_row[k0 + i] * x_chunk[i];
    __syncthreads();
  }

  for (int offset = 16; offset > 0; offset /= 2)
    partial += __shfl_down_sync(kFullMask, partial, offset);
  if (row < m && lane == 0)
    y[row] = partial;
}

extern "C" void run_gemv(const float* A, const float* x, float* y, int M, int K) {
  if (M <= 0 || K < 0)
    return;
  const size_t a_bytes = size_t(M) * K * sizeof(float), x_bytes = size_t(K) * sizeof(float);
  const size_t y_bytes = size_t(M) * sizeof(float);
  float *d_a = nullptr, *d_x = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, a_bytes > 0 ? a_bytes : sizeof(float)));
  CUDA_CHECK(cudaMalloc(&d_x, x_bytes > 0 ? x_bytes : sizeof(float)));
  CUDA_CHECK(cudaMalloc(&d_y, y_bytes));
  if (a_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_a, A, a_bytes, cudaMemcpyHostToDevice));
  if (x_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_x, x, x_bytes, cudaMemcpyHostToDevice));

  const int blocks = (M + kRowsPerBlock - 1) / kRowsPerBlock;
  gemv_warp_per_row_kernel<<<blocks, kThreads>>>(d_a, d_x, d_y, M, K);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(y, d_y, y_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_y));
}
