// expect: 8:7: a return before the end of the function
#include <hip/hip_runtime.h>

__global__ void scan_kernel(const float* a, float* c, int n) {
  for (int i = 0; i < n; ++i) {
    if (a[i] < 0.0f) {
      c[0] = i;
      return;
    }
  }
}
