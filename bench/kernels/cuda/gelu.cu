// gelu: C[i] = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), x = A[i] (the tanh form), n f32
// values.
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

__global__ void gelu_kernel(const float* __restrict__ a, float* __restrict__ c, int n) {
  const float sqrt_2_over_pi = 0.7978845608028654f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    const float x = a[i];
    const float inner = sqrt_2_over_pi * (x + 0.044715f * x * x * x);
    c[i] = 0.5f * x * (1.0f + tanhf(inner));
  }
}

extern "C" void run_gelu(const float* A, float* C, int n) {
  if (n <= 0)
    return;
  const size_t bytes = size_t(n) * sizeof(float);
  float *d_a = nullptr, *d_c = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, bytes));
  CUDA_CHECK(cudaMalloc(&d_c, bytes));
  CUDA_CHECK(cudaMemcpy(d_a, A, bytes, cudaMemcpyHostToDevice));

  const int threads = 256;
  const int blocks = std::min((n + threads - 1) / threads, 4096);
  gelu_kernel<<<blocks, threads>>>(d_a, d_c, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_c));
}
