// Device-side half / bfloat16 conversions (all rounding modes), half arithmetic and float math,
// against references computed independently on the host: g++'s _Float16 conversions (correctly
// rounded) and double-precision neighbours for the directed modes and bfloat16.
#include "common/half_bits.h"
#include "kernel_library.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace xir::test {
namespace {

std::uint16_t half_next_up(std::uint16_t b) {
  if (b == 0x8000) return 0x0001;
  return (b & 0x8000) ? b - 1 : b + 1;
}
std::uint16_t half_next_down(std::uint16_t b) {
  if (b == 0x0000) return 0x8001;
  return (b & 0x8000) ? b + 1 : b - 1;
}

struct Directed {
  std::uint16_t toward_zero, down, up;
};

Directed half_directed(float x) {
  const std::uint16_t nearest = half_bits(static_cast<_Float16>(x));
  const float value = static_cast<float>(half_value(nearest));
  if (value == x) return {nearest, nearest, nearest};
  const std::uint16_t lower = value < x ? nearest : half_next_down(nearest);
  const std::uint16_t upper = value < x ? half_next_up(nearest) : nearest;
  return {x > 0 ? lower : upper, lower, upper};
}

float bf16_value(std::uint32_t bits16) {
  const std::uint32_t bits = bits16 << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

std::uint16_t bf16_nearest(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, 4);
  const std::uint32_t truncated = bits >> 16, away = truncated + 1;
  const double below = std::fabs(double(x) - bf16_value(truncated)), above = std::fabs(double(bf16_value(away)) - x);
  if (below < above || (below == above && (truncated & 1) == 0)) return static_cast<std::uint16_t>(truncated);
  return static_cast<std::uint16_t>(away);
}

std::vector<float> conversion_inputs() {
  std::vector<float> values = {0.0f, -0.0f, 1.0f, -1.0f, 65504.0f, 65519.99f, 65520.0f, -65520.0f, 1e6f, 6.1e-5f, 5.96e-8f,
                               2.98e-8f, 2.99e-8f, 1e-10f, -3.1e-6f, 0.1f, 1.0f / 3.0f, 2049.0f, 2051.0f, 1.00048828125f,
                               1.00146484375f, std::numeric_limits<float>::infinity(), 3.0e38f};
  // Exact ties between neighbouring halves and bfloat16s, and random values over many binades.
  for (int i = 0; i < 64; ++i) values.push_back(1.0f + (2 * i + 1) * 0x1p-11f);
  for (int i = 0; i < 64; ++i) values.push_back(-(1.0f + (2 * i + 1) * 0x1p-8f) * 16.0f);
  std::mt19937 generator(11);
  std::uniform_real_distribution<float> mantissa(1.0f, 2.0f);
  std::uniform_int_distribution<int> exponent(-30, 18);
  for (int i = 0; i < 2000; ++i) values.push_back((i % 2 ? -1.0f : 1.0f) * std::ldexp(mantissa(generator), exponent(generator)));
  return values;
}

class CudaFloat16 : public ::testing::Test {
protected:
  KernelLibrary library{"fp16_math_cu.so"};
};

TEST_F(CudaFloat16, ConversionsInEveryRoundingMode) {
  const auto in = conversion_inputs();
  const int n = static_cast<int>(in.size());
  std::vector<std::uint16_t> out(n * 8);
  ASSERT_EQ(library.get<int(const float *, std::uint16_t *, int)>("run_convert")(in.data(), out.data(), n), 0);
  for (int i = 0; i < n; ++i) {
    const float x = in[i];
    const std::uint16_t *row = &out[i * 8];
    const Directed directed = half_directed(x);
    EXPECT_EQ(row[0], half_bits(static_cast<_Float16>(x))) << "__float2half(" << x << ")";
    EXPECT_EQ(row[1], directed.toward_zero) << "_rz " << x;
    EXPECT_EQ(row[2], directed.down) << "_rd " << x;
    EXPECT_EQ(row[3], directed.up) << "_ru " << x;
    if (std::isfinite(x) && std::fabs(x) < 3.3e38f) {
      EXPECT_EQ(row[4], bf16_nearest(x)) << "__float2bfloat16(" << x << ")";
      std::uint32_t bits;
      std::memcpy(&bits, &x, 4);
      EXPECT_EQ(row[5], bits >> 16) << "_rz bf16 " << x;
    }
    const double h = static_cast<float>(static_cast<_Float16>(x));
    EXPECT_EQ(row[6], half_bits(static_cast<_Float16>(h + 1.0))) << "__hadd " << x;
    EXPECT_EQ(row[7], half_bits(static_cast<_Float16>(h * h))) << "__hmul " << x;
  }
}

TEST_F(CudaFloat16, NaNStaysNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<std::uint16_t> out(8);
  ASSERT_EQ(library.get<int(const float *, std::uint16_t *, int)>("run_convert")(&nan, out.data(), 1), 0);
  EXPECT_EQ(out[0] & 0x7c00, 0x7c00);
  EXPECT_NE(out[0] & 0x03ff, 0);
  EXPECT_EQ(out[4] & 0x7f80, 0x7f80);
  EXPECT_NE(out[4] & 0x007f, 0);
}

TEST_F(CudaFloat16, WideningEveryBitPattern) {
  const int n = 65536;
  std::vector<std::uint16_t> bits(n);
  for (int i = 0; i < n; ++i) bits[i] = static_cast<std::uint16_t>(i);
  std::vector<float> out(n * 4);
  ASSERT_EQ(library.get<int(const std::uint16_t *, float *, int)>("run_widen")(bits.data(), out.data(), n), 0);
  for (int i = 0; i < n; ++i) {
    const float h = static_cast<float>(half_value(bits[i]));
    if (std::isnan(h)) {
      EXPECT_TRUE(std::isnan(out[i * 4])) << i;
      continue;
    }
    ASSERT_EQ(out[i * 4 + 0], h) << i;
    ASSERT_EQ(out[i * 4 + 1], bf16_value(bits[i])) << i;
    ASSERT_EQ(out[i * 4 + 2], static_cast<float>(static_cast<_Float16>(double(h) * h))) << i;
    ASSERT_EQ(out[i * 4 + 3], 6.0f) << i; // fma(2, 2, 2) in the high half
  }
}

double ulp_of(double x) { return std::ldexp(1.0, std::ilogb(static_cast<float>(x)) - 23); }

TEST_F(CudaFloat16, FloatMathFunctions) {
  std::vector<float> in;
  for (int i = -400; i <= 400; ++i) in.push_back(i * 0.0213f);
  const int n = static_cast<int>(in.size());
  std::vector<float> out(n * 10);
  ASSERT_EQ(library.get<int(const float *, float *, int)>("run_math")(in.data(), out.data(), n), 0);
  for (int i = 0; i < n; ++i) {
    const double x = in[i];
    const float *row = &out[i * 10];
    EXPECT_NEAR(row[0], std::exp(x), 2 * ulp_of(std::exp(x))) << "expf " << x;
    EXPECT_NEAR(row[1], std::exp(x), (2 + std::floor(1.173 * std::fabs(x))) * ulp_of(std::exp(x)) + 2 * ulp_of(std::exp(x)))
        << "__expf " << x;
    EXPECT_NEAR(row[2], std::tanh(x), 2 * ulp_of(std::tanh(x)) + 1e-38) << "tanhf " << x;
    EXPECT_NEAR(row[3], 1.0 / std::sqrt(std::fabs(x) + 1.0), 2 * ulp_of(1.0)) << "rsqrtf " << x;
    EXPECT_EQ(row[4], std::max(float(x), 0.25f));
    EXPECT_EQ(row[5], std::min(float(x), 0.25f));
    EXPECT_EQ(row[6], std::sqrt(std::fabs(float(x))));
    EXPECT_NEAR(row[7], x / 3.0, 2 * ulp_of(x / 3.0) + 1e-38);
    EXPECT_EQ(row[8], std::clamp(float(x), 0.0f, 1.0f));
    EXPECT_EQ(row[9], std::max(float(x), 0.5f) + std::min(float(x), -0.5f));
  }
}

} // namespace
} // namespace xir::test
