#include <cuda_runtime.h>
__global__ void k(float* a, int n) {
  int i = 0;
  while (i < n) { a[i] = 0.0f; i += 1; }
}
