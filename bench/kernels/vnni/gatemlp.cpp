// gatemlp: Y[M,N] = silu(X Wg) * (X Wu), silu(g) = g / (1 + exp(-g)); X[M,K], Wg/Wu[K,N] f32.
// Idiom: AVX-512 register tiling of both GEMMs at once: an 8x16 tile keeps 8 gate and 8 up
// accumulators, each k broadcasts X[row, k] against one 16-lane row slice of Wg and of Wu (masked
// on the N tail), and the epilogue applies silu (exp by range reduction + polynomial + scalef) and
// the product before one masked store. OpenMP threads over (row block, column block) tiles.
#include <immintrin.h>

#include <cstddef>

// e^x on 16 lanes (AVX-512 has no exp instruction): x = n*ln2 + r with |r| <= ln2/2 (n rounded by
// roundscale, ln2 split in two constants), e^r by a degree-7 Taylor polynomial in FMA Horner form,
// and the 2^n factor applied exactly by scalef. Inputs are clamped to [-88, 88], inside f32's
// range.
static inline __m512 exp_ps(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(88.0f)), _mm512_set1_ps(-88.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145752f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.42860677e-6f), r);
  __m512 p = _mm512_set1_ps(1.0f / 5040.0f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);
}

namespace {

constexpr int kTileRows = 8;

template <int Rows>
void compute_tile(const float* X, const float* Wg, const float* Wu, float* Y, int N, int K,
                  int row0, int col0) {
  const int remaining = N - col0;
  const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
  __m512 gate[Rows];
  __m512 up[Rows];
#pragma GCC unroll 8
  for (int i = 0; i < Rows; ++i)
    gate[i] = up[i] = _mm512_setzero_ps();
  for (int k = 0; k < K; ++k) {
    const __m512 wg = _mm512_maskz_loadu_ps(lanes, Wg + static_cast<std::size_t>(k) * N + col0);
    const __m512 wu = _mm512_maskz_loadu_ps(lanes, Wu + static_cast<std::size_t>(k) * N + col0);
#pragma GCC unroll 8
    for (int i = 0; i < Rows; ++i) {
      const __m512 x = _mm512_set1_ps(X[static_cast<std::size_t>(row0 + i) * K + k]);
      gate[i] = _mm512_fmadd_ps(x, wg, gate[i]);
      up[i] = _mm512_fmadd_ps(x, wu, up[i]);
    }
  }
  const __m512 one = _mm512_set1_ps(1.0f);
#pragma GCC unroll 8
  for (int i = 0; i < Rows; ++i) {
    const __m512 sigmoid =
        _mm512_div_ps(one, _mm512_add_ps(one, exp_ps(_mm512_sub_ps(_mm512_setzero_ps(), gate[i]))));
    const __m512 y = _mm512_mul_ps(_mm512_mul_ps(gate[i], sigmoid), up[i]);
    _mm512_mask_storeu_ps(Y + static_cast<std::size_t>(row0 + i) * N + col0, lanes, y);
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

extern "C" void run_gatemlp(const float* X, const float* Wg, const float* Wu, float* Y, int M,
                            int N, int K) {
  const int row_blocks = (M + kTileRows - 1) / kTileRows;
  const int col_blocks = (N + 15) / 16;
#pragma omp parallel for collapse(2) schedule(static)
  for (int rb = 0; rb < row_blocks; ++rb) {
    for (int cb = 0; cb < col_blocks; ++cb) {
      const int row0 = rb * kTileRows;
      const int col0 = cb * 16;
      compute_rows<kTileRows>(M - row0, X, Wg, Wu, Y, N, K, row0, col0);
    }
  }
}
