// dense (f16 in, f32 accumulate): Y[M,N] = X[M,K] W[N,K]^T + bias[N]; X, W f16, bias and Y f32.
// Idiom: AVX-512. f16 is widened exactly to f32 by _mm512_cvtph_ps (16 halves per masked 256-bit
// load); W is packed once, transposed, into f32 panels Wt[K][padded N] so that an 8x32 register
// tile of f32 accumulators (seeded with the bias) is updated by broadcast-X x Wt-row FMAs. OpenMP
// threads over (row block, column block) tiles; the last row block is a smaller instantiation, the
// column tail a masked store. f16 values travel as uint16_t bit patterns.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

constexpr int kTileRows = 8;
constexpr int kTileColumns = 32;

inline __mmask16 tail_lanes(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}

// Widens one row of `count` halves to f32.
void widen_row(const uint16_t* halves, float* floats, int count) {
  for (int i = 0; i < count; i += 16) {
    const __mmask16 lanes = tail_lanes(count - i);
    const __m256i packed = _mm256_maskz_loadu_epi16(lanes, halves + i);
    _mm512_mask_storeu_ps(floats + i, lanes, _mm512_cvtph_ps(packed));
  }
}

template <int Rows>
void compute_tile(const float* x, const float* w_t, const float* bias, float* Y, int K, int N,
                  int padded_n, int row0, int col0) {
  __m512 acc[Rows][2];
#pragma GCC unroll 8
  for (int half = 0; half < 2; ++half) {
    const int col = col0 + 16 * half;
    const __m512 b =
        col < N ? _mm512_maskz_loadu_ps(tail_lanes(N - col), bias + col) : _mm512_setzero_ps();
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i)
      acc[i][half] = b;
  }
  for (int k = 0; k < K; ++k) {
    const float* w = w_t + static_cast<std::size_t>(k) * padded_n + col0;
    const __m512 w_low = _mm512_loadu_ps(w);
    const __m512 w_high = _mm512_loadu_ps(w + 16);
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i) {
      const __m512 a = _mm512_set1_ps(x[static_cast<std::size_t>(row0 + i) * K + k]);
      acc[i][0] = _mm512_fmadd_ps(a, w_low, acc[i][0]);
      acc[i][1] = _mm512_fmadd_ps(a, w_high, acc[i][1]);
    }
  }
#pragma GCC unroll 8
  for (int half = 0; half < 2; ++half) {
    const int col = col0 + 16 * half;
    if (col >= N)
      break;
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i)
      _mm512_mask_storeu_ps(Y + static_cast<std::size_t>(row0 + i) * N + col, tail_lanes(N - col),
                            acc[i][half]);
  }
}

// Runs the instantiation for the rows left in a row block: Rows, or fewer in the last block.
template <int Rows, typename... Args> void compute_rows(int rows, const Args&... args) {
  if constexpr (Rows > 1) {
    if (rows < Rows)
      return compute_rows<Rows - 1>(rows, args...);
  }
  compute_tile<Rows>(args...);
}

} // namespace

extern "C" void run_dense(const uint16_t* X, const uint16_t* W, const float* bias, float* Y, int M,
                          int N, int K) {
  const int padded_n = (N + kTileColumns - 1) / kTileColumns * kTileColumns;
  std::vector<float> x(static_cast<std::size_t>(M) * K);
  std::vector<float> w(static_cast<std::size_t>(N) * K);
  std::vector<float> w_t(static_cast<std::size_t>(K) * padded_n, 0.0f);
#pragma omp parallel for schedule(static)
  for (int m = 0; m < M; ++m)
    widen_row(X + static_cast<std::size_t>(m) * K, x.data() + static_cast<std::size_t>(m) * K, K);
#pragma omp parallel for schedule(static)
  for (int n = 0; n < N; ++n)
    widen_row(W + static_cast<std::size_t>(n) * K, w.data() + static_cast<std::size_t>(n) * K, K);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < K; ++k)
    for (int n = 0; n < N; ++n)
      w_t[static_cast<std::size_t>(k) * padded_n + n] = w[static_cast<std::size_t>(n) * K + k];

  const int row_blocks = (M + kTileRows - 1) / kTileRows;
  const int col_blocks = padded_n / kTileColumns;
#pragma omp parallel for collapse(2) schedule(static)
  for (int rb = 0; rb < row_blocks; ++rb) {
    for (int cb = 0; cb < col_blocks; ++cb) {
      const int row0 = rb * kTileRows;
      const int col0 = cb * kTileColumns;
      compute_rows<kTileRows>(M - row0, x.data(), w_t.data(), bias, Y, K, N, padded_n, row0, col0);
    }
  }
}
