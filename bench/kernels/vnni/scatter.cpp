// scatter (in place): A[idx[i], :] = U[i, :] for A[n, inner], idx[m], U[m, inner]. Indices are
// distinct, so rows never collide; an index outside [0, n) is guarded and skipped (nothing is
// written). Idiom: AVX-512 row copies (16 floats per masked load/store, tail masked). OpenMP
// threads over i.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

extern "C" void run_scatter(float* A, const int32_t* idx, const float* U, int n, int m, int inner) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < m; ++i) {
    const int32_t target = idx[i];
    if (target < 0 || target >= n)
      continue;
    const float* from = U + static_cast<std::size_t>(i) * inner;
    float* to = A + static_cast<std::size_t>(target) * inner;
    for (int j = 0; j < inner; j += 16) {
      const int remaining = inner - j;
      const __mmask16 lanes =
          remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
      _mm512_mask_storeu_ps(to + j, lanes, _mm512_maskz_loadu_ps(lanes, from + j));
    }
  }
}
