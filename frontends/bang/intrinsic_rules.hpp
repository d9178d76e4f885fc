#pragma once
// The documented rules of a BANG intrinsic call that its operands can break at compile time
// (DIALECTS.md 1.4-1.10): vector operations of 0 elements, byte sizes and strides that are not whole elements,
// mismatched element types, 2-D strides below the segment size, 3-D segment grids of different
// sizes, the 5-operand __bang_div's 128-byte multiple and overlap ban. The table's semantics state
// them; they are checked here by expanding the lifted call once, so a breach is reported at the
// call instead of when the kernel runs.

#include <clang/AST/Expr.h>

#include "../common/function_lifter.hpp"
#include "xir/target/intrinsic.hpp"

namespace xir::frontend {

void check_intrinsic_rules(FunctionLifter& lifter, const clang::CallExpr* call, const Intrinsic& entry,
                           const IntrinsicCall& lifted);

} // namespace xir::frontend
