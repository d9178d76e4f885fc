// expect: 7:25: a kernel launch inside device code
#include <hip/hip_runtime.h>

__global__ void child_kernel(float* c) { c[threadIdx.x] = 1.0f; }

__global__ void parent_kernel(float* c) {
  if (threadIdx.x == 0) child_kernel<<<1, 32>>>(c);
}
