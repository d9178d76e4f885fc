#include "std_vector.hpp"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>

namespace xir::frontend {
namespace {

const ArrayBinding* vector_binding(FunctionLifter& lifter, const clang::Expr* object) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  if (!ref || !is_std_vector(ref->getType())) return nullptr;
  const Binding* b = lifter.binding_of(ref->getDecl());
  const auto* array = b ? std::get_if<ArrayBinding>(b) : nullptr;
  if (!array) lifter.unsupported(object, "the std::vector `" + ref->getDecl()->getNameAsString() + "` here");
  return array;
}

const ArrayBinding* method_object(FunctionLifter& lifter, const clang::Expr* e, const char* method) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
  if (!call || !call->getMethodDecl() || call->getMethodDecl()->getName() != method) return nullptr;
  return vector_binding(lifter, call->getImplicitObjectArgument());
}

} // namespace

bool is_std_vector(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record && record->getName() == "vector" && record->isInStdNamespace();
}

Stmt lift_std_vector_declaration(FunctionLifter& lifter, const clang::VarDecl* var) {
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(var->getType()->getAsCXXRecordDecl());
  if (!spec || spec->getTemplateArgs().size() < 1) lifter.unsupported(var, "this std::vector");
  Type element = lifter.scalar_type(spec->getTemplateArgs()[0].getAsType(), var->getLocation());
  const clang::Expr* init = var->hasInit() ? var->getInit()->IgnoreImplicit() : nullptr;
  const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(init);
  std::vector<const clang::Expr*> args;
  if (construct)
    for (const clang::Expr* a : construct->arguments())
      if (!llvm::isa<clang::CXXDefaultArgExpr>(a)) args.push_back(a);
  if (!construct || args.empty() || args.size() > 2 || !lift_scalar_type(args[0]->getType()))
    lifter.unsupported(var, "a std::vector not constructed from a size (and a fill value)");
  Expr size = lifter.lift_expr_as(args[0], Type::i64());
  Expr fill = args.size() == 2 ? lifter.lift_expr_as(args[1], element)
                               : (element.is_float() ? make_float(0.0, element) : IntImm::make(element, 0));
  const std::string name = lifter.fresh_name(var->getNameAsString());
  lifter.bind(var, ArrayBinding{name, element, {size}});
  const std::string i = lifter.fresh_name(name + "_i");
  Stmt init_loop = For::make(i, make_int(0, Type::i64()), size, ForKind::Serial,
                             Store::make(name, {Var::make(Type::i64(), i)}, fill));
  // Heap storage: shared by the threads of parallel loops (a local buffer is private to each).
  return Allocate::make(Buffer::make(name, element, {size}, MemoryScope::Host), init_loop);
}

std::optional<PointerBinding> lift_std_vector_data(FunctionLifter& lifter, const clang::Expr* e) {
  const ArrayBinding* array = method_object(lifter, e, "data");
  if (!array) return std::nullopt;
  return PointerBinding{array->buffer, array->element, make_int(0, Type::i64())};
}

std::optional<Location> lift_std_vector_element(FunctionLifter& lifter, const clang::Expr* e) {
  const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParens());
  if (!call || call->getOperator() != clang::OO_Subscript || call->getNumArgs() != 2) return std::nullopt;
  const ArrayBinding* array = vector_binding(lifter, call->getArg(0));
  if (!array) return std::nullopt;
  return Location{array->buffer, array->element, {lifter.lift_expr_as(call->getArg(1), Type::i64())}};
}

std::optional<Expr> lift_std_vector_size(FunctionLifter& lifter, const clang::Expr* e) {
  const ArrayBinding* array = method_object(lifter, e, "size");
  if (!array) return std::nullopt;
  return array->dims.front();
}

} // namespace xir::frontend
