#pragma once
// Bit-exact conversions between float and the 16-bit formats, rounding to nearest even.
#include <cstdint>

namespace xir::spec {

std::uint16_t float_to_f16_bits(float value);
float f16_bits_to_float(std::uint16_t bits);

// NaN becomes a quiet NaN of the same sign.
std::uint16_t float_to_bf16_bits(float value);
float bf16_bits_to_float(std::uint16_t bits);

} // namespace xir::spec
