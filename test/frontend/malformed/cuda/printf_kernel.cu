// expect: 8:5: printing from device code
#include <cuda_runtime.h>
#include <cstdio>

__global__ void debug_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    printf("a[%d] = %f\n", i, a[i]);
    c[i] = a[i];
  }
}
