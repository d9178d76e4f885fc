// expect: 5:3: inline assembly
#include <hip/hip_runtime.h>

__global__ void wait_kernel(const float* a, float* c) {
  asm volatile("s_waitcnt vmcnt(0)" ::: "memory");
  c[threadIdx.x] = a[threadIdx.x];
}
