// expect: 7:22: continue
#include <cuda_runtime.h>

__global__ void positive_sum_kernel(const float* a, float* c, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) {
    if (a[i] < 0.0f) continue;
    s += a[i];
  }
  c[0] = s;
}
