#pragma once
// The arithmetic rules the interpreter applies to every result: floats round to nearest even in
// their own format (f16, bf16, f32), integers wrap around to their width.

#include <cstdint>

#include "xir/ir/type.hpp"

namespace xir::interp {

/// `value` rounded to nearest even in the format of `kind` (f16, bf16, f32; f64 unchanged).
/// Values beyond the largest finite number round to infinity as IEEE 754 requires.
double round_to_format(ScalarKind kind, double value);

/// IEEE binary16 bits of `value`, rounded to nearest even.
std::uint16_t f16_bits(double value);
double f16_value(std::uint16_t bits);
/// bfloat16 bits of `value`, rounded to nearest even; NaN becomes a quiet NaN.
std::uint16_t bf16_bits(double value);
double bf16_value(std::uint16_t bits);

/// `value` wrapped to the width and signedness of integer `kind` (bool: nonzero is 1).
std::int64_t wrap_to_width(ScalarKind kind, std::int64_t value);

} // namespace xir::interp
