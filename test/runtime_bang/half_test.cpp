// half / bfloat16 conversions against independent oracles: the compiler's _Float16 conversion
// (IEEE round to nearest even) and bit-level reasoning for bfloat16.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "common/half_bits.h"
#include "xir/runtime/bang/half.hpp"

namespace {

using xir::test::half_bits;

float oracle_half_value(std::uint16_t bits) { return static_cast<float>(xir::test::half_value(bits)); }

TEST(BangHalf, EveryHalfConvertsToFloatAndBackExactly) {
  for (unsigned bits = 0; bits < 65536; ++bits) {
    const float value = xir::bang::half_bits_to_float(static_cast<std::uint16_t>(bits));
    const float expected = oracle_half_value(static_cast<std::uint16_t>(bits));
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(value)) << bits;
      continue;
    }
    ASSERT_EQ(xir::bang::float_bits(value), xir::bang::float_bits(expected)) << bits;
    ASSERT_EQ(xir::bang::float_to_half_bits(value), bits);
  }
}

TEST(BangHalf, FloatToHalfRoundsToNearestEvenLikeTheCompiler) {
  std::mt19937 generator(7);
  std::uniform_int_distribution<std::uint32_t> any_bits;
  std::uniform_real_distribution<float> near_range(-70000.0f, 70000.0f);
  for (int i = 0; i < 400000; ++i) {
    const float value =
        i % 2 ? xir::bang::float_from_bits(any_bits(generator)) : near_range(generator);
    if (std::isnan(value))
      continue;
    ASSERT_EQ(xir::bang::float_to_half_bits(value), half_bits(value)) << value;
  }
  // Ties between neighbouring halves, normal and subnormal, go to the even one.
  for (std::uint16_t bits = 0; bits < 0x7bff; bits += 37) {
    const float low = oracle_half_value(bits),
                high = oracle_half_value(static_cast<std::uint16_t>(bits + 1));
    const float middle = low + (high - low) / 2;
    ASSERT_EQ(xir::bang::float_to_half_bits(middle), half_bits(middle)) << bits;
  }
}

TEST(BangHalf, ArithmeticHappensInFloatAndRoundsOnStore) {
  using xir::bang::half;
  half a = 1.0f, b = 0.0004882812f; // 2^-11: a tie when added to 1
  half sum = a + b;
  EXPECT_EQ(sum.bits, half_bits(1.0f + 0.0004882812f));
  half big = 65504.0f;
  big += 16.0f; // 65520 rounds to infinity
  EXPECT_TRUE(std::isinf(static_cast<float>(big)));
}

TEST(BangBfloat16, RoundsToNearestEvenOnTheUpperHalf) {
  std::mt19937 generator(3);
  std::uniform_int_distribution<std::uint32_t> any_bits;
  for (int i = 0; i < 100000; ++i) {
    const std::uint32_t bits = any_bits(generator);
    const float value = xir::bang::float_from_bits(bits);
    if (std::isnan(value))
      continue;
    // Independent formulation: choose the nearer of the two truncations, ties to even.
    const std::uint32_t low = bits & 0xffff0000u, high = low + 0x10000u;
    const std::uint32_t remainder = bits & 0xffffu;
    std::uint32_t expected = remainder < 0x8000u   ? low
                             : remainder > 0x8000u ? high
                                                   : ((low >> 16) & 1u ? high : low);
    ASSERT_EQ(xir::bang::bfloat16_t(value).bits, expected >> 16) << value;
  }
}

} // namespace
