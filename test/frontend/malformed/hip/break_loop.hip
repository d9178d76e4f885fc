// expect: 9:7: break
#include <hip/hip_runtime.h>

__global__ void first_negative_kernel(const float* a, int* c, int n) {
  int found = n;
  for (int i = 0; i < n; ++i) {
    if (a[i] < 0.0f) {
      found = i;
      break;
    }
  }
  c[0] = found;
}
