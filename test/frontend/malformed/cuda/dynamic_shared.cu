// expect: 14:39: dynamic shared memory
#include <cuda_runtime.h>

__global__ void copy_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i];
}

extern "C" void run_copy(const float* A, float* C, int n) {
  float *d_a, *d_c;
  cudaMalloc(&d_a, n * sizeof(float));
  cudaMalloc(&d_c, n * sizeof(float));
  cudaMemcpy(d_a, A, n * sizeof(float), cudaMemcpyHostToDevice);
  copy_kernel<<<(n + 255) / 256, 256, 256 * sizeof(float)>>>(d_a, d_c, n);
  cudaMemcpy(C, d_c, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(d_a);
  cudaFree(d_c);
}
