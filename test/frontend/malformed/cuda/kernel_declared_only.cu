// expect: 11:3: a launch of a kernel defined elsewhere
#include <cuda_runtime.h>

__global__ void external_kernel(const float* a, float* c, int n);

extern "C" void run_external(const float* A, float* C, int n) {
  float *d_a, *d_c;
  cudaMalloc(&d_a, n * sizeof(float));
  cudaMalloc(&d_c, n * sizeof(float));
  cudaMemcpy(d_a, A, n * sizeof(float), cudaMemcpyHostToDevice);
  external_kernel<<<(n + 255) / 256, 256>>>(d_a, d_c, n);
  cudaMemcpy(C, d_c, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(d_a);
  cudaFree(d_c);
}
