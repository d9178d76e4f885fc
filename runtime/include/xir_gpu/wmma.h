// nvcuda::wmma on the CPU, simulated per warp: lane l holds tile elements (l * num_elements + i)
// mod tile size (the hardware mapping is unspecified, only uniform element-wise use is portable).
// load/store move a lane's own elements after/before converging the warp; mma_sync is a warp
// collective that gathers the whole A, B and C tiles, multiplies with exact products and scatters D.
#pragma once

#include "xir_gpu/float16_types.h"
#include "xir_gpu/warp.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace nvcuda::wmma {

struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
enum layout_t { mem_row_major, mem_col_major };
namespace precision {
struct tf32 {};
} // namespace precision
namespace experimental {
namespace precision {
struct s4 {}; // 4-bit signed, 8 per 32-bit storage word
struct u4 {}; // 4-bit unsigned
struct b1 {}; // single bits, 32 per storage word
} // namespace precision
enum bmmaBitOp { bmmaBitOpXOR = 1, bmmaBitOpAND = 2 };
enum bmmaAccumulateOp { bmmaAccumulateOpPOPC = 1 };
} // namespace experimental

namespace detail {

template <class Use, int M, int N, int K> struct Shape;
template <int M, int N, int K> struct Shape<matrix_a, M, N, K> { static constexpr int rows = M, cols = K; };
template <int M, int N, int K> struct Shape<matrix_b, M, N, K> { static constexpr int rows = K, cols = N; };
template <int M, int N, int K> struct Shape<accumulator, M, N, K> { static constexpr int rows = M, cols = N; };

template <class T> struct Storage {
  using type = T;
  static constexpr int per_word = 1; // logical elements per storage element
};
template <> struct Storage<precision::tf32> {
  using type = float;
  static constexpr int per_word = 1;
};
template <> struct Storage<experimental::precision::s4> {
  using type = int;
  static constexpr int per_word = 8;
};
template <> struct Storage<experimental::precision::u4> {
  using type = unsigned;
  static constexpr int per_word = 8;
};
template <> struct Storage<experimental::precision::b1> {
  using type = unsigned;
  static constexpr int per_word = 32;
};

// Elements per thread, from the CUDA header's fragment specialisations.
template <class Use, int M, int N, int K, class T> constexpr int elements_per_thread() {
  if constexpr (std::is_same_v<Use, accumulator>) {
    return M * N / 32;
  } else if constexpr (Storage<T>::per_word > 1) { // sub-byte: one packed word per lane
    return Storage<T>::per_word;
  } else if constexpr (std::is_same_v<T, __half>) {
    return 16;
  } else if constexpr (std::is_same_v<T, precision::tf32>) {
    return 4;
  } else if constexpr (std::is_same_v<T, double>) {
    return 1;
  } else { // 8-bit integers and bf16
    if (M == 16) return 8;
    const bool wide_operand = (M == 32) == std::is_same_v<Use, matrix_a>;
    return wide_operand ? 16 : 4;
  }
}

template <class T> double widen(T v) {
  if constexpr (std::is_same_v<T, __half> || std::is_same_v<T, __nv_bfloat16>) return float(v);
  else return static_cast<double>(v);
}

// Tensor cores read only the upper 19 bits of a tf32 operand that was not rounded by __float_to_tf32.
inline double tf32_operand(float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, 4);
  bits &= 0xffffe000u;
  std::memcpy(&v, &bits, 4);
  return v;
}

} // namespace detail

template <class Use, int M, int N, int K, class T, class Layout = void> class fragment {
public:
  using element_type = T;
  using storage_element_type = typename detail::Storage<T>::type;
  enum { num_elements = detail::elements_per_thread<Use, M, N, K, T>() };
  static constexpr int rows = detail::Shape<Use, M, N, K>::rows;
  static constexpr int cols = detail::Shape<Use, M, N, K>::cols;
  static constexpr int per_word = detail::Storage<T>::per_word;
  // Sub-byte fragments hold fewer storage elements than num_elements (as in CUDA's header).
  storage_element_type x[num_elements / per_word];
  // Row-major tile index of element i held by `lane`.
  static int tile_index(unsigned lane, int i) { return static_cast<int>((lane * num_elements + i) % (rows * cols)); }
};

namespace detail {

inline void converge_warp() { xir::runtime::gpu::vote(xir::runtime::gpu::full_warp_mask(), 0); }

template <class Frag, class P> void load_elements(Frag &f, const P *p, unsigned ldm, bool row_major_memory) {
  const unsigned lane = xir::runtime::gpu::current_lane_id();
  for (int i = 0; i < Frag::num_elements; ++i) {
    const int index = Frag::tile_index(lane, i);
    const int r = index / Frag::cols, c = index % Frag::cols;
    f.x[i] = static_cast<typename Frag::storage_element_type>(row_major_memory ? p[r * ldm + c] : p[c * ldm + r]);
  }
}

} // namespace detail

template <class Use, int M, int N, int K, class T, class Layout, class P>
void load_matrix_sync(fragment<Use, M, N, K, T, Layout> &f, const P *p, unsigned ldm) {
  static_assert(!std::is_same_v<Use, accumulator>, "accumulator loads need a layout_t argument");
  using Frag = fragment<Use, M, N, K, T, Layout>;
  detail::converge_warp();
  if constexpr (Frag::per_word > 1) {
    // Sub-byte A (row-major) / B (column-major): lane l holds the packed word of elements
    // [8l, 8l + 8) (4-bit) or [32l, 32l + 32) (bits) of the operand in its storage order, lowest
    // element in the lowest bits; ldm counts elements.
    const unsigned lane = xir::runtime::gpu::current_lane_id();
    constexpr int line = std::is_same_v<Use, matrix_a> ? Frag::cols : Frag::rows; // elements along k
    const int first = static_cast<int>(lane) * Frag::per_word;
    const int outer = first / line, inner = first % line;
    const std::size_t bit = (static_cast<std::size_t>(outer) * ldm + inner) * (32 / Frag::per_word);
    std::uint32_t word;
    std::memcpy(&word, reinterpret_cast<const unsigned char *>(p) + bit / 8, 4);
    f.x[0] = static_cast<typename Frag::storage_element_type>(word);
  } else {
    detail::load_elements(f, p, ldm, std::is_same_v<Layout, row_major>);
  }
}

template <int M, int N, int K, class T, class P>
void load_matrix_sync(fragment<accumulator, M, N, K, T> &f, const P *p, unsigned ldm, layout_t layout) {
  detail::converge_warp();
  detail::load_elements(f, p, ldm, layout == mem_row_major);
}

template <int M, int N, int K, class T, class P>
void store_matrix_sync(P *p, const fragment<accumulator, M, N, K, T> &f, unsigned ldm, layout_t layout) {
  using Frag = fragment<accumulator, M, N, K, T>;
  const unsigned lane = xir::runtime::gpu::current_lane_id();
  for (int i = 0; i < Frag::num_elements; ++i) {
    const int index = Frag::tile_index(lane, i);
    const int r = index / Frag::cols, c = index % Frag::cols;
    p[layout == mem_row_major ? r * ldm + c : c * ldm + r] = static_cast<P>(f.x[i]);
  }
  detail::converge_warp();
}

template <class Use, int M, int N, int K, class T, class Layout, class V>
void fill_fragment(fragment<Use, M, N, K, T, Layout> &f, const V &value) {
  static_assert(fragment<Use, M, N, K, T, Layout>::per_word == 1, "fill_fragment of a sub-byte fragment");
  for (auto &element : f.x) element = static_cast<typename fragment<Use, M, N, K, T, Layout>::storage_element_type>(value);
}

namespace detail {

template <class D, class A, class B, class C> struct MmaSlot {
  D *d;
  const A *a;
  const B *b;
  const C *c;
  bool saturate;
  int bit_op; // bmma: experimental::bmmaBitOp; 0 for arithmetic mma
};

// Spreads lane `lane`'s packed word of a sub-byte operand into the row-major tile `out`
// (A: rows x k, row-major storage; B: k x cols, column-major storage).
template <class Frag, bool is_a> void unpack_word(std::uint32_t word, unsigned lane, double *out) {
  constexpr int bits = 32 / Frag::per_word;
  constexpr int line = is_a ? Frag::cols : Frag::rows;
  for (int e = 0; e < Frag::per_word; ++e) {
    const int index = static_cast<int>(lane) * Frag::per_word + e;
    const int outer = index / line, k = index % line;
    std::uint32_t field = (word >> (e * bits)) & ((1u << bits) - 1u);
    double value = field;
    if (std::is_same_v<typename Frag::element_type, experimental::precision::s4> && field >= 8) value = double(field) - 16;
    if (is_a) out[outer * Frag::cols + k] = value;      // A[outer][k]
    else out[k * Frag::cols + outer] = value;           // B[k][outer]
  }
}

template <class D, class A, class B, class C>
void combine_mma(void *const *lane_data, std::uint64_t lanes, unsigned) {
  constexpr int M = D::rows, N = D::cols, Kdim = A::cols;
  using Slot = MmaSlot<D, A, B, C>;
  double a[M * Kdim], b[Kdim * N], c[M * N];
  bool saturate = false;
  int bit_op = 0;
  for (int lane = 31; lane >= 0; --lane) { // lower lanes win where the hardware duplicates elements
    if (!(lanes & (std::uint64_t{1} << lane))) continue;
    const Slot *slot = static_cast<const Slot *>(lane_data[lane]);
    saturate = slot->saturate;
    bit_op = slot->bit_op;
    if constexpr (A::per_word > 1) {
      unpack_word<A, true>(static_cast<std::uint32_t>(slot->a->x[0]), lane, a);
      unpack_word<B, false>(static_cast<std::uint32_t>(slot->b->x[0]), lane, b);
    } else {
      for (int i = 0; i < A::num_elements; ++i) {
        const auto v = slot->a->x[i];
        a[A::tile_index(lane, i)] = std::is_same_v<typename A::element_type, precision::tf32> ? tf32_operand(v) : widen(v);
      }
      for (int i = 0; i < B::num_elements; ++i) {
        const auto v = slot->b->x[i];
        b[B::tile_index(lane, i)] = std::is_same_v<typename B::element_type, precision::tf32> ? tf32_operand(v) : widen(v);
      }
    }
    for (int i = 0; i < C::num_elements; ++i) c[C::tile_index(lane, i)] = widen(slot->c->x[i]);
  }
  using Out = typename D::storage_element_type;
  Out d[M * N];
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      if constexpr (std::is_integral_v<Out>) {
        long long sum = static_cast<long long>(c[i * N + j]);
        for (int k = 0; k < Kdim; ++k) {
          const long long x = static_cast<long long>(a[i * Kdim + k]), y = static_cast<long long>(b[k * N + j]);
          if (bit_op == experimental::bmmaBitOpXOR) sum += (x != y);      // popc of XOR, bit by bit
          else if (bit_op == experimental::bmmaBitOpAND) sum += (x && y); // popc of AND
          else sum += x * y;
        }
        if (saturate) sum = sum > 2147483647LL ? 2147483647LL : (sum < -2147483648LL ? -2147483648LL : sum);
        d[i * N + j] = static_cast<Out>(static_cast<std::uint32_t>(sum)); // wraps like the hardware without satf
      } else {
        double sum = 0.0; // products are exact; accumulate wide and round once
        for (int k = 0; k < Kdim; ++k) sum += a[i * Kdim + k] * b[k * N + j];
        d[i * N + j] = static_cast<Out>(static_cast<float>(sum + c[i * N + j]));
        if constexpr (std::is_same_v<Out, double>) d[i * N + j] = sum + c[i * N + j];
      }
    }
  }
  for (int lane = 0; lane < 32; ++lane) {
    if (!(lanes & (std::uint64_t{1} << lane))) continue;
    const Slot *slot = static_cast<const Slot *>(lane_data[lane]);
    for (int i = 0; i < D::num_elements; ++i) slot->d->x[i] = d[D::tile_index(lane, i)];
  }
}

} // namespace detail

template <int M, int N, int K, class TD, class TA, class LA, class TB, class LB, class TC>
void mma_sync(fragment<accumulator, M, N, K, TD> &d, const fragment<matrix_a, M, N, K, TA, LA> &a,
              const fragment<matrix_b, M, N, K, TB, LB> &b, const fragment<accumulator, M, N, K, TC> &c,
              bool satf = false) {
  using D = fragment<accumulator, M, N, K, TD>;
  using A = fragment<matrix_a, M, N, K, TA, LA>;
  using B = fragment<matrix_b, M, N, K, TB, LB>;
  using C = fragment<accumulator, M, N, K, TC>;
  detail::MmaSlot<D, A, B, C> slot{&d, &a, &b, &c, satf, 0};
  xir::runtime::gpu::warp_collective(&slot, &detail::combine_mma<D, A, B, C>, xir::runtime::gpu::full_warp_mask());
}

// Binary (b1) matrix multiply: D[i][j] = C[i][j] + popc(A row i OP B column j) over 128 bits.
inline void bmma_sync(fragment<accumulator, 8, 8, 128, int> &d,
                      const fragment<matrix_a, 8, 8, 128, experimental::precision::b1, row_major> &a,
                      const fragment<matrix_b, 8, 8, 128, experimental::precision::b1, col_major> &b,
                      const fragment<accumulator, 8, 8, 128, int> &c,
                      experimental::bmmaBitOp op = experimental::bmmaBitOpXOR,
                      experimental::bmmaAccumulateOp = experimental::bmmaAccumulateOpPOPC) {
  using D = fragment<accumulator, 8, 8, 128, int>;
  using A = fragment<matrix_a, 8, 8, 128, experimental::precision::b1, row_major>;
  using B = fragment<matrix_b, 8, 8, 128, experimental::precision::b1, col_major>;
  detail::MmaSlot<D, A, B, D> slot{&d, &a, &b, &c, false, static_cast<int>(op)};
  xir::runtime::gpu::warp_collective(&slot, &detail::combine_mma<D, A, B, D>, xir::runtime::gpu::full_warp_mask());
}

} // namespace nvcuda::wmma

// Rounds to tf32 (10 explicit mantissa bits), to nearest with ties away from zero (cvt.rna.tf32.f32).
inline float __float_to_tf32(float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, 4);
  if ((bits & 0x7f800000u) != 0x7f800000u) bits = (bits + 0x1000u) & 0xffffe000u;
  std::memcpy(&v, &bits, 4);
  return v;
}

namespace nvcuda::wmma {
inline float __float_to_tf32(float v) { return ::__float_to_tf32(v); }
} // namespace nvcuda::wmma
