// expect: 8:28: `weights`
#include <cuda_runtime.h>

__constant__ float weights[16];

__global__ void scale_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] * weights[i % 16];
}
