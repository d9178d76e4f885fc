// expect: 5:25: array is too large
#include <cuda_runtime.h>

__global__ void tile_kernel(const float* a, float* c) {
  __shared__ float tile[1ull << 62];
  tile[threadIdx.x] = a[threadIdx.x];
  __syncthreads();
  c[threadIdx.x] = tile[threadIdx.x];
}
