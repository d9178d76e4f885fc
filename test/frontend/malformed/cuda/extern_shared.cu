// expect: 5:27: `float[]`
#include <cuda_runtime.h>

__global__ void reverse_kernel(const float* a, float* c, int n) {
  extern __shared__ float smem[];
  smem[threadIdx.x] = a[threadIdx.x];
  __syncthreads();
  c[threadIdx.x] = smem[n - 1 - threadIdx.x];
}
