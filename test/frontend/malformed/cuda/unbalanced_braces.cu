// expect: 7:38: expected '}'
#include <cuda_runtime.h>

__global__ void relu_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    c[i] = a[i] > 0.0f ? a[i] : 0.0f;
