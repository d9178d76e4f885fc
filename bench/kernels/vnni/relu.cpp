// relu: C[i] = max(A[i], 0) over n f32 elements.
// Idiom: AVX-512 f32 vectors of 16 lanes with a masked tail; OpenMP threads split the chunks.
#include <immintrin.h>

extern "C" void run_relu(const float* A, float* C, int n) {
  const int chunks = (n + 15) / 16;
  const __m512 zero = _mm512_setzero_ps();
#pragma omp parallel for schedule(static)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const int i = chunk * 16;
    const int remaining = n - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 a = _mm512_maskz_loadu_ps(lanes, A + i);
    _mm512_mask_storeu_ps(C + i, lanes, _mm512_max_ps(a, zero));
  }
}
