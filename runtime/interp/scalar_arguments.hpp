#pragma once
// C scalar arguments as interpreter values, and buffer shapes evaluated with them.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "xir/interp/value.hpp"
#include "xir/ir/buffer.hpp"

namespace xir::interp_engine {

/// The C value at `argument` (of the C type the IR type `type` maps to) as an interpreter value.
interp::ScalarValue read_scalar(Type type, const void* argument);

/// `buffer`'s shape with every scalar parameter replaced by its value; throws EngineError when an
/// extent does not fold to a non-negative integer.
std::vector<std::int64_t> evaluate_shape(const Buffer& buffer,
                                         const std::map<std::string, interp::ScalarValue>& scalars);

} // namespace xir::interp_engine
