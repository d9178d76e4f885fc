// Bit-exact conversions between float and the 16-bit float formats (IEEE binary16, bfloat16),
// with the rounding modes GPU conversion instructions offer. Shared by the CPU runtimes.
#pragma once

#include <cstdint>
#include <cstring>

namespace xir::runtime {

enum class Rounding { nearest_even, toward_zero, down, up };

inline std::uint32_t bits_of(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

inline float float_of(std::uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// Whether dropping `dropped` (of which `halfway` is the half-unit) from `kept` rounds the magnitude up.
inline bool rounds_up(std::uint32_t kept, std::uint32_t dropped, std::uint32_t halfway, bool negative,
                      Rounding mode) {
  switch (mode) {
  case Rounding::nearest_even: return dropped > halfway || (dropped == halfway && (kept & 1u));
  case Rounding::toward_zero: return false;
  case Rounding::down: return negative && dropped != 0;
  case Rounding::up: return !negative && dropped != 0;
  }
  return false;
}

inline std::uint16_t float_to_half_bits(float value, Rounding mode = Rounding::nearest_even) {
  const std::uint32_t bits = bits_of(value);
  const std::uint32_t sign = (bits >> 16) & 0x8000u;
  const bool negative = sign != 0;
  const std::uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude > 0x7f800000u) return static_cast<std::uint16_t>(0x7fffu); // canonical NaN
  if (magnitude == 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7c00u);
  const std::uint32_t exponent = magnitude >> 23;
  std::uint32_t significand = (magnitude & 0x7fffffu) | (exponent ? 0x800000u : 0u);
  // The value is significand * 2^(exponent - 150); half subnormals are multiples of 2^-24.
  int shift; // bits of the float significand dropped to reach the half's unit in the last place
  std::uint32_t half_exponent_field;
  if (exponent >= 113) { // normal half range (or overflow)
    shift = 13;
    half_exponent_field = exponent - 112;
  } else {
    shift = 13 + (113 - static_cast<int>(exponent == 0 ? 1 : exponent));
    half_exponent_field = 0;
  }
  std::uint32_t kept, dropped, halfway;
  if (shift >= 32) {
    kept = 0;
    dropped = significand ? 1u : 0u; // strictly below half a unit but non-zero
    halfway = 2u;
  } else {
    kept = significand >> shift;
    dropped = significand & ((1u << shift) - 1u);
    halfway = 1u << (shift - 1);
  }
  std::uint32_t result;
  if (half_exponent_field) {
    result = (half_exponent_field << 10) | (kept & 0x3ffu);
  } else {
    result = kept; // subnormal: kept already counts units of 2^-24
  }
  if (rounds_up(kept, dropped, halfway, negative, mode)) ++result; // carries into the exponent correctly
  if (result >= 0x7c00u) {
    // Overflow: to infinity unless the rounding direction points toward zero.
    const bool to_infinity = mode == Rounding::nearest_even || (mode == Rounding::up && !negative) ||
                             (mode == Rounding::down && negative);
    result = to_infinity ? 0x7c00u : 0x7bffu;
  }
  return static_cast<std::uint16_t>(sign | result);
}

inline float half_bits_to_float(std::uint16_t half_bits) {
  const std::uint32_t sign = (std::uint32_t{half_bits} & 0x8000u) << 16;
  const std::uint32_t exponent = (half_bits >> 10) & 0x1fu;
  const std::uint32_t mantissa = half_bits & 0x3ffu;
  if (exponent == 0x1f) return float_of(sign | 0x7f800000u | (mantissa << 13));
  if (exponent != 0) return float_of(sign | ((exponent + 112u) << 23) | (mantissa << 13));
  const float subnormal = static_cast<float>(mantissa) * (1.0f / 16777216.0f); // mantissa * 2^-24
  return sign ? -subnormal : subnormal;
}

inline std::uint16_t float_to_bfloat16_bits(float value, Rounding mode = Rounding::nearest_even) {
  const std::uint32_t bits = bits_of(value);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>(0x7fffu);
  const std::uint32_t kept = bits >> 16;
  const std::uint32_t dropped = bits & 0xffffu;
  const bool negative = (bits >> 31) != 0;
  std::uint32_t magnitude_kept = kept & 0x7fffu;
  if ((bits & 0x7fffffffu) == 0x7f800000u) return static_cast<std::uint16_t>(kept);
  if (rounds_up(magnitude_kept, dropped, 0x8000u, negative, mode)) ++magnitude_kept;
  if (magnitude_kept >= 0x7f80u && mode != Rounding::nearest_even) {
    const bool to_infinity = (mode == Rounding::up && !negative) || (mode == Rounding::down && negative);
    magnitude_kept = to_infinity ? 0x7f80u : 0x7f7fu;
  }
  return static_cast<std::uint16_t>((kept & 0x8000u) | magnitude_kept);
}

inline float bfloat16_bits_to_float(std::uint16_t bits) { return float_of(std::uint32_t{bits} << 16); }

} // namespace xir::runtime
