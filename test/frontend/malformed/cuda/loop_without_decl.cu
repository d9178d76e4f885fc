// expect: 6:3: a for loop without a single loop-variable declaration
#include <cuda_runtime.h>

__global__ void fill_kernel(float* c, int n) {
  int i = 0;
  for (; i < n; ++i) c[i] = 1.0f;
}
