#include "xir/interp/numeric.hpp"

#include <bit>
#include <cmath>
#include <limits>

namespace xir::interp {
namespace {

// Rounds to a binary format with `precision` significand bits, smallest normal exponent
// `min_exponent`, and largest finite value `max_finite`. Scaling by powers of two is exact, and
// nearbyint rounds ties to even in the default rounding mode.
double round_binary(double x, int precision, int min_exponent, double max_finite) {
  if (!std::isfinite(x) || x == 0)
    return x;
  int e = 0;
  std::frexp(x, &e);
  int exponent = std::max(e - 1, min_exponent);
  double quantum = std::ldexp(1.0, exponent - (precision - 1));
  double rounded = std::nearbyint(x / quantum) * quantum;
  if (std::fabs(rounded) > max_finite)
    return std::copysign(std::numeric_limits<double>::infinity(), x);
  return rounded;
}

constexpr double f16_max = 65504.0;
const double bf16_max = std::ldexp(255.0, 127 - 7);

} // namespace

double round_to_format(ScalarKind kind, double value) {
  switch (kind) {
  case ScalarKind::F16:
    return round_binary(value, 11, -14, f16_max);
  case ScalarKind::BF16:
    return round_binary(value, 8, -126, bf16_max);
  case ScalarKind::F32:
    return static_cast<double>(static_cast<float>(value));
  default:
    return value;
  }
}

std::uint16_t f16_bits(double value) {
  double r = round_to_format(ScalarKind::F16, value);
  std::uint16_t sign = std::signbit(r) ? 0x8000 : 0;
  if (std::isnan(r))
    return sign | 0x7E00;
  double a = std::fabs(r);
  if (std::isinf(a))
    return sign | 0x7C00;
  if (a == 0)
    return sign;
  if (a < std::ldexp(1.0, -14))
    return sign | static_cast<std::uint16_t>(a / std::ldexp(1.0, -24));
  int e = 0;
  double m = std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1)
  auto biased = static_cast<std::uint16_t>(e - 1 + 15);
  auto mantissa = static_cast<std::uint16_t>((m * 2 - 1) * 1024);
  return sign | static_cast<std::uint16_t>(biased << 10) | mantissa;
}

double f16_value(std::uint16_t bits) {
  double sign = (bits & 0x8000) ? -1.0 : 1.0;
  int exponent = (bits >> 10) & 0x1F;
  int mantissa = bits & 0x3FF;
  if (exponent == 0x1F)
    return mantissa ? std::numeric_limits<double>::quiet_NaN()
                    : sign * std::numeric_limits<double>::infinity();
  if (exponent == 0)
    return sign * std::ldexp(mantissa, -24);
  return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

std::uint16_t bf16_bits(double value) {
  double r = round_to_format(ScalarKind::BF16, value);
  if (std::isnan(r))
    return std::signbit(r) ? 0xFFC0 : 0x7FC0;
  return static_cast<std::uint16_t>(std::bit_cast<std::uint32_t>(static_cast<float>(r)) >> 16);
}

double bf16_value(std::uint16_t bits) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

std::int64_t wrap_to_width(ScalarKind kind, std::int64_t value) {
  switch (kind) {
  case ScalarKind::Bool:
    return value != 0;
  case ScalarKind::I8:
    return static_cast<std::int8_t>(value);
  case ScalarKind::U8:
    return static_cast<std::uint8_t>(value);
  case ScalarKind::I16:
    return static_cast<std::int16_t>(value);
  case ScalarKind::U16:
    return static_cast<std::uint16_t>(value);
  case ScalarKind::I32:
    return static_cast<std::int32_t>(value);
  case ScalarKind::U32:
    return static_cast<std::uint32_t>(value);
  default:
    return value;
  }
}

} // namespace xir::interp
