// expect: 6:21: use of undeclared identifier '__fast_gelu'
#include <cuda_runtime.h>

__global__ void gelu_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = __fast_gelu(a[i]);
}
