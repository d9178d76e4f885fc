// expect: 5:14: a static local variable
#include <cuda_runtime.h>

__global__ void counter_kernel(float* c) {
  static int calls = 0;
  c[threadIdx.x] = calls;
}
