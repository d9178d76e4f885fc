// expect: 5:16: dynamic allocation
#include <immintrin.h>

extern "C" void run_copy(const float* A, float* C, int n) {
  float* tmp = new float[n];
  for (int i = 0; i < n; ++i) tmp[i] = A[i];
  for (int i = 0; i < n; ++i) C[i] = tmp[i];
  delete[] tmp;
}
