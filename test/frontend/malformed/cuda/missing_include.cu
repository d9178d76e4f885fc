// expect: 3:10: file not found
#include <cuda_runtime.h>
#include <cub/cub.cuh>

__global__ void sum_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(c, a[i]);
}
