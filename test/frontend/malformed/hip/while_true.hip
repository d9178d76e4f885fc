// expect: 6:3: a while loop
#include <hip/hip_runtime.h>

__global__ void find_kernel(const int* a, int* c, int n, int key) {
  int i = 0;
  while (true) {
    if (i >= n || a[i] == key) break;
    ++i;
  }
  c[0] = i;
}
