// expect: 7:16: an atomic whose old value is used
#include <cuda_runtime.h>

__global__ void compact_kernel(const float* a, float* c, int* count, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && a[i] > 0.0f) {
    int slot = atomicAdd(count, 1);
    c[slot] = a[i];
  }
}
