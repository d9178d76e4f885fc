// expect: 6:3: inline assembly
#include <cuda_runtime.h>

__global__ void publish_kernel(const float* a, float* c) {
  c[threadIdx.x] = a[threadIdx.x];
  asm volatile("membar.gl;" ::: "memory");
}
