// expect: 5:3: a for loop whose body assigns the loop variable
#include <cuda_runtime.h>

__global__ void skip_kernel(const float* a, float* c, int n) {
  for (int i = 0; i < n; ++i) {
    c[i] = a[i];
    if (a[i] == 0.0f) i += 1;
  }
}
