// sin: C[i] = sin(A[i]) over n f32 elements.
// Idiom: AVX-512 polynomial evaluation (there is no sine instruction): x = k*pi + r with |r| <=
// pi/2 (two-constant Cody-Waite reduction, k rounded by roundscale), sin(r) by an odd polynomial to
// r^13 in FMA Horner form, and the sign of (-1)^k applied by XOR on the IEEE sign bit. Masked tail;
// OpenMP threads.
#include <immintrin.h>

static inline __m512 sin_ps(__m512 x) {
  const __m512 k = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(0.318309886f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(3.14159274f), x); // pi rounded to f32
  r = _mm512_fnmadd_ps(k, _mm512_set1_ps(-8.74227766e-8f), r);    // pi minus its f32 rounding
  const __m512 r2 = _mm512_mul_ps(r, r);
  __m512 p = _mm512_set1_ps(1.0f / 6227020800.0f);
  p = _mm512_fmadd_ps(p, r2, _mm512_set1_ps(-1.0f / 39916800.0f));
  p = _mm512_fmadd_ps(p, r2, _mm512_set1_ps(1.0f / 362880.0f));
  p = _mm512_fmadd_ps(p, r2, _mm512_set1_ps(-1.0f / 5040.0f));
  p = _mm512_fmadd_ps(p, r2, _mm512_set1_ps(1.0f / 120.0f));
  p = _mm512_fmadd_ps(p, r2, _mm512_set1_ps(-1.0f / 6.0f));
  p = _mm512_fmadd_ps(_mm512_mul_ps(p, r2), r, r);
  const __m512i odd_k_sign = _mm512_slli_epi32(_mm512_cvtps_epi32(k), 31);
  return _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(p), odd_k_sign));
}

extern "C" void run_sin(const float* A, float* C, int n) {
  const int chunks = (n + 15) / 16;
#pragma omp parallel for schedule(static)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const int i = chunk * 16;
    const int remaining = n - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 a = _mm512_maskz_loadu_ps(lanes, A + i);
    _mm512_mask_storeu_ps(C + i, lanes, sin_ps(a));
  }
}
