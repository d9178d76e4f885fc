// transpose (perm [0, 2, 1]): B[b, j, i] = A[b, i, j] for A[batch, rows, cols].
// Idiom: AVX-512 strided gather: 16 consecutive rows of one column of A are fetched by one
// _mm512_mask_i32gather_ps (indices i * cols) and written as one contiguous 16-lane row slice of B;
// the row tail is masked (masked lanes read nothing). OpenMP threads over (batch, column).
#include <immintrin.h>

#include <cstddef>

extern "C" void run_transpose(const float* A, float* B, int batch, int rows, int cols) {
  const __m512i row_offsets =
      _mm512_mullo_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                         _mm512_set1_epi32(cols));
#pragma omp parallel for collapse(2) schedule(static)
  for (int b = 0; b < batch; ++b) {
    for (int j = 0; j < cols; ++j) {
      const float* column = A + static_cast<std::size_t>(b) * rows * cols + j;
      float* out_row = B + (static_cast<std::size_t>(b) * cols + j) * rows;
      for (int i0 = 0; i0 < rows; i0 += 16) {
        const int remaining = rows - i0;
        const __mmask16 lanes =
            remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
        const __m512 values =
            _mm512_mask_i32gather_ps(_mm512_setzero_ps(), lanes, row_offsets,
                                     column + static_cast<std::size_t>(i0) * cols, 4);
        _mm512_mask_storeu_ps(out_row + i0, lanes, values);
      }
    }
  }
}
