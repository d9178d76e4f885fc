// scatter (in place): A[idx[i], :] = U[i, :] for A[n, inner], idx[m] (i32, distinct), U[m, inner],
// f32. Rows of A that no index names keep their values; an index outside [0, n) is skipped (never
// written).
// Idiom: one block per update row along grid x (the index is read once per block and is uniform
// across it), threads copy the row with coalesced loads and stores; A is copied in and back out
// whole.
// Launch: grid (m, ceil(inner / 256) capped at 16), min(256, inner rounded up to a warp) threads.
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

__global__ void scatter_rows_kernel(float* __restrict__ a, const int* __restrict__ idx,
                                    const float* __restrict__ u, int n, int inner) {
  const int update_row = blockIdx.x;
  const int target = idx[update_row];
  if (target < 0 || target >= n)
    return; // uniform across the block
  float* out = a + size_t(target) * inner;
  const float* in = u + size_t(update_row) * inner;
  for (int j = blockIdx.y * blockDim.x + threadIdx.x; j < inner; j += gridDim.y * blockDim.x)
    out[j] = in[j];
}

extern "C" void run_scatter(float* A, const int* idx, const float* U, int n, int m, int inner) {
  if (n <= 0 || m <= 0 || inner <= 0)
    return;
  const size_t a_bytes = size_t(n) * inner * sizeof(float);
  const size_t idx_bytes = size_t(m) * sizeof(int), u_bytes = size_t(m) * inner * sizeof(float);
  float *d_a = nullptr, *d_u = nullptr;
  int* d_idx = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, a_bytes));
  CUDA_CHECK(cudaMalloc(&d_idx, idx_bytes));
  CUDA_CHECK(cudaMalloc(&d_u, u_bytes));
  CUDA_CHECK(cudaMemcpy(d_a, A, a_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_idx, idx, idx_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_u, U, u_bytes, cudaMemcpyHostToDevice));

  const int threads = std::min(256, (inner + 31) / 32 * 32);
  const dim3 grid(m, std::min((inner + threads - 1) / threads, 16));
  scatter_rows_kernel<<<grid, threads>>>(d_a, d_idx, d_u, n, inner);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(A, d_a, a_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_idx));
  CUDA_CHECK(cudaFree(d_u));
}
