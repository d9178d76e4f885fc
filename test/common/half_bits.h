#pragma once
// IEEE binary16 values as the bit patterns kernels read and write, through the compiler's _Float16
// (one IEEE round to nearest even): the tests' oracle for half conversions.

#include <cstdint>
#include <cstring>

namespace xir::test {

inline std::uint16_t half_bits(double v) {
  const _Float16 h = static_cast<_Float16>(v);
  std::uint16_t b;
  std::memcpy(&b, &h, 2);
  return b;
}

inline double half_value(std::uint16_t b) {
  _Float16 h;
  std::memcpy(&h, &b, 2);
  return static_cast<float>(h);
}

} // namespace xir::test
