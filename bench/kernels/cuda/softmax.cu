// softmax: C[r, :] = exp(A[r, :] - max) / sum(exp(A[r, :] - max)) over the last axis of A[rows, n]
// (f32).
// Idiom: one block per row; three coalesced passes over the row (max, sum of exponentials, write),
// each reduced with warp shuffles and per-warp partials in shared memory.
// Launch: rows blocks of 256 threads.
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
constexpr unsigned kFullMask = 0xffffffffu;

__device__ float warp_all_reduce_sum(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v += __shfl_xor_sync(kFullMask, v, offset);
  return v;
}

__device__ float warp_all_reduce_max(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v = fmaxf(v, __shfl_xor_sync(kFullMask, v, offset));
  return v;
}

// Block-wide sum returned to every thread. Must be reached by all threads of the block.
__device__ float block_all_reduce_sum(float v) {
  __shared__ float warp_partials[kThreads / 32];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  v = warp_all_reduce_sum(v);
  __syncthreads(); // a previous call may still be reading warp_partials
  if (lane == 0)
    warp_partials[warp] = v;
  __syncthreads();
  return warp_all_reduce_sum(lane < kThreads / 32 ? warp_partials[lane] : 0.0f);
}

__device__ float block_all_reduce_max(float v) {
  __shared__ float warp_partials[kThreads / 32];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  v = warp_all_reduce_max(v);
  __syncthreads();
  if (lane == 0)
    warp_partials[warp] = v;
  __syncthreads();
  return warp_all_reduce_max(lane < kThreads / 32 ? warp_partials[lane] : -INFINITY);
}

__global__ void softmax_rows_kernel(const float* __restrict__ a, float* __restrict__ c, int n) {
  const float* row = a + size_t(blockIdx.x) * n;
  float* out = c + size_t(blockIdx.x) * n;

  float local_max = -INFINITY;
  for (int i = threadIdx.x; i < n; i += kThreads)
    local_max = fmaxf(local_max, row[i]);
  const float row_max = block_all_reduce_max(local_max);

  float local_sum = 0.0f;
  for (int i = threadIdx.x; i < n; i += kThreads)
    local_sum += expf(row[i] - row_max);
  const float inverse_sum = 1.0f / block_all_reduce_sum(local_sum);

  for (int i = threadIdx.x; i < n; i += kThreads)
    out[i] = expf(row[i] - row_max) * inverse_sum;
}

extern "C" void run_softmax(const float* A, float* C, int rows, int n) {
  if (rows <= 0 || n <= 0)
    return;
  const size_t bytes = size_t(rows) * size_t(n) * sizeof(float);
  float *d_a = nullptr, *d_c = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, bytes));
  CUDA_CHECK(cudaMalloc(&d_c, bytes));
  CUDA_CHECK(cudaMemcpy(d_a, A, bytes, cudaMemcpyHostToDevice));

  softmax_rows_kernel<<<rows, kThreads>>>(d_a, d_c, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_c));
}
