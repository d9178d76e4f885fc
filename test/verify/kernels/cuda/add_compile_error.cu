// Negative test: does not compile (the kernel is launched with a missing argument).
#include <cuda_runtime.h>

__global__ void add_kernel(const float* a, const float* b, float* c, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  const size_t bytes = size_t(n) * sizeof(float);
  float *a = nullptr, *b = nullptr, *c = nullptr;
  cudaMalloc(&a, bytes);
  cudaMalloc(&b, bytes);
  cudaMalloc(&c, bytes);
  cudaMemcpy(a, A, bytes, cudaMemcpyHostToDevice);
  cudaMemcpy(b, B, bytes, cudaMemcpyHostToDevice);
  add_kernel<<<(n + 127) / 128, 128>>>(a, b, c);
  cudaDeviceSynchronize();
  cudaMemcpy(C, c, bytes, cudaMemcpyDeviceToHost);
  cudaFree(a);
  cudaFree(b);
  cudaFree(c);
}
