#pragma once
// OpenMP directives as IR loops: `parallel for`, `for` (with collapse, schedule and the
// private, firstprivate, lastprivate and reduction clauses) and `parallel` regions with `for`
// work-sharing loops become parallel loops, `simd` loops serial ones (their clauses are hints);
// other directives and clauses are rejected.

#include <clang/AST/StmtOpenMP.h>

#include <optional>
#include <set>
#include <string>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

/// What lifting one function's OpenMP directives keeps between statements.
struct OpenMpState {
  int collapsed = 0;  // nested loops of a `collapse` clause still to lift
  ForKind collapsed_kind = ForKind::Parallel;
  std::set<const clang::VarDecl*> region_decls;  // declared in the enclosing `parallel` region
  std::set<std::string> shared_slots;  // host storage of reductions and lastprivate: never per thread
};

/// Lifts `s` when it is an OpenMP directive, or a loop that a `collapse` clause makes parallel;
/// nullopt for every other statement.
std::optional<Stmt> lift_openmp(FunctionLifter& lifter, const clang::Stmt* s, OpenMpState& state);

} // namespace xir::frontend
