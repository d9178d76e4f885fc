// sum: C[r] = sum over the last axis of A[rows, n] (f32).
// Idiom: one block per row; each thread folds a strided slice of the row (coalesced), then a
// warp-shuffle butterfly reduction, per-warp partials in shared memory, and a final warp reduction.
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

__device__ __forceinline__ float combine(float a, float b) {
  return a + b;
}

// Every lane ends with the combination of all 32 lanes' values.
__device__ float warp_all_reduce(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v = combine(v, __shfl_xor_sync(kFullMask, v, offset));
  return v;
}

__global__ void sum_rows_kernel(const float* __restrict__ a, float* __restrict__ c, int n) {
  __shared__ float warp_partials[kThreads / 32];
  const float* row = a + size_t(blockIdx.x) * n;
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;

  float acc = 0.0f;
  for (int i = threadIdx.x; i < n; i += kThreads)
    acc = combine(acc, row[i]);
  acc = warp_all_reduce(acc);
  if (lane == 0)
    warp_partials[warp] = acc;
  __syncthreads();

  if (warp == 0) {
    float total = lane < kThreads / 32 ? warp_partials[lane] : 0.0f;
    total = warp_all_reduce(total);
    if (lane == 0)
      c[blockIdx.x] = total;
  }
}

extern "C" void run_sum(const float* A, float* C, int rows, int n) {
  if (rows <= 0)
    return;
  const size_t in_bytes = size_t(rows) * size_t(n) * sizeof(float);
  const size_t out_bytes = size_t(rows) * sizeof(float);
  float *d_a = nullptr, *d_c = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, in_bytes > 0 ? in_bytes : sizeof(float)));
  CUDA_CHECK(cudaMalloc(&d_c, out_bytes));
  if (in_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_a, A, in_bytes, cudaMemcpyHostToDevice));

  sum_rows_kernel<<<rows, kThreads>>>(d_a, d_c, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, out_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_c));
}
