// expect: 6:20: cannot use 'throw'
#include <cuda_runtime.h>

__global__ void check_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (a[i] < 0.0f) throw 1;
  c[i] = a[i];
}
