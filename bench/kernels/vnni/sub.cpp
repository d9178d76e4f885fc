// sub: C[i] = A[i] - B[i] over n f32 elements (any rank, flattened).
// Idiom: AVX-512 f32 vectors of 16 lanes; the tail is one masked load/store, so no element is
// touched twice and nothing past n is read. OpenMP threads split the 16-lane chunks.
#include <immintrin.h>

#include <cstdint>

extern "C" void run_sub(const float* A, const float* B, float* C, int n) {
  const int chunks = (n + 15) / 16;
#pragma omp parallel for schedule(static)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const int i = chunk * 16;
    const int remaining = n - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 a = _mm512_maskz_loadu_ps(lanes, A + i);
    const __m512 b = _mm512_maskz_loadu_ps(lanes, B + i);
    _mm512_mask_storeu_ps(C + i, lanes, _mm512_sub_ps(a, b));
  }
}
