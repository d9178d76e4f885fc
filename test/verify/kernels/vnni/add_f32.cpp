// add over n f32 values with AVX-512: 16 lanes per step, a masked step for the n % 16 tail.
#include <immintrin.h>

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  int i = 0;
  for (; i + 16 <= n; i += 16)
    _mm512_storeu_ps(C + i, _mm512_add_ps(_mm512_loadu_ps(A + i), _mm512_loadu_ps(B + i)));
  if (i < n) {
    const __mmask16 tail = static_cast<__mmask16>((1u << (n - i)) - 1u);
    _mm512_mask_storeu_ps(C + i, tail, _mm512_add_ps(_mm512_maskz_loadu_ps(tail, A + i), _mm512_maskz_loadu_ps(tail, B + i)));
  }
}
