// Device-only kernel: each block reverses its blockDim.x-element slice through dynamic shared
// memory (extern __shared__), sized by the launch.
#include <cuda_runtime.h>

__global__ void reverse_blocks(const float* in, float* out) {
  extern __shared__ float tile[];
  const unsigned base = blockIdx.x * blockDim.x;
  tile[threadIdx.x] = in[base + threadIdx.x];
  __syncthreads();
  out[base + threadIdx.x] = tile[blockDim.x - 1 - threadIdx.x];
}
