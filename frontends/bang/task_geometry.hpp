#pragma once
// The task geometry of one BANG launch (DIALECTS.md 1.1): one loop over taskId bound to the
// TaskId axis; every other built-in (taskIdX.., clusterId, coreId, taskDim.., clusterDim, coreDim)
// is an expression of taskId, the launch's cnrtDim3_t and its function type.

#include <clang/AST/Expr.h>

#include <optional>
#include <string>

#include "xir/ir.hpp"

namespace xir::frontend {

/// MLU cores per cluster in UNION jobs.
inline constexpr std::int64_t bang_cores_per_cluster = 4;

struct TaskGeometry {
  Expr dim[3];               // taskDimX, taskDimY, taskDimZ (u32)
  bool union_job = true;     // UNIONn: clusters of 4 cores; BLOCK: single cores, clusterDim 0
  std::string task_var;      // empty in host code
  bool in_host_code() const { return task_var.empty(); }

  Expr task_id() const;
  Expr task_dim() const;
  Expr core_id() const;
  /// The value of the built-in variable `name`, or nullopt when `name` is none.
  std::optional<Expr> builtin(const std::string& name) const;

  /// `for task in [0, taskDim) bound(taskId) { body }`.
  Stmt task_loop(Stmt body) const;
};

/// The built-in variable a reference names (`taskId`, `coreDim`, ...), declared in bang.h.
std::optional<std::string> builtin_variable(const clang::Expr* e);

} // namespace xir::frontend
