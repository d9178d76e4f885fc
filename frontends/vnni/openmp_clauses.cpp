#include "openmp_clauses.hpp"

#include <clang/AST/DeclOpenMP.h>
#include <clang/AST/OpenMPClause.h>

#include <limits>

namespace xir::frontend {
namespace {

DataSharingVar& entry_for(FunctionLifter& lifter, std::vector<DataSharingVar>& vars, const clang::Expr* e,
                          const std::string& clause) {
  const clang::Expr* item = e->IgnoreParenImpCasts();
  const auto* section = llvm::dyn_cast<clang::OMPArraySectionExpr>(item);
  if (section && clause == "reduction") {
    if (section->getStride()) lifter.unsupported(e, "a strided array section in an OpenMP `reduction` clause");
    item = section->getBase()->IgnoreParenImpCasts();
    if (llvm::isa<clang::OMPArraySectionExpr>(item) || llvm::isa<clang::ArraySubscriptExpr>(item))
      lifter.unsupported(e, "a multi-dimensional array section in an OpenMP `reduction` clause");
  } else if (section || llvm::isa<clang::ArraySubscriptExpr>(item)) {
    lifter.unsupported(e, "an array element or section in an OpenMP `" + clause + "` clause");
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(item);
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (!var) lifter.unsupported(e, "this item of an OpenMP `" + clause + "` clause");
  for (DataSharingVar& v : vars)
    if (v.var == var) return v;
  vars.push_back(DataSharingVar{e, var, false, false, std::nullopt, section});
  return vars.back();
}

bool uses_declared_reduction(const clang::OMPReductionClause* clause) {
  for (const clang::Expr* op : clause->reduction_ops()) {
    const auto* ref = op ? llvm::dyn_cast<clang::DeclRefExpr>(op->IgnoreParenImpCasts()) : nullptr;
    if (ref && llvm::isa<clang::OMPDeclareReductionDecl>(ref->getDecl())) return true;
  }
  return false;
}

std::optional<BinaryOp> reduction_operator(const clang::OMPReductionClause* clause) {
  if (uses_declared_reduction(clause)) return std::nullopt;
  const clang::DeclarationName name = clause->getNameInfo().getName();
  if (name.getNameKind() == clang::DeclarationName::CXXOperatorName) {
    switch (name.getCXXOverloadedOperator()) {
    case clang::OO_Plus:
    case clang::OO_Minus: return BinaryOp::Add;  // each copy subtracts; the copies are added up
    case clang::OO_Star: return BinaryOp::Mul;
    case clang::OO_Amp: return BinaryOp::BitAnd;
    case clang::OO_Pipe: return BinaryOp::BitOr;
    case clang::OO_Caret: return BinaryOp::BitXor;
    case clang::OO_AmpAmp: return BinaryOp::And;
    case clang::OO_PipePipe: return BinaryOp::Or;
    default: return std::nullopt;
    }
  }
  if (name.isIdentifier() && !clause->getQualifierLoc()) {
    if (name.getAsString() == "max") return BinaryOp::Max;
    if (name.getAsString() == "min") return BinaryOp::Min;
  }
  return std::nullopt;
}

Expr constant(Type type, double value) {
  return type.is_float() ? make_float(value, type) : IntImm::make(type, static_cast<std::int64_t>(value));
}

// The least and greatest values of an integer type.
std::int64_t int_min(Type type) { return type.is_signed_int() ? -(std::int64_t{1} << (type.bits() - 1)) : 0; }
std::int64_t int_max(Type type) {
  if (type.bits() == 64) return std::numeric_limits<std::int64_t>::max();
  return type.is_signed_int() ? (std::int64_t{1} << (type.bits() - 1)) - 1 : (std::int64_t{1} << type.bits()) - 1;
}

} // namespace

std::vector<DataSharingVar> read_data_sharing(FunctionLifter& lifter, const clang::OMPExecutableDirective* directive) {
  std::vector<DataSharingVar> vars;
  for (const clang::OMPClause* clause : directive->clauses()) {
    if (const auto* c = llvm::dyn_cast<clang::OMPPrivateClause>(clause)) {
      for (const clang::Expr* e : c->varlists()) entry_for(lifter, vars, e, "private");
    } else if (const auto* c = llvm::dyn_cast<clang::OMPFirstprivateClause>(clause)) {
      for (const clang::Expr* e : c->varlists()) entry_for(lifter, vars, e, "firstprivate").copy_in = true;
    } else if (const auto* c = llvm::dyn_cast<clang::OMPLastprivateClause>(clause)) {
      for (const clang::Expr* e : c->varlists()) {
        if (c->getKind() != clang::OMPC_LASTPRIVATE_unknown)
          lifter.unsupported(e, "a modifier of an OpenMP `lastprivate` clause");
        entry_for(lifter, vars, e, "lastprivate").copy_out = true;
      }
    } else if (const auto* c = llvm::dyn_cast<clang::OMPReductionClause>(clause)) {
      for (const clang::Expr* e : c->varlists()) {
        if (c->getModifier() != clang::OMPC_REDUCTION_unknown)
          lifter.unsupported(e, "a modifier of an OpenMP `reduction` clause");
        auto op = reduction_operator(c);
        if (!op)
          lifter.unsupported(e, "the user-defined OpenMP reduction `" + c->getNameInfo().getAsString() + "`");
        entry_for(lifter, vars, e, "reduction").reduction = op;
      }
    }
  }
  return vars;
}

Expr reduction_identity(BinaryOp op, Type type) {
  const double inf = std::numeric_limits<double>::infinity();
  if (type.is_bool())
    return make_bool(op == BinaryOp::Mul || op == BinaryOp::And || op == BinaryOp::BitAnd || op == BinaryOp::Min);
  switch (op) {
  case BinaryOp::Mul:
  case BinaryOp::And: return constant(type, 1);
  case BinaryOp::BitAnd: return IntImm::make(type, type.is_signed_int() ? -1 : int_max(type));
  case BinaryOp::Max: return type.is_float() ? make_float(-inf, type) : IntImm::make(type, int_min(type));
  case BinaryOp::Min: return type.is_float() ? make_float(inf, type) : IntImm::make(type, int_max(type));
  default: return constant(type, 0);
  }
}

Expr reduction_combine(BinaryOp op, Expr a, Expr b) {
  const Type type = a.type();
  if (op == BinaryOp::And || op == BinaryOp::Or) {
    const Expr zero = type.is_bool() ? make_bool(false) : constant(type, 0);
    Expr both = Binary::make(op, Binary::make(BinaryOp::NE, a, zero), Binary::make(BinaryOp::NE, b, zero));
    return type.is_bool() ? both : Cast::make(type, both);
  }
  if (type.is_bool() && (op == BinaryOp::Max || op == BinaryOp::Min))
    op = op == BinaryOp::Max ? BinaryOp::Or : BinaryOp::And;
  return Binary::make(op, a, b);
}

} // namespace xir::frontend
