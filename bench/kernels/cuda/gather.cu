// gather: C[i, :] = A[idx[i], :] for A[n, inner], idx[m] (i32), C[m, inner], f32. An index outside
// [0, n) is never dereferenced: its output row is filled with zeros.
// Idiom: one block per gathered row along grid x (the index is read once per block and is uniform
// across it), threads copy the row with coalesced loads and stores.
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

__global__ void gather_rows_kernel(const float* __restrict__ a, const int* __restrict__ idx,
                                   float* __restrict__ c, int n, int inner) {
  const int out_row = blockIdx.x;
  const int source = idx[out_row];
  const bool valid = source >= 0 && source < n;
  float* out = c + size_t(out_row) * inner;
  const float* in = a + size_t(valid ? source : 0) * inner;
  for (int j = blockIdx.y * blockDim.x + threadIdx.x; j < inner; j += gridDim.y * blockDim.x)
    out[j] = valid ? in[j] : 0.0f;
}

extern "C" void run_gather(const float* A, const int* idx, float* C, int n, int m, int inner) {
  if (m <= 0 || inner <= 0)
    return;
  const size_t a_bytes = size_t(n > 0 ? n : 0) * inner * sizeof(float);
  const size_t idx_bytes = size_t(m) * sizeof(int), c_bytes = size_t(m) * inner * sizeof(float);
  float *d_a = nullptr, *d_c = nullptr;
  int* d_idx = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, a_bytes > 0 ? a_bytes : sizeof(float)));
  CUDA_CHECK(cudaMalloc(&d_idx, idx_bytes));
  CUDA_CHECK(cudaMalloc(&d_c, c_bytes));
  if (a_bytes > 0)
    CUDA_CHECK(cudaMemcpy(d_a, A, a_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_idx, idx, idx_bytes, cudaMemcpyHostToDevice));

  const int threads = std::min(256, (inner + 31) / 32 * 32);
  const dim3 grid(m, std::min((inner + threads - 1) / threads, 16));
  gather_rows_kernel<<<grid, threads>>>(d_a, d_idx, d_c, n, inner);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, c_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_idx));
  CUDA_CHECK(cudaFree(d_c));
}
