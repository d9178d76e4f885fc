#pragma once
// The loops of a lifted OpenMP loop directive (its `collapse` nest) as one iteration space: the
// iterations counted row-major, and the loop variables of iteration k.

#include <string>
#include <utility>
#include <vector>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

struct LoopNest {
  struct Level {
    std::string var;
    Expr min, extent;
    std::vector<std::pair<std::string, Expr>> lets;  // bound between this loop and the next
  };
  std::vector<Level> levels;  // outermost first
  Stmt body;                  // of the innermost loop

  /// The number of iterations of the whole nest (i64).
  Expr trip_count() const;
  /// The body with every loop variable bound for iteration `k` (i64, row-major, innermost fastest).
  Stmt body_at(const Expr& k) const;
};

/// The `levels` perfectly nested loops of `kind` at the top of `nest`; a nest whose inner bounds
/// depend on outer loops (not rectangular) or with statements between its loops is a diagnostic at `where`.
LoopNest read_loop_nest(FunctionLifter& lifter, const clang::Stmt* where, const Stmt& nest, int levels, ForKind kind);

} // namespace xir::frontend
