// expect: 6:16: dynamic allocation (new)
#include <hip/hip_runtime.h>

__global__ void scratch_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float* tmp = new float[4];
  if (i < n) c[i] = a[i];
  delete[] tmp;
}
