// expect: 14:18: recursion (a call of `even` inside itself)
#include <cuda_runtime.h>

__device__ int odd(int k);

__device__ int even(int k) {
  int r = 1;
  if (k > 0) r = odd(k - 1);
  return r;
}

__device__ int odd(int k) {
  int r = 0;
  if (k > 0) r = even(k - 1);
  return r;
}

__global__ void parity_kernel(const int* a, int* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = even(a[i]);
}
