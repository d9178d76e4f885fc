#pragma once
// Small helpers the statement lifters share when they assemble IR.

#include <vector>

#include "xir/ir.hpp"

namespace xir::frontend {

/// A comparison or logical operator over two integer constants, folded to a boolean constant
/// (host error checks on calls lifted as success disappear); anything else unchanged.
Expr fold(Expr e);

/// `stmts` in order as one statement: nested blocks flattened, undefined statements dropped.
Stmt sequence(std::vector<Stmt> stmts);

/// Whether `s` is a block without statements.
bool is_empty(const Stmt& s);

/// Whether `e` loads from a buffer anywhere (its value may change when the buffer does).
bool reads_memory(const Expr& e);

} // namespace xir::frontend
