// expect: 6:15: goto
#include <hip/hip_runtime.h>

__global__ void clamp_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) goto done;
  c[i] = a[i] < 0.0f ? 0.0f : a[i];
done:
  return;
}
