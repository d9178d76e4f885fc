// sign: C[i] = -1, 0 or +1 by the sign of A[i] (0 for +-0) over n f32 elements.
// Idiom: AVX-512 compares into __mmask16 and masked blends; masked tail; OpenMP threads over
// chunks.
#include <immintrin.h>

extern "C" void run_sign(const float* A, float* C, int n) {
  const int chunks = (n + 15) / 16;
  const __m512 zero = _mm512_setzero_ps();
  const __m512 plus_one = _mm512_set1_ps(1.0f);
  const __m512 minus_one = _mm512_set1_ps(-1.0f);
#pragma omp parallel for schedule(static)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const int i = chunk * 16;
    const int remaining = n - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 a = _mm512_maskz_loadu_ps(lanes, A + i);
    const __mmask16 positive = _mm512_cmp_ps_mask(a, zero, _CMP_GT_OQ);
    const __mmask16 negative = _mm512_cmp_ps_mask(a, zero, _CMP_LT_OQ);
    __m512 result = _mm512_mask_blend_ps(positive, zero, plus_one);
    result = _mm512_mask_blend_ps(negative, result, minus_one);
    _mm512_mask_storeu_ps(C + i, lanes, result);
  }
}
