// expect: 7:3: switch
#include <hip/hip_runtime.h>

__global__ void act_kernel(const float* a, float* c, int n, int kind) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  switch (kind) {
  case 0: c[i] = a[i]; break;
  default: c[i] = a[i] > 0.0f ? a[i] : 0.0f; break;
  }
}
