#pragma once
// Scalar values handed to and from the interpreter.

#include <cstdint>
#include <string>

#include "xir/ir/type.hpp"

namespace xir::interp {

/// One element of any scalar type: integers and bool in `integer` (already wrapped to the type),
/// floats in `real` (already rounded to the type).
struct ScalarValue {
  ScalarKind kind = ScalarKind::I32;
  std::int64_t integer = 0;
  double real = 0;

  /// `value` converted to `kind` with the IR's Cast rules.
  static ScalarValue from_int(ScalarKind kind, std::int64_t value);
  static ScalarValue from_float(ScalarKind kind, double value);
  static ScalarValue i32(std::int32_t v) { return from_int(ScalarKind::I32, v); }
  static ScalarValue i64(std::int64_t v) { return from_int(ScalarKind::I64, v); }
  static ScalarValue f32(float v) { return from_float(ScalarKind::F32, v); }

  bool is_float() const { return Type(kind).is_float(); }
  double as_double() const { return is_float() ? real : static_cast<double>(integer); }
  std::string to_string() const;
};

} // namespace xir::interp
