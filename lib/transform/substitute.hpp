#pragma once
// Replacing a variable by an expression, and asking whether a variable is used.

#include <string>

#include "xir/ir/stmt.hpp"

namespace xir::transform {

/// `stmt` with every free occurrence of variable `name` replaced by `value` (occurrences under an
/// inner loop or let that rebinds `name` are left alone).
Stmt substitute(const Stmt& stmt, const std::string& name, const Expr& value);

/// Whether variable `name` occurs free in `stmt`.
bool uses_var(const Stmt& stmt, const std::string& name);

} // namespace xir::transform
