// expect: 3:10: '/dev/zero' file not found
#include <cuda_runtime.h>
#include "/dev/zero"

__global__ void copy_kernel(const float* a, float* c) { c[threadIdx.x] = a[threadIdx.x]; }
