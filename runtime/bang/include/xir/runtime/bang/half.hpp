// half (IEEE binary16) and bfloat16_t as 16-bit storage types. Conversions from float round to
// nearest even, like the hardware; arithmetic happens in float (operands convert implicitly)
// and rounds again when the result is stored into a half.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace xir::bang {

inline std::uint32_t float_bits(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

inline float float_from_bits(std::uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

inline std::uint16_t float_to_half_bits(float value) {
  const std::uint32_t bits = float_bits(value);
  const std::uint32_t sign = (bits >> 16) & 0x8000u;
  const std::uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude > 0x7f800000u)
    return static_cast<std::uint16_t>(sign | 0x7e00u | ((magnitude >> 13) & 0x3ffu));
  if (magnitude >= 0x477ff000u)
    return static_cast<std::uint16_t>(sign | 0x7c00u); // rounds to >= 65520: inf
  if (magnitude >= 0x38800000u) {                      // normal half
    const std::uint32_t rounded = magnitude - 0x38000000u + 0xfffu + ((magnitude >> 13) & 1u);
    return static_cast<std::uint16_t>(sign | (rounded >> 13));
  }
  if (magnitude < 0x33000000u)
    return static_cast<std::uint16_t>(sign); // below half the smallest subnormal
  // Subnormal half: shift the full significand, round to nearest even on the dropped bits.
  const std::uint32_t exponent = magnitude >> 23;
  const std::uint32_t significand = (magnitude & 0x7fffffu) | 0x800000u;
  const std::uint32_t shift =
      126u - exponent; // value / 2^-24 = significand >> shift; shift in 14..24
  const std::uint32_t kept = significand >> shift;
  const std::uint32_t dropped = significand & ((1u << shift) - 1u);
  const std::uint32_t halfway = 1u << (shift - 1u);
  const std::uint32_t result =
      kept + ((dropped > halfway || (dropped == halfway && (kept & 1u))) ? 1u : 0u);
  return static_cast<std::uint16_t>(sign | result);
}

inline float half_bits_to_float(std::uint16_t half_bits) {
  const std::uint32_t sign = (std::uint32_t{half_bits} & 0x8000u) << 16;
  const std::uint32_t exponent = (half_bits >> 10) & 0x1fu;
  const std::uint32_t mantissa = half_bits & 0x3ffu;
  if (exponent == 0x1f)
    return float_from_bits(sign | 0x7f800000u | (mantissa << 13));
  if (exponent != 0)
    return float_from_bits(sign | ((exponent + 112u) << 23) | (mantissa << 13));
  if (mantissa == 0)
    return float_from_bits(sign);
  const float subnormal = static_cast<float>(mantissa) * (1.0f / 16777216.0f); // mantissa * 2^-24
  return sign ? -subnormal : subnormal;
}

inline std::uint16_t float_to_bfloat16_bits(float value) {
  const std::uint32_t bits = float_bits(value);
  if ((bits & 0x7fffffffu) > 0x7f800000u)
    return static_cast<std::uint16_t>((bits >> 16) | 0x40u);
  return static_cast<std::uint16_t>((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);
}

// IEEE binary16.
struct half {
  std::uint16_t bits;
  half() = default;
  half(float value) : bits(float_to_half_bits(value)) {}
  template <class Number>
  requires std::is_arithmetic_v<Number> half(Number value) : half(static_cast<float>(value)) {}
  operator float() const { return half_bits_to_float(bits); }
  static half from_bits(std::uint16_t raw) {
    half h;
    h.bits = raw;
    return h;
  }
  half& operator+=(float other) { return *this = half(float(*this) + other); }
  half& operator-=(float other) { return *this = half(float(*this) - other); }
  half& operator*=(float other) { return *this = half(float(*this) * other); }
  half& operator/=(float other) { return *this = half(float(*this) / other); }
};

// bfloat16 (5xx only in BANG; the type exists on every arch here, its operations check the arch).
struct bfloat16_t {
  std::uint16_t bits;
  bfloat16_t() = default;
  bfloat16_t(float value) : bits(float_to_bfloat16_bits(value)) {}
  template <class Number>
  requires std::is_arithmetic_v<Number> bfloat16_t(Number value)
      : bfloat16_t(static_cast<float>(value)) {}
  operator float() const { return float_from_bits(std::uint32_t{bits} << 16); }
  static bfloat16_t from_bits(std::uint16_t raw) {
    bfloat16_t b;
    b.bits = raw;
    return b;
  }
};

static_assert(sizeof(half) == 2 && sizeof(bfloat16_t) == 2);

} // namespace xir::bang
