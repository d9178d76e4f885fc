// Emulated AVX512_VNNI and AVX512_BF16 dot products.
#ifndef XIR_VNNI_EMULATION_DOT_PRODUCTS_H
#define XIR_VNNI_EMULATION_DOT_PRODUCTS_H

#include <cmath>
#include <cstdint>

#include "float_conversions.h"
#include "types.h"

namespace xir::vnni_emulation {

inline std::int32_t wrap_s32(std::int64_t value) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
}

inline std::int32_t saturate_s32(std::int64_t value) {
  return value > INT32_MAX   ? INT32_MAX
         : value < INT32_MIN ? INT32_MIN
                             : static_cast<std::int32_t>(value);
}

// src[j] + sum_t zext(a.u8[4j+t]) * sext(b.s8[4j+t]), computed exactly in 64 bits.
inline std::int64_t u8s8_group_sum(const __m512i& src, const __m512i& a, const __m512i& b, int j) {
  std::int64_t total = lane<std::int32_t>(src, j);
  for (int t = 0; t < 4; ++t)
    total += static_cast<std::int64_t>(lane<std::uint8_t>(a, 4 * j + t)) *
             lane<std::int8_t>(b, 4 * j + t);
  return total;
}

// src[j] + a.s16[2j] * b.s16[2j] + a.s16[2j+1] * b.s16[2j+1], computed exactly in 64 bits.
inline std::int64_t s16_pair_sum(const __m512i& src, const __m512i& a, const __m512i& b, int j) {
  std::int64_t total = lane<std::int32_t>(src, j);
  for (int t = 0; t < 2; ++t)
    total += static_cast<std::int64_t>(lane<std::int16_t>(a, 2 * j + t)) *
             lane<std::int16_t>(b, 2 * j + t);
  return total;
}

// bf16 -> f32 with denormals treated as zero, as VDPBF16PS reads its inputs.
inline float bf16_to_f32_daz(std::uint16_t bf16) {
  const std::uint32_t bits = static_cast<std::uint32_t>(bf16) << 16;
  if ((bits & 0x7F800000u) == 0)
    return f32_from_bits(bits & 0x80000000u);
  return f32_from_bits(bits);
}

inline float flush_denormal(float value) {
  const std::uint32_t bits = f32_bits(value);
  if ((bits & 0x7F800000u) == 0)
    return f32_from_bits(bits & 0x80000000u);
  return value;
}

// One VDPBF16PS step, acc + x * y rounded to nearest even with flush-to-zero. The unit detects
// tininess after rounding to 24 bits with an unbounded exponent (measured on the project's
// AMX-class Xeon): an exact result below 2^-126 - 2^-151 in magnitude is flushed to zero even where
// f32 rounding, with its denormals, would give 2^-126. The exact sum comes from a TwoSum in double
// (bf16 products are exact).
inline float bf16_dot_step(float x, float y, float acc) {
  if (std::isnan(x) || std::isnan(y) || std::isnan(acc))
    return x86_fused(x, y, acc, false);
  const float rounded = std::fma(x, y, acc);
  if (!std::isfinite(rounded))
    return rounded;
  const double product = static_cast<double>(x) * static_cast<double>(y);
  const double addend = static_cast<double>(acc);
  const double sum = product + addend;
  const double product_part = sum - addend;
  const double error = (product - product_part) + (addend - (sum - product_part));
  const double magnitude = std::fabs(sum);
  if (magnitude == 0.0)
    return rounded;
  const double tiny_below = std::ldexp(1.0, -126) - std::ldexp(1.0, -151);
  const bool tiny = magnitude < tiny_below ||
                    (magnitude == tiny_below && error != 0.0 && (error > 0.0) != (sum > 0.0));
  return tiny ? std::copysign(0.0f, static_cast<float>(sum)) : rounded;
}

} // namespace xir::vnni_emulation

static inline __m512i _mm512_dpbusd_epi32(__m512i src, __m512i a, __m512i b) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(
        r, j, xir::vnni_emulation::wrap_s32(xir::vnni_emulation::u8s8_group_sum(src, a, b, j)));
  return r;
}

static inline __m512i _mm512_dpbusds_epi32(__m512i src, __m512i a, __m512i b) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(
        r, j, xir::vnni_emulation::saturate_s32(xir::vnni_emulation::u8s8_group_sum(src, a, b, j)));
  return r;
}

static inline __m512i _mm512_dpwssd_epi32(__m512i src, __m512i a, __m512i b) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(
        r, j, xir::vnni_emulation::wrap_s32(xir::vnni_emulation::s16_pair_sum(src, a, b, j)));
  return r;
}

static inline __m512i _mm512_dpwssds_epi32(__m512i src, __m512i a, __m512i b) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(
        r, j, xir::vnni_emulation::saturate_s32(xir::vnni_emulation::s16_pair_sum(src, a, b, j)));
  return r;
}

// Per f32 lane j: the odd bf16 pair is fused-multiply-added first, then the even pair; each step
// rounds to nearest even and flushes tiny results to zero (bf16_dot_step); denormal inputs, the
// accumulator included, count as zero.
static inline __m512 _mm512_dpbf16_ps(__m512 src, __m512bh a, __m512bh b) {
  using xir::vnni_emulation::bf16_to_f32_daz;
  using xir::vnni_emulation::flush_denormal;
  using xir::vnni_emulation::lane;
  __m512 r;
  for (int j = 0; j < 16; ++j) {
    float acc = flush_denormal(lane<float>(src, j));
    for (int t = 1; t >= 0; --t) {
      const float x = bf16_to_f32_daz(lane<std::uint16_t>(a, 2 * j + t));
      const float y = bf16_to_f32_daz(lane<std::uint16_t>(b, 2 * j + t));
      acc = xir::vnni_emulation::bf16_dot_step(x, y, acc);
    }
    xir::vnni_emulation::set_lane<float>(r, j, acc);
  }
  return r;
}

#endif // XIR_VNNI_EMULATION_DOT_PRODUCTS_H
