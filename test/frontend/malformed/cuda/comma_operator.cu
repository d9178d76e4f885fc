// expect: 6:22: the comma operator
#include <cuda_runtime.h>

__global__ void pair_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = (a[i] * 2.0f, a[i] + 1.0f);
}
