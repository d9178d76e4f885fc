#include "std_vector.hpp"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>

namespace xir::frontend {
namespace {

std::optional<ArrayBinding> vector_binding(FunctionLifter& lifter, const clang::Expr* object) {
  object = object->IgnoreParenImpCasts();
  if (!is_std_vector(object->getType())) return std::nullopt;
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(object); member && !member->isArrow()) {
    // A std::vector field of a struct: its buffer once the field has a size.
    StructBinding s = lifter.lift_struct(member->getBase());
    auto it = s.vectors.find(member->getMemberDecl()->getNameAsString());
    if (it == s.vectors.end())
      lifter.unsupported(object, "the std::vector field `" + member->getMemberDecl()->getNameAsString() +
                                     "` before it is given a size");
    return it->second;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object);
  if (!ref) return std::nullopt;
  const Binding* b = lifter.binding_of(ref->getDecl());
  const auto* array = b ? std::get_if<ArrayBinding>(b) : nullptr;
  if (!array) lifter.unsupported(object, "the std::vector `" + ref->getDecl()->getNameAsString() + "` here");
  return *array;
}

std::optional<ArrayBinding> method_object(FunctionLifter& lifter, const clang::Expr* e, const char* method) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
  if (!call || !call->getMethodDecl() || call->getMethodDecl()->getName() != method) return std::nullopt;
  return vector_binding(lifter, call->getImplicitObjectArgument());
}

} // namespace

bool is_std_vector(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record && record->getName() == "vector" && record->isInStdNamespace();
}

bool has_std_vector_field(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsRecordDecl();
  if (!record || is_std_vector(type)) return false;
  for (const clang::FieldDecl* field : record->fields())
    if (is_std_vector(field->getType())) return true;
  return false;
}

Type std_vector_element(FunctionLifter& lifter, clang::QualType type, const clang::Expr* where) {
  const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (!spec || spec->getTemplateArgs().size() < 1) lifter.unsupported(where, "this std::vector");
  return lifter.scalar_type(spec->getTemplateArgs()[0].getAsType(), where);
}

std::optional<StdVectorFieldSizing> lift_std_vector_field_sizing(FunctionLifter& lifter, const clang::Stmt* s) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  const auto* call = e ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
  const clang::CXXMethodDecl* method = call ? call->getMethodDecl() : nullptr;
  if (!method || (method->getName() != "assign" && method->getName() != "resize")) return std::nullopt;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  if (!member || member->isArrow() || !is_std_vector(member->getType())) return std::nullopt;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
  const auto* object = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const Binding* b = object ? lifter.binding_of(object) : nullptr;
  if (!b || !std::get_if<StructBinding>(b) || object->getType()->isReferenceType())
    lifter.unsupported(call, "sizing a std::vector field of a struct that is not a local variable");
  std::vector<const clang::Expr*> args;
  for (const clang::Expr* a : call->arguments())
    if (!llvm::isa<clang::CXXDefaultArgExpr>(a)) args.push_back(a);
  if (args.empty() || args.size() > 2 || !lift_scalar_type(args[0]->getType()))
    lifter.unsupported(call, "this std::vector `" + method->getNameAsString() + "` call");
  const std::string field = member->getMemberDecl()->getNameAsString();
  if (method->getName() == "resize" && std::get<StructBinding>(*b).vectors.count(field))
    lifter.unsupported(call, "resizing a std::vector field that already has a size");
  Type element = std_vector_element(lifter, member->getType(), call);
  Expr size = lifter.lift_expr_as(args[0], Type::i64());
  Expr fill = args.size() == 2 ? lifter.lift_expr_as(args[1], element)
                               : (element.is_float() ? make_float(0.0, element) : IntImm::make(element, 0));
  return StdVectorFieldSizing{object, field, element, size, fill};
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
  std::optional<ArrayBinding> array = method_object(lifter, e, "data");
  if (!array) return std::nullopt;
  return PointerBinding{array->buffer, array->element, make_int(0, Type::i64())};
}

std::optional<Location> lift_std_vector_element(FunctionLifter& lifter, const clang::Expr* e) {
  const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParens());
  if (!call || call->getOperator() != clang::OO_Subscript || call->getNumArgs() != 2) return std::nullopt;
  std::optional<ArrayBinding> array = vector_binding(lifter, call->getArg(0));
  if (!array) return std::nullopt;
  return Location{array->buffer, array->element, {lifter.lift_expr_as(call->getArg(1), Type::i64())}};
}

std::optional<Expr> lift_std_vector_size(FunctionLifter& lifter, const clang::Expr* e) {
  std::optional<ArrayBinding> array = method_object(lifter, e, "size");
  if (!array) return std::nullopt;
  return array->dims.front();
}

} // namespace xir::frontend
