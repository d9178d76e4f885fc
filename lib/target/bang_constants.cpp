// Constant operands as the BANG frontend lifts them: immediates of the parameter's type, behind a
// conversion to the count type, or small sums such as `&x[0 + 16]`.
#include "bang_table.hpp"

namespace xir::target_detail::bang_table {

std::optional<std::int64_t> constant_integer(const Expr& e) {
  if (const std::int64_t* c = as_const_int(e))
    return *c;
  if (const Cast* cast = e.as<Cast>()) {
    auto value = constant_integer(cast->value);
    const Type t = e.type();
    if (!value || !t.is_int() || !cast->value.type().is_int() || t.bits() > 64)
      return std::nullopt;
    // Only conversions that keep the value.
    const bool fits = t.bits() == 64      ? (t.is_signed_int() || *value >= 0)
                      : t.is_signed_int() ? *value >= -(std::int64_t{1} << (t.bits() - 1)) &&
                                                *value < (std::int64_t{1} << (t.bits() - 1))
                                          : *value >= 0 && *value < (std::int64_t{1} << t.bits());
    return fits ? value : std::nullopt;
  }
  if (const Binary* binary = e.as<Binary>()) {
    auto a = constant_integer(binary->a), b = constant_integer(binary->b);
    if (!a || !b)
      return std::nullopt;
    std::int64_t result = 0;
    bool overflow = true;
    switch (binary->op) {
    case BinaryOp::Add:
      overflow = __builtin_add_overflow(*a, *b, &result);
      break;
    case BinaryOp::Sub:
      overflow = __builtin_sub_overflow(*a, *b, &result);
      break;
    case BinaryOp::Mul:
      overflow = __builtin_mul_overflow(*a, *b, &result);
      break;
    default:
      break;
    }
    if (overflow)
      return std::nullopt;
    return result;
  }
  return std::nullopt;
}

} // namespace xir::target_detail::bang_table
