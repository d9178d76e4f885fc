#pragma once
// C/CUDA/HIP math functions (expf, __expf, sqrtf, fmaxf, __float2half, ...) to IR calls and operators.

#include <clang/AST/Expr.h>

#include <optional>

#include "xir/ir/expr.hpp"

namespace xir::frontend {

class FunctionLifter;

/// The IR of a call of a known math function or conversion; nullopt when the callee is not one.
std::optional<Expr> lift_math_call(FunctionLifter& lifter, const clang::CallExpr* call);

} // namespace xir::frontend
