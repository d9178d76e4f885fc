// expect: 6:24: malloc
#include <immintrin.h>
#include <cstdlib>

extern "C" void run_copy(const float* A, float* C, int n) {
  float* tmp = (float*)malloc(n * sizeof(float));
  for (int i = 0; i < n; i += 16) _mm512_storeu_ps(tmp + i, _mm512_loadu_ps(A + i));
  for (int i = 0; i < n; i += 16) _mm512_storeu_ps(C + i, _mm512_loadu_ps(tmp + i));
  free(tmp);
}
