// expect: 6:3: cannot use 'try'
#include <cuda_runtime.h>

__global__ void copy_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  try {
    c[i] = a[i];
  } catch (...) {
    c[i] = 0.0f;
  }
}
