// Reductions on NRAM (DIALECTS.md 1.6): __bang_reduce_sum per 128-byte block, __bang_argmax /
// __bang_argmin (value at d[0], uint32 index right after it), deprecated __bang_max / __bang_min.
#pragma once

#include <cmath>
#include <cstring>

#include "numeric.hpp"

namespace xir::bang {

template <vector_float T> void bang_reduce_sum(SourceLoc loc, T* d, const T* s, unsigned n) {
  const char* function = "__bang_reduce_sum";
  if (!runs_on_this_core(function))
    return;
  require_element_arch<T>(loc, function);
  require_positive_count(loc, function, n);
  const std::size_t bytes = std::size_t{n} * sizeof(T);
  require_multiple(loc, function, "n * sizeof(T)", bytes, 128,
                   "reduce_sum works on whole 128-byte blocks");
  require_space(loc, function, "dst", d, bytes, Space::nram);
  require_space(loc, function, "src", s, bytes, Space::nram);
  if (is_2xx) {
    require_aligned(loc, function, "dst", d, 64, "2xx vector operands are 64-byte aligned");
    require_aligned(loc, function, "src", s, 64, "2xx vector operands are 64-byte aligned");
  }
  constexpr unsigned block = 128 / sizeof(T);
  for (unsigned b = 0; b < n / block; ++b) {
    float sum = 0.0f;
    for (unsigned i = 0; i < block; ++i)
      sum += static_cast<float>(s[b * block + i]);
    if (is_2xx) // other elements of each destination block: zeroed on 2xx, unchanged on 3xx+
      for (unsigned i = 1; i < block; ++i)
        d[b * block + i] = T(0.0f);
    d[b * block] = T(sum);
  }
}

// Finds the extreme (NaN ignored; first occurrence wins) and stores value + uint32 index.
template <class T, class Better>
void extreme_with_index(SourceLoc loc, const char* function, T* d, const T* s, unsigned n,
                        std::size_t dst_bytes, bool no_overlap, Better better) {
  require_positive_count(loc, function, n);
  const std::size_t bytes = std::size_t{n} * sizeof(T);
  require_space(loc, function, "src", s, bytes, Space::nram);
  require_space(loc, function, "dst", d, dst_bytes, Space::nram);
  if (no_overlap)
    require_no_overlap(loc, function, "dst", d, dst_bytes, "src", s, bytes);
  if (is_2xx) {
    require_aligned(loc, function, "dst", d, 64, "2xx vector operands are 64-byte aligned");
    require_aligned(loc, function, "src", s, 64, "2xx vector operands are 64-byte aligned");
    require_multiple(loc, function, "n * sizeof(T)", bytes, 128,
                     "2xx vector byte counts are multiples of 128");
  }
  std::uint32_t best_index = 0;
  bool found = false;
  float best = 0.0f;
  for (unsigned i = 0; i < n; ++i) {
    const float value = static_cast<float>(s[i]);
    if (std::isnan(value))
      continue;
    if (!found || better(value, best)) {
      best = value;
      best_index = i;
      found = true;
    }
  }
  const T best_value = found ? T(best) : s[0];
  std::memcpy(d, &best_value, sizeof(T));
  std::memcpy(reinterpret_cast<std::byte*>(d) + sizeof(T), &best_index, sizeof best_index);
}

inline constexpr auto greater = [](float x, float y) { return x > y; };
inline constexpr auto less = [](float x, float y) { return x < y; };

template <vector_float T> void bang_argmax(SourceLoc loc, T* d, const T* s, unsigned n) {
  if (!runs_on_this_core("__bang_argmax"))
    return;
  require_arch(loc, "__bang_argmax", arch >= 322, "needs arch >= 322");
  require_element_arch<T>(loc, "__bang_argmax");
  extreme_with_index(loc, "__bang_argmax", d, s, n, sizeof(T) + 4, false, greater);
}
template <vector_float T> void bang_argmin(SourceLoc loc, T* d, const T* s, unsigned n) {
  if (!runs_on_this_core("__bang_argmin"))
    return;
  require_arch(loc, "__bang_argmin", arch >= 322, "needs arch >= 322");
  require_element_arch<T>(loc, "__bang_argmin");
  extreme_with_index(loc, "__bang_argmin", d, s, n, sizeof(T) + 4, false, less);
}

// Deprecated predecessors: same output format, dst >= 128 bytes on 2xx, no overlap.
template <one_of<half, float> T> void bang_max(SourceLoc loc, T* d, const T* s, unsigned n) {
  if (!runs_on_this_core("__bang_max"))
    return;
  extreme_with_index(loc, "__bang_max", d, s, n, is_2xx ? 128 : sizeof(T) + 4, true, greater);
}
template <one_of<half, float> T> void bang_min(SourceLoc loc, T* d, const T* s, unsigned n) {
  if (!runs_on_this_core("__bang_min"))
    return;
  extreme_with_index(loc, "__bang_min", d, s, n, is_2xx ? 128 : sizeof(T) + 4, true, less);
}

} // namespace xir::bang
