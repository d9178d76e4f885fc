#pragma once
// OpenMP directives as IR loops: `parallel for` (with collapse and schedule) and `parallel` regions
// with `for` work-sharing loops become parallel loops; other directives and clauses are rejected.

#include <clang/AST/StmtOpenMP.h>

#include <optional>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

/// Lifts `s` when it is an OpenMP directive, or a loop that a `collapse` clause makes parallel;
/// nullopt for every other statement. `collapsed` counts the nested loops still to collapse.
std::optional<Stmt> lift_openmp(FunctionLifter& lifter, const clang::Stmt* s, int& collapsed);

} // namespace xir::frontend
