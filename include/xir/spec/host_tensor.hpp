#pragma once
// A dense row-major tensor in host memory: the currency between specs, references and tools.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "xir/spec/dtype.hpp"

namespace xir::spec {

struct HostTensor {
  DType dtype = DType::f32;
  std::vector<std::int64_t> shape; // row-major, outermost first
  std::vector<std::byte> bytes;

  static HostTensor zeros(DType dtype, std::vector<std::int64_t> shape);

  std::int64_t element_count() const;
  // Element `flat` widened to double (exact for every dtype except i64/u32 beyond 2^53).
  double get(std::int64_t flat) const;
  // Element `flat` as an integer; floats are truncated toward zero.
  std::int64_t get_integer(std::int64_t flat) const;
  // Stores `value` converted to the dtype: round to nearest even for floats, wrap-around for
  // integers (after truncation toward zero), nonzero -> 1 for bool.
  void set(std::int64_t flat, double value);
  void set_integer(std::int64_t flat, std::int64_t value);

  void* data() { return bytes.data(); }
  const void* data() const { return bytes.data(); }
};

std::int64_t element_count(const std::vector<std::int64_t>& shape);
// "[2, 3, 4]"
std::string shape_to_string(const std::vector<std::int64_t>& shape);
// Row-major multi-index of a flat offset, as "[i, j, k]".
std::string index_to_string(const std::vector<std::int64_t>& shape, std::int64_t flat);

} // namespace xir::spec
