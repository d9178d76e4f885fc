// expect: 8:22: the pointer `scratch`
#include <immintrin.h>

thread_local float scratch[16];

extern "C" void run_copy(const float* A, float* C, int n) {
  for (int i = 0; i < n; i += 16) {
    _mm512_storeu_ps(scratch, _mm512_loadu_ps(A + i));
    _mm512_storeu_ps(C + i, _mm512_loadu_ps(scratch));
  }
}
