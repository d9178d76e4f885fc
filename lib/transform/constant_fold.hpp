#pragma once
// Evaluation of operators on immediates with C semantics; nullopt where C leaves the result
// undefined or where the result could depend on the platform (see simplify.hpp).

#include <optional>

#include "xir/ir/expr.hpp"

namespace xir::transform {

std::optional<Expr> fold_binary(BinaryOp op, const Expr& a, const Expr& b);
std::optional<Expr> fold_unary(UnaryOp op, const Expr& a);
std::optional<Expr> fold_cast(Type type, const Expr& value);

/// The value of an integer or bool immediate, or of a broadcast of one.
std::optional<std::int64_t> constant_int(const Expr& e);
/// `value` as an immediate of `type`, broadcast when `type` is a vector.
Expr make_constant(Type type, std::int64_t value);

} // namespace xir::transform
