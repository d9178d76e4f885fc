// expect: 3:10: /dev/zero
#include <immintrin.h>
#include "/dev/zero"

extern "C" void run_copy(const float* A, float* C, int n) {
  for (int i = 0; i < n; ++i) C[i] = A[i];
}
