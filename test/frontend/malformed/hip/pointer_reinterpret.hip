// expect: 6:21: a pointer cast that reinterprets the element type
#include <hip/hip_runtime.h>

__global__ void bits_kernel(const float* a, int* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  const int* bits = (const int*)a;
  if (i < n) c[i] = bits[i];
}
