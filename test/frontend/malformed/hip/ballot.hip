// expect: 5:20: the warp collective `__ballot_sync`
#include <hip/hip_runtime.h>

__global__ void count_kernel(const float* a, unsigned* c) {
  unsigned votes = __ballot_sync(0xffffffffu, a[threadIdx.x] > 0.0f);
  if (threadIdx.x == 0) c[blockIdx.x] = votes;
}
