// Fills of NRAM (DIALECTS.md 1.4): __bang_write_zero, __bang_write_value, __memset_nram.
// write_value and memset take the element type from the value argument, as their overloads do.
#pragma once

#include <cstdint>

#include "numeric.hpp"

namespace xir::bang {

template <class V>
void fill_elements(SourceLoc loc, const char* function, void* dst, unsigned n, V value,
                   bool aligned_2xx, std::size_t multiple_2xx) {
  if (!runs_on_this_core(function))
    return;
  if constexpr (std::is_same_v<V, bfloat16_t>)
    require_arch(loc, function, arch >= 500, "bf16 needs arch 5xx");
  require_positive_count(loc, function, n);
  const std::size_t bytes = std::size_t{n} * sizeof(V);
  require_space(loc, function, "dst", dst, bytes, Space::nram);
  if (is_2xx && aligned_2xx) {
    require_aligned(loc, function, "dst", dst, 64, "2xx fills are 64-byte aligned");
    require_multiple(loc, function, "n * sizeof(value)", bytes, multiple_2xx,
                     "2xx fill byte count rule");
  }
  auto* elements = static_cast<V*>(dst);
  for (unsigned i = 0; i < n; ++i)
    elements[i] = value;
}

template <one_of<std::int8_t, std::uint8_t, char, std::int16_t, std::uint16_t, std::int32_t,
                 std::uint32_t, half, float, bfloat16_t>
              T>
void bang_write_zero(SourceLoc loc, T* dst, unsigned n) {
  fill_elements<T>(loc, "__bang_write_zero", dst, n, T(0), true, 128);
}

struct WriteValue {
  static constexpr const char* name = "__bang_write_value";
  static void run(SourceLoc loc, void* dst, unsigned n, char v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, signed char v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, short v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, int v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, half v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, float v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, bfloat16_t v) {
    fill_elements(loc, name, dst, n, v, true, 64);
  }
};

// Runs on the Move pipeline; no alignment rule.
struct MemsetNram {
  static constexpr const char* name = "__memset_nram";
  static void run(SourceLoc loc, void* dst, unsigned n, char v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, signed char v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, short v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, int v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, half v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, float v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
  static void run(SourceLoc loc, void* dst, unsigned n, bfloat16_t v) {
    fill_elements(loc, name, dst, n, v, false, 1);
  }
};

} // namespace xir::bang
