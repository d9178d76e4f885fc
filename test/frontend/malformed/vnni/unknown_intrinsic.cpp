// expect: 5:59: use of undeclared identifier '_mm512_gelu_ps'
#include <immintrin.h>

extern "C" void run_gelu(const float* A, float* C, int n) {
  for (int i = 0; i < n; i += 16) _mm512_storeu_ps(C + i, _mm512_gelu_ps(_mm512_loadu_ps(A + i)));
}
