#pragma once
// Internal: one-line C-like renderings of expressions and statements for error messages
// (independent of the textual IR printer, so the interpreter builds on the IR alone).

#include <string>

#include "xir/ir/kernel.hpp"

namespace xir::interp::detail {

std::string describe(const Expr& e);
/// The statement itself, without the bodies of loops, branches and blocks.
std::string describe(const Stmt& s);

} // namespace xir::interp::detail
