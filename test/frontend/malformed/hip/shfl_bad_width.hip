// expect: 6:95: a shuffle width other than 32
#include <hip/hip_runtime.h>

__global__ void reduce16_kernel(const float* a, float* c) {
  float v = a[threadIdx.x];
  for (int offset = 8; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset, 16);
  if (threadIdx.x % 16 == 0) c[threadIdx.x / 16] = v;
}
