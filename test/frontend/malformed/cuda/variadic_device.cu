// expect: 10:10: a call of the variadic function `sum_of`
#include <cuda_runtime.h>
#include <cstdarg>

__device__ float sum_of(int count, ...) {
  return 0.0f;
}

__global__ void sum_kernel(const float* a, float* c) {
  c[0] = sum_of(3, a[0], a[1], a[2]);
}
