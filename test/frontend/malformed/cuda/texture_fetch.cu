// expect: 4:31: unknown type name 'cudaTextureObject_t'
#include <cuda_runtime.h>

__global__ void gather_kernel(cudaTextureObject_t table, const int* idx, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = tex1Dfetch<float>(table, idx[i]);
}
