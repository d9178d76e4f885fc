// expect: 11:8: a union
#include <hip/hip_runtime.h>

union Bits {
  float f;
  unsigned u;
};

__global__ void sign_kernel(const float* a, unsigned* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  Bits b;
  b.f = a[i];
  if (i < n) c[i] = b.u >> 31;
}
