// concat (axis 1): C[o, :] = [A[o, 0..a) | B[o, 0..b)] for A[outer, a], B[outer, b], C[outer, a +
// b]. Idiom: AVX-512 row copies, 16 floats per unaligned load/store, the tail of each piece masked.
// OpenMP threads over outer rows.
#include <immintrin.h>

#include <cstddef>

static inline void copy_floats(const float* from, float* to, int count) {
  for (int i = 0; i < count; i += 16) {
    const int remaining = count - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    _mm512_mask_storeu_ps(to + i, lanes, _mm512_maskz_loadu_ps(lanes, from + i));
  }
}

extern "C" void run_concat(const float* A, const float* B, float* C, int outer, int a, int b) {
#pragma omp parallel for schedule(static)
  for (int o = 0; o < outer; ++o) {
    float* out_row = C + static_cast<std::size_t>(o) * (a + b);
    copy_floats(A + static_cast<std::size_t>(o) * a, out_row, a);
    copy_floats(B + static_cast<std::size_t>(o) * b, out_row + a, b);
  }
}
