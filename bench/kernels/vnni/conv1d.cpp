// conv1d: y[i] = sum_j x[i + j] w[j], i < L - k + 1 (valid correlation, f32).
// Idiom: AVX-512 over 16 consecutive outputs: each tap broadcasts w[j] and FMAs it with an
// unaligned load of x shifted by j; the last chunk is masked, so no load passes x[L - 1]. OpenMP
// threads over chunks.
#include <immintrin.h>

extern "C" void run_conv1d(const float* x, const float* w, float* y, int L, int k) {
  const int outputs = L - k + 1;
  const int chunks = (outputs + 15) / 16;
#pragma omp parallel for schedule(static)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const int i = chunk * 16;
    const int remaining = outputs - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    __m512 acc = _mm512_setzero_ps();
    for (int j = 0; j < k; ++j)
      acc = _mm512_fmadd_ps(_mm512_set1_ps(w[j]), _mm512_maskz_loadu_ps(lanes, x + i + j), acc);
    _mm512_mask_storeu_ps(y + i, lanes, acc);
  }
}
