// expect: 5:30: recursion (a call of `power` inside itself)
#include <hip/hip_runtime.h>

__device__ float power(float x, int k) {
  return k == 0 ? 1.0f : x * power(x, k - 1);
}

__global__ void pow_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = power(a[i], 3);
}
