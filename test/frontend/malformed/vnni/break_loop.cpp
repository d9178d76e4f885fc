// expect: 9:7: break
#include <immintrin.h>

extern "C" void run_first_negative(const float* A, int* C, int n) {
  int found = n;
  for (int i = 0; i < n; ++i) {
    if (A[i] < 0.0f) {
      found = i;
      break;
    }
  }
  C[0] = found;
}
