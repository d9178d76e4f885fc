// Rounding of the 16-bit formats: fixed bit patterns and the compiler's own _Float16 conversion.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

#include "xir/spec/half_float.hpp"

namespace xir::spec {
namespace {

TEST(HalfFloat, F16KnownPatterns) {
  EXPECT_EQ(float_to_f16_bits(1.0f), 0x3c00);
  EXPECT_EQ(float_to_f16_bits(-2.0f), 0xc000);
  EXPECT_EQ(float_to_f16_bits(65504.0f), 0x7bff);
  EXPECT_EQ(float_to_f16_bits(65520.0f), 0x7c00); // halfway to the next binade: rounds to inf
  EXPECT_EQ(float_to_f16_bits(std::ldexp(1.0f, -24)), 0x0001);
  EXPECT_EQ(float_to_f16_bits(std::ldexp(1.0f, -25)), 0x0000);        // tie to even (zero)
  EXPECT_EQ(float_to_f16_bits(std::ldexp(3.0f, -25)), 0x0002);        // tie to even (2)
  EXPECT_EQ(float_to_f16_bits(1.0f + std::ldexp(1.0f, -11)), 0x3c00); // tie, stays even
  EXPECT_EQ(float_to_f16_bits(1.0f + std::ldexp(3.0f, -11)), 0x3c02); // tie, rounds up to even
  EXPECT_EQ(float_to_f16_bits(std::numeric_limits<float>::infinity()), 0x7c00);
  EXPECT_TRUE(std::isnan(f16_bits_to_float(float_to_f16_bits(std::nanf("")))));
  EXPECT_EQ(f16_bits_to_float(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(f16_bits_to_float(0x3555), 0.333251953125f);
}

TEST(HalfFloat, F16MatchesCompilerConversion) {
  std::mt19937 engine(42);
  for (int i = 0; i < 200000; ++i) {
    const float value = std::bit_cast<float>((static_cast<std::uint32_t>(engine()) & 0x7fffffffu) |
                                             (0x80000000u * (i & 1)));
    const auto reference = std::bit_cast<std::uint16_t>(static_cast<_Float16>(value));
    if (std::isnan(value))
      continue;
    ASSERT_EQ(float_to_f16_bits(value), reference) << value;
    ASSERT_EQ(f16_bits_to_float(reference), static_cast<float>(std::bit_cast<_Float16>(reference)));
  }
}

TEST(HalfFloat, Bf16KnownPatterns) {
  EXPECT_EQ(float_to_bf16_bits(1.0f), 0x3f80);
  EXPECT_EQ(float_to_bf16_bits(1.0f + std::ldexp(1.0f, -8)), 0x3f80); // tie, stays even
  EXPECT_EQ(float_to_bf16_bits(1.0f + std::ldexp(3.0f, -8)), 0x3f82); // tie, rounds up to even
  EXPECT_EQ(float_to_bf16_bits(1.0f + std::ldexp(1.0f, -7) + std::ldexp(1.0f, -9)), 0x3f81);
  EXPECT_EQ(float_to_bf16_bits(-3.0f), 0xc040);
  EXPECT_EQ(float_to_bf16_bits(std::numeric_limits<float>::max()), 0x7f80); // rounds to inf
  const std::uint16_t nan = float_to_bf16_bits(std::nanf(""));
  EXPECT_EQ(nan & 0x7f80, 0x7f80);
  EXPECT_NE(nan & 0x7f, 0);
  EXPECT_EQ(bf16_bits_to_float(0x4049), 3.140625f);
}

} // namespace
} // namespace xir::spec
