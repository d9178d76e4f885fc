// expect: 6:21: an assignment inside an expression
#include <hip/hip_runtime.h>

__global__ void fill_kernel(float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = b[i] = 0.0f;
}
