// expect: 7:24: a call of `malloc`
#include <hip/hip_runtime.h>
#include <cstdlib>

__global__ void scratch_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float* tmp = (float*)malloc(4 * sizeof(float));
  if (i < n) {
    tmp[0] = a[i];
    c[i] = tmp[0] * 2.0f;
  }
  free(tmp);
}
