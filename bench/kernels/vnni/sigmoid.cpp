// sigmoid: C[i] = 1 / (1 + exp(-A[i])) over n f32 elements.
// Idiom: AVX-512 f32 vectors, exp by range reduction + polynomial + scalef, exact division; masked
// tail; OpenMP threads over 16-lane chunks.
#include <immintrin.h>

// e^x on 16 lanes (AVX-512 has no exp instruction): x = n*ln2 + r with |r| <= ln2/2 (n rounded by
// roundscale, ln2 split in two constants), e^r by a degree-7 Taylor polynomial in FMA Horner form,
// and the 2^n factor applied exactly by scalef. Inputs are clamped to [-88, 88], inside f32's
// range.
static inline __m512 exp_ps(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(88.0f)), _mm512_set1_ps(-88.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145752f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.42860677e-6f), r);
  __m512 p = _mm512_set1_ps(1.0f / 5040.0f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);
}

extern "C" void run_sigmoid(const float* A, float* C, int n) {
  const int chunks = (n + 15) / 16;
  const __m512 one = _mm512_set1_ps(1.0f);
#pragma omp parallel for schedule(static)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const int i = chunk * 16;
    const int remaining = n - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 a = _mm512_maskz_loadu_ps(lanes, A + i);
    const __m512 e = exp_ps(_mm512_sub_ps(_mm512_setzero_ps(), a));
    _mm512_mask_storeu_ps(C + i, lanes, _mm512_div_ps(one, _mm512_add_ps(one, e)));
  }
}
