#pragma once
// The data-sharing clauses of an OpenMP loop directive (private, firstprivate, lastprivate,
// reduction) read from Clang's AST, and the reduction operators' identities and combiners.

#include <clang/AST/ExprOpenMP.h>
#include <clang/AST/StmtOpenMP.h>

#include <optional>
#include <vector>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

/// One variable of a data-sharing clause. A variable in both firstprivate and lastprivate is one entry.
struct DataSharingVar {
  const clang::Expr* reference = nullptr;  // where the clause names it (for diagnostics)
  const clang::VarDecl* var = nullptr;
  bool copy_in = false;   // firstprivate: each copy starts from the value before the loop
  bool copy_out = false;  // lastprivate: the sequentially last iteration's value is kept
  /// reduction: the combining operator (`-` combines like `+`; `&&`, `||` are And, Or).
  std::optional<BinaryOp> reduction;
  /// reduction over `var[lower : length]`; null: over the whole variable.
  const clang::OMPArraySectionExpr* section = nullptr;
};

/// The directive's data-sharing variables; unsupported forms (array sections outside reductions,
/// multi-dimensional or strided sections, user-defined reductions, clause modifiers) are diagnostics.
std::vector<DataSharingVar> read_data_sharing(FunctionLifter& lifter, const clang::OMPExecutableDirective* directive);

/// The value each private copy of a reduction starts from: 0 for + - | ^ ||, 1 for * &&, all bits for &,
/// the least (greatest) value of `type` for max (min).
Expr reduction_identity(BinaryOp op, Type type);
/// `a op b` as the OpenMP combiner computes it (logical operators give 0 or 1 of `a`'s type).
Expr reduction_combine(BinaryOp op, Expr a, Expr b);

} // namespace xir::frontend
