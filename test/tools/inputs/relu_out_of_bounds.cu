// relu whose loop runs one past the end: the interpreter reports the out-of-bounds write.
// Idiom: grid-stride loop, one element per thread per step, coalesced loads and stores.
// Launch: 256 threads per block, min(ceil(n / 256), 4096) blocks.
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

__global__ void relu_kernel(const float* __restrict__ a, float* __restrict__ c, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i <= n; i += gridDim.x * blockDim.x) {
    const float x = a[i];
    c[i] = fmaxf(x, 0.0f);
  }
}

extern "C" void run_relu(const float* A, float* C, int n) {
  if (n <= 0)
    return;
  const size_t bytes = size_t(n) * sizeof(float);
  float *d_a = nullptr, *d_c = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, bytes));
  CUDA_CHECK(cudaMalloc(&d_c, bytes));
  CUDA_CHECK(cudaMemcpy(d_a, A, bytes, cudaMemcpyHostToDevice));

  const int threads = 256;
  const int blocks = std::min((n + threads - 1) / threads, 4096);
  relu_kernel<<<blocks, threads>>>(d_a, d_c, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_c));
}
