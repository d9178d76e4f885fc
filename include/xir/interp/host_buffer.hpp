#pragma once
// Host memory the interpreter runs a kernel on: a row-major array of one element type. f16 and
// bf16 elements are stored as their 16-bit patterns, bool as one byte.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "xir/ir/type.hpp"

namespace xir::interp {

class HostBuffer {
public:
  HostBuffer() = default;
  /// Zero-filled storage of `shape` elements of scalar type `dtype`.
  HostBuffer(Type dtype, std::vector<std::int64_t> shape);

  Type dtype() const { return dtype_; }
  const std::vector<std::int64_t>& shape() const { return shape_; }
  std::int64_t element_count() const;
  std::byte* data() { return bytes_.data(); }
  const std::byte* data() const { return bytes_.data(); }
  std::size_t size_bytes() const { return bytes_.size(); }

  /// Element `flat` (row-major) as a double; floats exactly, integers converted.
  double get(std::int64_t flat) const;
  /// Stores `value` converted to the element type: floats round to nearest even, integers
  /// truncate toward zero and wrap.
  void set(std::int64_t flat, double value);
  std::int64_t get_int(std::int64_t flat) const;
  void set_int(std::int64_t flat, std::int64_t value);
  /// The raw pattern of a 16-bit element (f16, bf16, i16, u16).
  std::uint16_t bits16(std::int64_t flat) const;
  void set_bits16(std::int64_t flat, std::uint16_t bits);

  /// Row-major flat index of `indices`; throws std::out_of_range when outside the shape.
  std::int64_t flat_index(std::initializer_list<std::int64_t> indices) const;
  double at(std::initializer_list<std::int64_t> indices) const { return get(flat_index(indices)); }

private:
  void check_flat(std::int64_t flat) const;

  Type dtype_;
  std::vector<std::int64_t> shape_;
  std::vector<std::byte> bytes_;
};

} // namespace xir::interp
