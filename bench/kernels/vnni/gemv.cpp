// gemv: y[M] = A[M,K] x[K] (f32).
// Idiom: AVX-512 dot products. Four rows share each 16-lane slice of x (one load of x, four FMAs),
// the K tail is a masked load, and each row ends with one horizontal sum. OpenMP threads over
// blocks of rows.
#include <immintrin.h>

#include <cstddef>

namespace {

constexpr int kBlockRows = 4;

template <int Rows> void dot_rows(const float* A, const float* x, float* y, int row0, int K) {
  __m512 acc[Rows];
#pragma GCC unroll 8
  for (int i = 0; i < Rows; ++i)
    acc[i] = _mm512_setzero_ps();
  for (int k = 0; k < K; k += 16) {
    const int remaining = K - k;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 xs = _mm512_maskz_loadu_ps(lanes, x + k);
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i) {
      const float* row = A + static_cast<std::size_t>(row0 + i) * K;
      acc[i] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(lanes, row + k), xs, acc[i]);
    }
  }
#pragma GCC unroll 8
  for (int i = 0; i < Rows; ++i)
    y[row0 + i] = _mm512_reduce_add_ps(acc[i]);
}

// Runs the instantiation for the rows left in a row block: Rows, or fewer in the last block.
template <int Rows, typename... Args> void dot_remaining_rows(int rows, const Args&... args) {
  if constexpr (Rows > 1) {
    if (rows < Rows)
      return dot_remaining_rows<Rows - 1>(rows, args...);
  }
  dot_rows<Rows>(args...);
}

} // namespace

extern "C" void run_gemv(const float* A, const float* x, float* y, int M, int K) {
  const int blocks = (M + kBlockRows - 1) / kBlockRows;
#pragma omp parallel for schedule(static)
  for (int block = 0; block < blocks; ++block) {
    const int row0 = block * kBlockRows;
    dot_remaining_rows<kBlockRows>(M - row0, A, x, y, row0, K);
  }
}
