#include "task_geometry.hpp"

#include <clang/AST/Decl.h>

namespace xir::frontend {
namespace {

Expr u32(std::int64_t v) { return make_int(v, Type::u32()); }
Expr bin(BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); }

} // namespace

Expr TaskGeometry::task_id() const { return Var::make(Type::u32(), task_var); }

Expr TaskGeometry::task_dim() const {
  const std::int64_t *x = as_const_int(dim[0]), *y = as_const_int(dim[1]), *z = as_const_int(dim[2]);
  if (x && y && z) return u32(*x * *y * *z);
  return bin(BinaryOp::Mul, bin(BinaryOp::Mul, dim[0], dim[1]), dim[2]);
}

Expr TaskGeometry::core_id() const {
  return union_job ? bin(BinaryOp::Mod, task_id(), u32(bang_cores_per_cluster)) : u32(0);
}

std::optional<Expr> TaskGeometry::builtin(const std::string& name) const {
  // taskId = taskIdZ * taskDimY * taskDimX + taskIdY * taskDimX + taskIdX.
  if (name == "taskId") return task_id();
  if (name == "taskIdX") return bin(BinaryOp::Mod, task_id(), dim[0]);
  if (name == "taskIdY") return bin(BinaryOp::Mod, bin(BinaryOp::Div, task_id(), dim[0]), dim[1]);
  if (name == "taskIdZ") return bin(BinaryOp::Div, task_id(), bin(BinaryOp::Mul, dim[0], dim[1]));
  if (name == "taskDim") return task_dim();
  if (name == "taskDimX") return dim[0];
  if (name == "taskDimY") return dim[1];
  if (name == "taskDimZ") return dim[2];
  // UNION jobs number clusters cluster-major; a BLOCK job reads clusterDim == 0 and one core.
  if (name == "coreDim") return u32(union_job ? bang_cores_per_cluster : 1);
  if (name == "coreId") return core_id();
  if (name == "clusterDim") return union_job ? bin(BinaryOp::Div, task_dim(), u32(bang_cores_per_cluster)) : u32(0);
  if (name == "clusterId") return union_job ? bin(BinaryOp::Div, task_id(), u32(bang_cores_per_cluster)) : u32(0);
  return std::nullopt;
}

Stmt TaskGeometry::task_loop(Stmt body) const {
  return For::make(task_var, u32(0), task_dim(), ForKind::Bound, HardwareAxis::TaskId, std::move(body));
}

std::optional<std::string> builtin_variable(const clang::Expr* e) {
  e = e->IgnoreParens();
  if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e); cast && cast->getCastKind() == clang::CK_LValueToRValue)
    e = cast->getSubExpr()->IgnoreParens();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (!var || !var->hasExternalStorage() || !var->getType().isConstQualified()) return std::nullopt;
  static const char* names[] = {"taskId",  "taskIdX",  "taskIdY",  "taskIdZ",   "taskDim",    "taskDimX",
                                "taskDimY", "taskDimZ", "coreId",   "coreDim",   "clusterId", "clusterDim"};
  const std::string name = var->getNameAsString();
  for (const char* n : names)
    if (name == n) return name;
  return std::nullopt;
}

} // namespace xir::frontend
