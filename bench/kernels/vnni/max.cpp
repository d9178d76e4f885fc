// max: C[r] = max_i A[r, i] over the last axis of A[rows, n] (f32).
// Idiom: one row per OpenMP iteration; AVX-512 16-lane partial results accumulated along the row,
// the tail loaded with a mask (masked-off lanes hold -inf), then one horizontal max
// (_mm512_reduce_max_ps) across the lanes.
#include <immintrin.h>

#include <cstddef>
#include <limits>

extern "C" void run_max(const float* A, float* C, int rows, int n) {
#pragma omp parallel for schedule(static)
  for (int r = 0; r < rows; ++r) {
    const float* row = A + static_cast<std::ptrdiff_t>(r) * n;
    const __m512 identity = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    __m512 partial = identity;
    int i = 0;
    for (; i + 16 <= n; i += 16)
      partial = _mm512_max_ps(partial, _mm512_loadu_ps(row + i));
    if (i < n) {
      const __mmask16 lanes = __mmask16((1u << (n - i)) - 1u);
      partial = _mm512_max_ps(partial, _mm512_mask_loadu_ps(identity, lanes, row + i));
    }
    C[r] = _mm512_reduce_max_ps(partial);
  }
}
