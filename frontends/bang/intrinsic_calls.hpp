#pragma once
// BANG device calls in statement position: `__bang_*`, `__memcpy`, `__memset_nram` become
// IntrinsicCalls of the bang target's table (pointer operands as Address expressions, the copy
// direction as its xir::bang::MemcpyDirection value); `__sync_*` become barriers.

#include <clang/AST/Expr.h>

#include <optional>

#include "../common/function_lifter.hpp"
#include "task_geometry.hpp"

namespace xir::frontend {

std::optional<Stmt> lift_bang_call(FunctionLifter& lifter, const TaskGeometry& geometry, const clang::CallExpr* call);

} // namespace xir::frontend
