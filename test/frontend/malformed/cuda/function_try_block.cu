// expect: 4:45: cannot use 'try'
#include <cuda_runtime.h>

__device__ float safe_div(float x, float y) try {
  return x / y;
} catch (...) {
  return 0.0f;
}

__global__ void div_kernel(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = safe_div(a[i], b[i]);
}
