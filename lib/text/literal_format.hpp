#pragma once
// Spelling of immediates in the textual IR.

#include <string>

#include "xir/ir/type.hpp"

namespace xir::text {

/// The shortest decimal text that reads back to exactly `value` (always with a '.' or an exponent,
/// so it never reads as an integer), or inf, -inf, nan, -nan.
std::string format_float(double value);

/// The type suffix of an immediate: empty for the default types (i32 for integers, f32 for floats,
/// bool for true/false), otherwise ":<type>".
std::string immediate_type_suffix(Type type);

} // namespace xir::text
