// expect: 6:5: inline assembly
#include <immintrin.h>

extern "C" void run_copy(const float* A, float* C, int n) {
  for (int i = 0; i < n; i += 16) {
    asm volatile("prefetcht0 (%0)" ::"r"(A + i + 64));
    _mm512_storeu_ps(C + i, _mm512_loadu_ps(A + i));
  }
}
