// Emulated f32 arithmetic, comparisons, blends, reductions and rounding on __m512.
// Every lane op is one IEEE single-precision operation with round-to-nearest-even, the default
// MXCSR state the kernels run under (no DAZ/FTZ). Build with -ffp-contract=off so that the compiler
// does not fuse an emulated multiply with a following add on FMA-capable hosts.
#ifndef XIR_VNNI_EMULATION_FLOAT_ARITHMETIC_H
#define XIR_VNNI_EMULATION_FLOAT_ARITHMETIC_H

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "types.h"

namespace xir::vnni_emulation {

inline float f32_lane(const __m512& v, int j) {
  return lane<float>(v, j);
}

template <typename Op> inline __m512 map_f32(const __m512& a, const __m512& b, Op op) {
  __m512 r;
  for (int j = 0; j < 16; ++j)
    set_lane<float>(r, j, op(f32_lane(a, j), f32_lane(b, j)));
  return r;
}

// x86 MAXPS/MINPS: the second operand is returned when either is NaN or both are zero.
inline float x86_max(float a, float b) {
  return a > b ? a : b;
}
inline float x86_min(float a, float b) {
  return a < b ? a : b;
}

inline float quiet_nan(float nan) {
  std::uint32_t bits;
  std::memcpy(&bits, &nan, 4);
  bits |= 0x00400000u;
  std::memcpy(&nan, &bits, 4);
  return nan;
}

// x86 NaN propagation: the first NaN operand, in operand order, comes out quiet. (When several
// operands are NaN, which one the native code returns depends on the operand order the compiler
// encodes.)
inline float x86_binary(float a, float b, float result) {
  if (std::isnan(a))
    return quiet_nan(a);
  if (std::isnan(b))
    return quiet_nan(b);
  return result;
}

inline float x86_fused(float a, float b, float c, bool negate_product) {
  if (std::isnan(a))
    return quiet_nan(a);
  if (std::isnan(b))
    return quiet_nan(b);
  if (std::isnan(c))
    return quiet_nan(c);
  return std::fma(negate_product ? -a : a, b, c);
}

// Comparison predicate `imm` of CMPPS (the low four bits decide the result; bit 4 only picks
// signalling).
inline bool compare_f32(float a, float b, int imm) {
  const bool unordered = std::isnan(a) || std::isnan(b);
  switch (imm & 0xF) {
  case 0x0:
    return !unordered && a == b;
  case 0x1:
    return !unordered && a < b;
  case 0x2:
    return !unordered && a <= b;
  case 0x3:
    return unordered;
  case 0x4:
    return unordered || a != b;
  case 0x5:
    return unordered || !(a < b);
  case 0x6:
    return unordered || !(a <= b);
  case 0x7:
    return !unordered;
  case 0x8:
    return unordered || a == b;
  case 0x9:
    return unordered || a < b;
  case 0xA:
    return unordered || a <= b;
  case 0xB:
    return false;
  case 0xC:
    return !unordered && a != b;
  case 0xD:
    return !unordered && a >= b;
  case 0xE:
    return !unordered && a > b;
  default:
    return true;
  }
}

// Rounds x to an integer in the mode of imm[1:0] (imm[2] selects MXCSR, whose default is
// nearest-even).
inline double round_integral(double x, int imm) {
  const int mode = (imm & 0x4) != 0 ? 0 : (imm & 0x3);
  const double below = std::floor(x);
  switch (mode) {
  case 1:
    return below;
  case 2:
    return std::ceil(x);
  case 3:
    return std::trunc(x);
  default: {
    const double fraction = x - below;
    if (fraction > 0.5)
      return below + 1.0;
    if (fraction < 0.5)
      return below;
    return std::fmod(below, 2.0) == 0.0 ? below : below + 1.0;
  }
  }
}

// VRNDSCALEPS: 2^-M * round(2^M * x) with M = imm[7:4]; the sign of a zero result is that of x.
inline float roundscale_f32(float x, int imm) {
  if (std::isnan(x))
    return quiet_nan(x);
  if (std::isinf(x))
    return x;
  const int scale_bits = (imm >> 4) & 0xF;
  const double scaled = std::ldexp(static_cast<double>(x), scale_bits);
  const double rounded = std::ldexp(round_integral(scaled, imm), -scale_bits);
  return std::copysign(static_cast<float>(rounded), x);
}

// VSCALEFPS: a * 2^floor(b), with the special cases of the instruction's table (MXCSR.DAZ clear):
// a quiet NaN a scaled by +inf or -inf gives +inf or +0; inf * 2^-inf and 0 * 2^+inf are invalid.
inline float scalef_f32(float a, float b) {
  const float infinity = std::numeric_limits<float>::infinity();
  const std::uint32_t indefinite_bits = 0xFFC00000u; // the x86 "QNaN indefinite"
  float indefinite;
  std::memcpy(&indefinite, &indefinite_bits, 4);
  std::uint32_t a_bits;
  std::memcpy(&a_bits, &a, 4);
  if (std::isnan(a)) {
    const bool signalling = (a_bits & 0x00400000u) == 0;
    if (!signalling && std::isinf(b))
      return b > 0 ? infinity : 0.0f;
    return quiet_nan(a);
  }
  if (std::isnan(b))
    return quiet_nan(b);
  if (std::isinf(b)) {
    if (b > 0)
      return a == 0.0f ? indefinite : std::copysign(infinity, a);
    return std::isinf(a) ? indefinite : std::copysign(0.0f, a);
  }
  if (a == 0.0f || std::isinf(a))
    return a;
  const double exponent = std::floor(static_cast<double>(b));
  const int clamped = exponent > 400.0    ? 400
                      : exponent < -400.0 ? -400
                                          : static_cast<int>(exponent);
  return static_cast<float>(std::ldexp(static_cast<double>(a), clamped));
}

// The pairwise tree of the compilers' _mm512_reduce_* sequences: halves, quarters, then pairs.
template <typename Op> inline float reduce_f32(const __m512& v, Op op) {
  float eighths[8], quarters[4];
  for (int j = 0; j < 8; ++j)
    eighths[j] = op(f32_lane(v, 8 + j), f32_lane(v, j));
  for (int j = 0; j < 4; ++j)
    quarters[j] = op(eighths[4 + j], eighths[j]);
  const float pair0 = op(quarters[0], quarters[2]);
  const float pair1 = op(quarters[1], quarters[3]);
  return op(pair0, pair1);
}

} // namespace xir::vnni_emulation

static inline __m512 _mm512_setzero_ps() {
  __m512 v;
  std::memset(v.bytes, 0, 64);
  return v;
}

static inline __m512 _mm512_set1_ps(float value) {
  __m512 v;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<float>(v, j, value);
  return v;
}

static inline __m512 _mm512_add_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(
      a, b, [](float x, float y) { return xir::vnni_emulation::x86_binary(x, y, x + y); });
}

static inline __m512 _mm512_sub_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(
      a, b, [](float x, float y) { return xir::vnni_emulation::x86_binary(x, y, x - y); });
}

static inline __m512 _mm512_mul_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(
      a, b, [](float x, float y) { return xir::vnni_emulation::x86_binary(x, y, x * y); });
}

static inline __m512 _mm512_div_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(
      a, b, [](float x, float y) { return xir::vnni_emulation::x86_binary(x, y, x / y); });
}

static inline __m512 _mm512_max_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(a, b, xir::vnni_emulation::x86_max);
}

static inline __m512 _mm512_min_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(a, b, xir::vnni_emulation::x86_min);
}

static inline __m512 _mm512_maskz_mov_ps(__mmask16 k, __m512 a) {
  __m512 r = _mm512_setzero_ps();
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::mask_bit(k, j))
      std::memcpy(r.bytes + 4 * j, a.bytes + 4 * j, 4);
  return r;
}

static inline __m512 _mm512_maskz_sub_ps(__mmask16 k, __m512 a, __m512 b) {
  return _mm512_maskz_mov_ps(k, _mm512_sub_ps(a, b));
}

// Lane j is b[j] where bit j of k is set, else a[j].
static inline __m512 _mm512_mask_blend_ps(__mmask16 k, __m512 a, __m512 b) {
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::mask_bit(k, j))
      std::memcpy(a.bytes + 4 * j, b.bytes + 4 * j, 4);
  return a;
}

static inline __m512 _mm512_fmadd_ps(__m512 a, __m512 b, __m512 c) {
  __m512 r;
  for (int j = 0; j < 16; ++j) {
    using xir::vnni_emulation::f32_lane;
    xir::vnni_emulation::set_lane<float>(
        r, j,
        xir::vnni_emulation::x86_fused(f32_lane(a, j), f32_lane(b, j), f32_lane(c, j), false));
  }
  return r;
}

// -(a * b) + c with one rounding.
static inline __m512 _mm512_fnmadd_ps(__m512 a, __m512 b, __m512 c) {
  __m512 r;
  for (int j = 0; j < 16; ++j) {
    using xir::vnni_emulation::f32_lane;
    xir::vnni_emulation::set_lane<float>(
        r, j, xir::vnni_emulation::x86_fused(f32_lane(a, j), f32_lane(b, j), f32_lane(c, j), true));
  }
  return r;
}

static inline __m512 _mm512_sqrt_ps(__m512 a) {
  __m512 r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<float>(r, j, std::sqrt(xir::vnni_emulation::f32_lane(a, j)));
  return r;
}

static inline __mmask16 _mm512_cmp_ps_mask(__m512 a, __m512 b, int predicate) {
  unsigned mask = 0;
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::compare_f32(xir::vnni_emulation::f32_lane(a, j),
                                         xir::vnni_emulation::f32_lane(b, j), predicate))
      mask |= 1u << j;
  return static_cast<__mmask16>(mask);
}

static inline float _mm512_reduce_add_ps(__m512 a) {
  return xir::vnni_emulation::reduce_f32(
      a, [](float x, float y) { return xir::vnni_emulation::x86_binary(x, y, x + y); });
}

static inline float _mm512_reduce_max_ps(__m512 a) {
  return xir::vnni_emulation::reduce_f32(a, xir::vnni_emulation::x86_max);
}

static inline float _mm512_reduce_min_ps(__m512 a) {
  return xir::vnni_emulation::reduce_f32(a, xir::vnni_emulation::x86_min);
}

static inline __m512 _mm512_roundscale_ps(__m512 a, int imm) {
  __m512 r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<float>(
        r, j, xir::vnni_emulation::roundscale_f32(xir::vnni_emulation::f32_lane(a, j), imm));
  return r;
}

static inline __m512 _mm512_scalef_ps(__m512 a, __m512 b) {
  return xir::vnni_emulation::map_f32(a, b, xir::vnni_emulation::scalef_f32);
}

#endif // XIR_VNNI_EMULATION_FLOAT_ARITHMETIC_H
