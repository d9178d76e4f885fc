// bmm (bf16 x bf16 -> f32): C[b,M,N] = A[b,M,K] B[b,K,N] per batch, f32 accumulation.
// Idiom: AVX-512 BF16. Each batch's B is packed into the pair layout of _mm512_dpbf16_ps (two
// consecutive k of one column per 32-bit lane: Bp[k/2][n][2], zero-padded to whole pairs and whole
// column tiles), each row of A into 32-bit words of two k. An 8x32 register tile of f32
// accumulators is updated by _mm512_dpbf16_ps (exact bf16 products, f32 sums). OpenMP threads over
// (batch, row block, column block) tiles; the last row block is a smaller instantiation, the column
// tail a masked store. bf16 values travel as uint16_t bit patterns and enter the dot product
// through
// __m512i casts.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

constexpr int kTileRows = 8;
constexpr int kTileColumns = 32;

struct PackedBatch {
  int k_pairs = 0;               // ceil(K / 2)
  int padded_n = 0;              // N rounded up to kTileColumns
  std::vector<uint32_t> a_pairs; // [batch][M][k_pairs]
  std::vector<uint16_t> b_pairs; // [batch][k_pairs][padded_n][2]
};

PackedBatch pack_operands(const uint16_t* A, const uint16_t* B, int batch, int M, int N, int K) {
  PackedBatch packed;
  packed.k_pairs = (K + 1) / 2;
  packed.padded_n = (N + kTileColumns - 1) / kTileColumns * kTileColumns;
  const std::size_t a_batch = static_cast<std::size_t>(M) * packed.k_pairs;
  const std::size_t b_batch = static_cast<std::size_t>(packed.k_pairs) * packed.padded_n * 2;
  packed.a_pairs.assign(a_batch * batch, 0u);
  packed.b_pairs.assign(b_batch * batch, 0);
#pragma omp parallel for collapse(2) schedule(static)
  for (int b = 0; b < batch; ++b) {
    for (int m = 0; m < M; ++m) {
      const uint16_t* row = A + (static_cast<std::size_t>(b) * M + m) * K;
      uint32_t* words =
          packed.a_pairs.data() + b * a_batch + static_cast<std::size_t>(m) * packed.k_pairs;
      for (int k = 0; k < K; ++k)
        words[k / 2] |= static_cast<uint32_t>(row[k]) << (16 * (k % 2));
    }
  }
#pragma omp parallel for collapse(2) schedule(static)
  for (int b = 0; b < batch; ++b) {
    for (int k = 0; k < K; ++k) {
      const uint16_t* row = B + (static_cast<std::size_t>(b) * K + k) * N;
      uint16_t* pairs = packed.b_pairs.data() + b * b_batch +
                        static_cast<std::size_t>(k / 2) * packed.padded_n * 2;
      for (int n = 0; n < N; ++n)
        pairs[n * 2 + k % 2] = row[n];
    }
  }
  return packed;
}

template <int Rows>
void compute_tile(const uint32_t* a_pairs, const uint16_t* b_pairs, float* C, int k_pairs,
                  int padded_n, int row0, int col0, int N) {
  __m512 acc[Rows][2];
#pragma GCC unroll 8
  for (int i = 0; i < Rows; ++i)
    acc[i][0] = acc[i][1] = _mm512_setzero_ps();
  for (int p = 0; p < k_pairs; ++p) {
    const uint16_t* b = b_pairs + (static_cast<std::size_t>(p) * padded_n + col0) * 2;
    const __m512bh b_low = (__m512bh)_mm512_loadu_si512(b);
    const __m512bh b_high = (__m512bh)_mm512_loadu_si512(b + 32);
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i) {
      const uint32_t pair = a_pairs[static_cast<std::size_t>(row0 + i) * k_pairs + p];
      const __m512bh a = (__m512bh)_mm512_set1_epi32(static_cast<int>(pair));
      acc[i][0] = _mm512_dpbf16_ps(acc[i][0], a, b_low);
      acc[i][1] = _mm512_dpbf16_ps(acc[i][1], a, b_high);
    }
  }
#pragma GCC unroll 8
  for (int half = 0; half < 2; ++half) {
    const int col = col0 + 16 * half;
    if (col >= N)
      break;
    const int remaining = N - col;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i)
      _mm512_mask_storeu_ps(C + static_cast<std::size_t>(row0 + i) * N + col, lanes, acc[i][half]);
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

extern "C" void run_bmm(const uint16_t* A, const uint16_t* B, float* C, int batch, int M, int N,
                        int K) {
  const PackedBatch packed = pack_operands(A, B, batch, M, N, K);
  const std::size_t a_batch = static_cast<std::size_t>(M) * packed.k_pairs;
  const std::size_t b_batch = static_cast<std::size_t>(packed.k_pairs) * packed.padded_n * 2;
  const int row_blocks = (M + kTileRows - 1) / kTileRows;
  const int col_blocks = (N + kTileColumns - 1) / kTileColumns;
#pragma omp parallel for collapse(3) schedule(static)
  for (int b = 0; b < batch; ++b) {
    for (int rb = 0; rb < row_blocks; ++rb) {
      for (int cb = 0; cb < col_blocks; ++cb) {
        const uint32_t* a_pairs = packed.a_pairs.data() + b * a_batch;
        const uint16_t* b_pairs = packed.b_pairs.data() + b * b_batch;
        float* c = C + static_cast<std::size_t>(b) * M * N;
        const int row0 = rb * kTileRows;
        const int col0 = cb * kTileColumns;
        compute_rows<kTileRows>(M - row0, a_pairs, b_pairs, c, packed.k_pairs, packed.padded_n,
                                row0, col0, N);
      }
    }
  }
}
