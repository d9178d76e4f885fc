// expect: 8:31: non-const reference
#include <hip/hip_runtime.h>

__device__ void accumulate(float& sum, float x) { sum += x * x; }

__global__ void norm_kernel(const float* a, float* c, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) accumulate(s, a[i]);
  c[0] = s;
}
