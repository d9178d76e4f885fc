// expect: 7:11: a function pointer
#include <hip/hip_runtime.h>

__device__ float twice(float x) { return 2.0f * x; }

__global__ void map_kernel(const float* a, float* c, int n) {
  float (*op)(float) = twice;
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = op(a[i]);
}
