#pragma once
// AVX-512 intrinsics as IR vector expressions and statements: a table from intrinsic name to its
// lane semantics (lane-wise arithmetic, masked and gathered memory access, horizontal reductions,
// dot products).

#include <clang/AST/Expr.h>

#include <optional>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

/// An intrinsic call whose value is used; nullopt when `call` is not an AVX-512 intrinsic.
std::optional<Expr> lift_vector_intrinsic(FunctionLifter& lifter, const clang::CallExpr* call);

/// An intrinsic call in statement position (stores); nullopt when `call` is not a store intrinsic.
std::optional<Stmt> lift_vector_store(FunctionLifter& lifter, const clang::CallExpr* call);

} // namespace xir::frontend
