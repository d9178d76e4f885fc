// gather: C[i, :] = A[idx[i], :] for A[n, inner], idx[m], C[m, inner]. An index outside [0, n) is
// guarded: its output row is zero-filled and A is not read.
// Idiom: AVX-512 row copies (16 floats per masked load/store, tail masked). OpenMP threads over i.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

extern "C" void run_gather(const float* A, const int32_t* idx, float* C, int n, int m, int inner) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < m; ++i) {
    const int32_t source = idx[i];
    const bool in_range = source >= 0 && source < n;
    const float* from = A + static_cast<std::size_t>(in_range ? source : 0) * inner;
    float* to = C + static_cast<std::size_t>(i) * inner;
    for (int j = 0; j < inner; j += 16) {
      const int remaining = inner - j;
      const __mmask16 lanes =
          remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
      const __m512 row = in_range ? _mm512_maskz_loadu_ps(lanes, from + j) : _mm512_setzero_ps();
      _mm512_mask_storeu_ps(to + j, lanes, row);
    }
  }
}
