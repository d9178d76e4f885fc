// Conversions between float and half, scalar and vector (NRAM). Not in DIALECTS.md; provided
// because hand-written kernels use them: `_rn` and the unsuffixed forms round to nearest even,
// `_tz` truncates toward zero.
#pragma once

#include <cmath>

#include "numeric.hpp"

namespace xir::bang {

inline half half_toward_zero(float value) {
  half nearest(value);
  const float back = static_cast<float>(nearest);
  if (std::isfinite(value) && std::abs(back) > std::abs(value)) // rounded away from zero: step back
    nearest = half::from_bits(static_cast<std::uint16_t>(nearest.bits - 1));
  return nearest;
}

template <class To, class From, class Convert>
void convert_vector(SourceLoc loc, const char* function, To* dst, const From* src, unsigned n,
                    Convert convert) {
  if (!runs_on_this_core(function))
    return;
  require_positive_count(loc, function, n);
  require_space(loc, function, "dst", dst, std::size_t{n} * sizeof(To), Space::nram);
  require_space(loc, function, "src", src, std::size_t{n} * sizeof(From), Space::nram);
  if (is_2xx) {
    require_aligned(loc, function, "dst", dst, 64, "2xx vector operands are 64-byte aligned");
    require_aligned(loc, function, "src", src, 64, "2xx vector operands are 64-byte aligned");
  }
  for (unsigned i = 0; i < n; ++i)
    dst[i] = convert(src[i]);
}

inline void bang_half2float(SourceLoc loc, float* dst, const half* src, unsigned n) {
  convert_vector(loc, "__bang_half2float", dst, src, n,
                 [](half h) { return static_cast<float>(h); });
}
inline void bang_float2half_rn(SourceLoc loc, half* dst, const float* src, unsigned n) {
  convert_vector(loc, "__bang_float2half_rn", dst, src, n, [](float f) { return half(f); });
}
inline void bang_float2half_tz(SourceLoc loc, half* dst, const float* src, unsigned n) {
  convert_vector(loc, "__bang_float2half_tz", dst, src, n,
                 [](float f) { return half_toward_zero(f); });
}

} // namespace xir::bang

inline float __half2float(xir::bang::half value) {
  return static_cast<float>(value);
}
inline xir::bang::half __float2half(float value) {
  return xir::bang::half(value);
}
inline xir::bang::half __float2half_rn(float value) {
  return xir::bang::half(value);
}
inline xir::bang::half __float2half_tz(float value) {
  return xir::bang::half_toward_zero(value);
}
