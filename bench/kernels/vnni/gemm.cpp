// gemm (u8 x s8 -> s32): C[M,N] = A[M,K] B[K,N], exact integer arithmetic (wrap-around on
// overflow). Idiom: AVX-512 VNNI. B is packed once into the VNNI layout (four consecutive k of one
// column per 32-bit lane: Bp[k/4][n][4], zero-padded to whole k groups and whole column tiles),
// each row of A into 32-bit words of four k. An 8x32 register tile of s32 accumulators is updated
// by _mm512_dpbusd_epi32 (A word broadcast = unsigned operand, Bp row = signed operand). OpenMP
// threads over (row block, column block) tiles; the last row block is a smaller instantiation, the
// column tail a masked store.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

constexpr int kTileRows = 8;
constexpr int kTileColumns = 32;

struct PackedGemm {
  int k_groups = 0;              // ceil(K / 4)
  int padded_n = 0;              // N rounded up to kTileColumns
  std::vector<uint32_t> a_words; // [M][k_groups]
  std::vector<int8_t> b_groups;  // [k_groups][padded_n][4]
};

PackedGemm pack_operands(const uint8_t* A, const int8_t* B, int M, int N, int K) {
  PackedGemm packed;
  packed.k_groups = (K + 3) / 4;
  packed.padded_n = (N + kTileColumns - 1) / kTileColumns * kTileColumns;
  packed.a_words.assign(static_cast<std::size_t>(M) * packed.k_groups, 0u);
  packed.b_groups.assign(static_cast<std::size_t>(packed.k_groups) * packed.padded_n * 4, 0);
#pragma omp parallel for schedule(static)
  for (int m = 0; m < M; ++m)
    for (int k = 0; k < K; ++k)
      packed.a_words[static_cast<std::size_t>(m) * packed.k_groups + k / 4] |=
          static_cast<uint32_t>(A[static_cast<std::size_t>(m) * K + k]) << (8 * (k % 4));
#pragma omp parallel for schedule(static)
  for (int k = 0; k < K; ++k)
    for (int n = 0; n < N; ++n)
      packed.b_groups[(static_cast<std::size_t>(k / 4) * packed.padded_n + n) * 4 + k % 4] =
          B[static_cast<std::size_t>(k) * N + n];
  return packed;
}

template <int Rows>
void compute_tile(const PackedGemm& packed, int32_t* C, int row0, int col0, int N) {
  __m512i acc[Rows][2];
#pragma GCC unroll 8
  for (int i = 0; i < Rows; ++i)
    acc[i][0] = acc[i][1] = _mm512_setzero_si512();
  for (int g = 0; g < packed.k_groups; ++g) {
    const int8_t* b =
        packed.b_groups.data() + (static_cast<std::size_t>(g) * packed.padded_n + col0) * 4;
    const __m512i b_low = _mm512_loadu_si512(b);
    const __m512i b_high = _mm512_loadu_si512(b + 64);
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i) {
      const uint32_t word =
          packed.a_words[static_cast<std::size_t>(row0 + i) * packed.k_groups + g];
      const __m512i a = _mm512_set1_epi32(static_cast<int>(word));
      acc[i][0] = _mm512_dpbusd_epi32(acc[i][0], a, b_low);
      acc[i][1] = _mm512_dpbusd_epi32(acc[i][1], a, b_high);
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
      _mm512_mask_storeu_epi32(C + static_cast<std::size_t>(row0 + i) * N + col, lanes,
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

extern "C" void run_gemm(const uint8_t* A, const int8_t* B, int32_t* C, int M, int N, int K) {
  const PackedGemm packed = pack_operands(A, B, M, N, K);
  const int row_blocks = (M + kTileRows - 1) / kTileRows;
  const int col_blocks = (N + kTileColumns - 1) / kTileColumns;
#pragma omp parallel for collapse(2) schedule(static)
  for (int rb = 0; rb < row_blocks; ++rb) {
    for (int cb = 0; cb < col_blocks; ++cb) {
      const int row0 = rb * kTileRows;
      const int col0 = cb * kTileColumns;
      compute_rows<kTileRows>(M - row0, packed, C, row0, col0, N);
    }
  }
}
