// expect: 8:31: non-const reference
#include <immintrin.h>

static void accumulate(float& sum, float x) { sum += x * x; }

extern "C" void run_norm(const float* A, float* C, int n) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) accumulate(s, A[i]);
  C[0] = s;
}
