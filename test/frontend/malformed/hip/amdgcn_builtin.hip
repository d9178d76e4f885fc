// expect: 5:15: __builtin_amdgcn_readfirstlane
#include <hip/hip_runtime.h>

__global__ void broadcast_kernel(const int* a, int* c) {
  int first = __builtin_amdgcn_readfirstlane(a[threadIdx.x]);
  c[threadIdx.x] = first;
}
