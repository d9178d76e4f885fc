// Emulated conversions and bit casts: f32 <-> s32, f16 -> f32 (F16C), f32 -> bf16 (AVX512_BF16).
#ifndef XIR_VNNI_EMULATION_FLOAT_CONVERSIONS_H
#define XIR_VNNI_EMULATION_FLOAT_CONVERSIONS_H

#include <cmath>
#include <cstdint>
#include <cstring>

#include "float_arithmetic.h"
#include "types.h"

namespace xir::vnni_emulation {

inline std::uint32_t f32_bits(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  return bits;
}

inline float f32_from_bits(std::uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

// CVTPS2DQ under the default MXCSR (nearest-even); NaN and out-of-range give the integer
// indefinite.
inline std::int32_t f32_to_s32_nearest_even(float x) {
  if (std::isnan(x))
    return INT32_MIN;
  const double rounded = round_integral(static_cast<double>(x), _MM_FROUND_TO_NEAREST_INT);
  if (rounded >= 2147483648.0 || rounded < -2147483648.0)
    return INT32_MIN;
  return static_cast<std::int32_t>(rounded);
}

// VCVTPH2PS: exact widening; signalling NaNs come out quiet.
inline float f16_to_f32(std::uint16_t half) {
  const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
  const std::uint32_t exponent = (half >> 10) & 0x1Fu;
  const std::uint32_t mantissa = half & 0x3FFu;
  if (exponent == 0x1F)
    return f32_from_bits(sign | 0x7F800000u | (mantissa << 13) |
                         (mantissa != 0 ? 0x00400000u : 0u));
  if (exponent == 0) {
    const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign != 0 ? -magnitude : magnitude;
  }
  return f32_from_bits(sign | ((exponent + 112u) << 23) | (mantissa << 13));
}

// VCVTNEPS2BF16: round to nearest even; denormal inputs become signed zeros; NaNs are truncated and
// quieted.
inline std::uint16_t f32_to_bf16_nearest_even(float value) {
  const std::uint32_t bits = f32_bits(value);
  if (std::isnan(value))
    return static_cast<std::uint16_t>((bits >> 16) | 0x0040u);
  if ((bits & 0x7F800000u) == 0)
    return static_cast<std::uint16_t>((bits & 0x80000000u) >> 16);
  return static_cast<std::uint16_t>((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
}

} // namespace xir::vnni_emulation

static inline __m512i _mm512_castps_si512(__m512 a) {
  return __m512i(a);
}

static inline __m512 _mm512_castsi512_ps(__m512i a) {
  return __m512(a);
}

static inline __m512i _mm512_cvtps_epi32(__m512 a) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(
        r, j, xir::vnni_emulation::f32_to_s32_nearest_even(xir::vnni_emulation::lane<float>(a, j)));
  return r;
}

static inline __m512 _mm512_cvtph_ps(__m256i a) {
  __m512 r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<float>(
        r, j, xir::vnni_emulation::f16_to_f32(xir::vnni_emulation::lane<std::uint16_t>(a, j)));
  return r;
}

// Elements 0..15 of the result come from b, 16..31 from a.
static inline __m512bh _mm512_cvtne2ps_pbh(__m512 a, __m512 b) {
  __m512bh r;
  for (int j = 0; j < 16; ++j) {
    using xir::vnni_emulation::f32_to_bf16_nearest_even;
    xir::vnni_emulation::set_lane<std::uint16_t>(
        r, j, f32_to_bf16_nearest_even(xir::vnni_emulation::lane<float>(b, j)));
    xir::vnni_emulation::set_lane<std::uint16_t>(
        r, 16 + j, f32_to_bf16_nearest_even(xir::vnni_emulation::lane<float>(a, j)));
  }
  return r;
}

static inline __m256bh _mm512_cvtneps_pbh(__m512 a) {
  __m256bh r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::uint16_t>(
        r, j,
        xir::vnni_emulation::f32_to_bf16_nearest_even(xir::vnni_emulation::lane<float>(a, j)));
  return r;
}

#endif // XIR_VNNI_EMULATION_FLOAT_CONVERSIONS_H
