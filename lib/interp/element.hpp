#pragma once
// Internal: one lane of a value and its encoding in memory.

#include <cstddef>
#include <cstdint>

#include "xir/ir/type.hpp"

namespace xir::interp::detail {

/// A lane: `integer` for integer and bool kinds, `real` for float kinds.
struct Lane {
  std::int64_t integer = 0;
  double real = 0;
};

Lane read_element(ScalarKind kind, const std::byte* p);
void write_element(ScalarKind kind, std::byte* p, const Lane& lane);

/// C conversion of one lane between kinds: integers wrap, floats round to nearest even,
/// float-to-integer truncates and saturates (NaN gives 0).
Lane convert_lane(ScalarKind from, ScalarKind to, const Lane& lane);

} // namespace xir::interp::detail
