// expect: 5:3: a for loop with a non-positive step
#include <hip/hip_runtime.h>

__global__ void fill_kernel(float* c, int n) {
  for (int i = 0; i < n; i += 0) c[i] = 1.0f;
}
