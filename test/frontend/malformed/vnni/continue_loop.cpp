// expect: 7:22: continue
#include <immintrin.h>

extern "C" void run_positive_sum(const float* A, float* C, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) {
    if (A[i] < 0.0f) continue;
    s += A[i];
  }
  C[0] = s;
}
