// expect: 8:7: setjmp
#include <immintrin.h>
#include <csetjmp>

static jmp_buf on_error;

extern "C" void run_copy(const float* A, float* C, int n) {
  if (setjmp(on_error) != 0) return;
  for (int i = 0; i < n; i += 16) _mm512_storeu_ps(C + i, _mm512_loadu_ps(A + i));
}
