// expect: 8:5: a while loop
#include <cuda_runtime.h>

__global__ void halve_kernel(float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = c[i];
    do {
      v = v * 0.5f;
    } while (v > 1.0f);
    c[i] = v;
  }
}
