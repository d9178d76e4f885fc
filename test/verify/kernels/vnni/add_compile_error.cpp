// Negative test: does not compile (an undeclared identifier).
#include <immintrin.h>

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  for (int i = 0; i < n; i += 16)
    _mm512_storeu_ps(C + i, _mm512_add_ps(_mm512_loadu_ps(A + i), _mm512_loadu_ps(B + index)));
}
