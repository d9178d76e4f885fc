#include "vnni_frontend.hpp"

#include "../common/function_lifter.hpp"
#include "../common/host_entry_lifter.hpp"
#include "../common/math_calls.hpp"
#include "openmp_lifting.hpp"
#include "vector_intrinsics.hpp"

namespace xir::frontend {
namespace {

// Calls with a compile-time float value (std::numeric_limits<float>::infinity(), constexpr helpers).
std::optional<Expr> constant_float_call(FunctionLifter& lifter, const clang::CallExpr* call) {
  if (!call->getType()->isRealFloatingType() || call->isValueDependent()) return std::nullopt;
  clang::Expr::EvalResult result;
  if (!call->EvaluateAsRValue(result, lifter.context()) || !result.Val.isFloat()) return std::nullopt;
  auto type = lift_scalar_type(call->getType());
  if (!type) return std::nullopt;
  return make_float(result.Val.getFloat().convertToDouble(), *type);
}

DialectHooks make_vnni_hooks(OpenMpState& openmp) {
  DialectHooks hooks;
  hooks.dialect = Dialect::Vnni;
  hooks.name = "vnni";
  hooks.global_scope = MemoryScope::Host;
  hooks.lift_builtin_value = [](FunctionLifter&, const clang::Expr*) -> std::optional<Expr> { return std::nullopt; };
  hooks.lift_builtin_call = [](FunctionLifter& lifter, const clang::CallExpr* call) -> std::optional<Stmt> {
    return lift_vector_store(lifter, call);
  };
  hooks.lift_builtin_expr = [](FunctionLifter& lifter, const clang::CallExpr* call) -> std::optional<Expr> {
    const std::string name = callee_name(call);
    if (name.rfind("omp_", 0) == 0) lifter.unsupported(call, "the OpenMP runtime call `" + name + "`");
    if (auto v = lift_vector_intrinsic(lifter, call)) return v;
    if (auto v = constant_float_call(lifter, call)) return v;
    return lift_math_call(lifter, call);
  };
  hooks.declaration_scope = [](const clang::VarDecl*) -> std::optional<MemoryScope> { return std::nullopt; };
  hooks.lift_statement = [&openmp](FunctionLifter& lifter, const clang::Stmt* s) {
    return lift_openmp(lifter, s, openmp);
  };
  return hooks;
}

Kernel lift_entry(clang::ASTContext& context, const clang::FunctionDecl* entry) {
  OpenMpState openmp;
  const DialectHooks hooks = make_vnni_hooks(openmp);
  FunctionLifter lifter(context, hooks);
  std::vector<Param> params, extents;
  bind_kernel_parameters(lifter, entry, params, extents, MemoryScope::Host);
  if (!entry->getReturnType()->isVoidType()) lifter.unsupported(entry, "an entry that returns a value");
  Stmt body = lifter.lift_function_body(entry);
  body = wrap_in_allocations(lifter.per_thread_buffers(), body);
  body = wrap_in_allocations(lifter.hoisted_buffers(), body);
  params.insert(params.end(), extents.begin(), extents.end());
  return Kernel::make(entry->getNameAsString(), params, body);
}

} // namespace

Module lift_vnni_module(clang::ASTContext& context) {
  Module module;
  module.target = "vnni";
  for (const clang::FunctionDecl* f : main_file_functions(context))
    if (f->isExternC()) module.kernels.push_back(lift_entry(context, f));
  return module;
}

} // namespace xir::frontend
