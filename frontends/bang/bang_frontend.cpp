#include "bang_frontend.hpp"

#include <clang/AST/Attr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <algorithm>
#include <set>

#include "../common/function_lifter.hpp"
#include "../common/host_entry_lifter.hpp"
#include "../common/math_calls.hpp"
#include "intrinsic_calls.hpp"
#include "task_geometry.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

// The memory space of an on-chip variable, from the annotation its qualifier carries (bang.h).
std::optional<MemoryScope> on_chip_scope(const clang::VarDecl* var) {
  for (const auto* note : var->specific_attrs<clang::AnnotateAttr>()) {
    const llvm::StringRef space = note->getAnnotation();
    if (space == "xir.nram") return MemoryScope::Nram;
    if (space == "xir.wram") return MemoryScope::Wram;
    if (space == "xir.sram") return MemoryScope::Sram;
    if (space == "xir.ldram") return MemoryScope::Local;  // per-core off-chip stack: a core's local memory
  }
  return std::nullopt;
}

DialectHooks make_bang_hooks(TaskGeometry& geometry) {
  DialectHooks hooks;
  hooks.dialect = Dialect::Bang;
  hooks.name = "bang";
  hooks.global_scope = MemoryScope::Gdram;
  hooks.lift_builtin_value = [&geometry](FunctionLifter& lifter, const clang::Expr* e) -> std::optional<Expr> {
    auto name = builtin_variable(e);
    if (!name) return std::nullopt;
    if (geometry.in_host_code()) lifter.unsupported(e, "`" + *name + "` in host code");
    return geometry.builtin(*name);
  };
  hooks.lift_builtin_call = [&geometry](FunctionLifter& lifter, const clang::CallExpr* call) {
    return lift_bang_call(lifter, geometry, call);
  };
  hooks.lift_builtin_expr = [&geometry](FunctionLifter& lifter, const clang::CallExpr* call) -> std::optional<Expr> {
    const std::string name = callee_name(call);
    // The memory core (MPU) is not modelled: every task is an MLU core.
    if (name == "__is_mpu" || name == "__is_ipu") {
      if (geometry.in_host_code()) lifter.unsupported(call, "`" + name + "` in host code");
      return make_bool(name == "__is_ipu");
    }
    if (name.rfind("__bang_", 0) == 0 || name.rfind("__memcpy", 0) == 0 || name.rfind("__sync", 0) == 0)
      lifter.unsupported(call, "`" + name + "` inside an expression");
    return lift_math_call(lifter, call);
  };
  hooks.declaration_scope = [](const clang::VarDecl* var) { return on_chip_scope(var); };
  return hooks;
}

// File-scope on-chip variables (`__nram__ float tile[N];` outside functions) that a kernel reads,
// directly or through the device functions it calls.
class OnChipGlobals : public clang::RecursiveASTVisitor<OnChipGlobals> {
public:
  std::vector<const clang::VarDecl*> found;

  void collect(const clang::FunctionDecl* function) {
    if (function && visited_.insert(function).second && function->getBody())
      TraverseStmt(const_cast<clang::Stmt*>(function->getBody()));
  }
  bool VisitDeclRefExpr(clang::DeclRefExpr* ref) {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
        var && var->hasGlobalStorage() && !var->isLocalVarDecl() && on_chip_scope(var) &&
        std::find(found.begin(), found.end(), var) == found.end())
      found.push_back(var);
    if (const auto* function = llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl())) collect(function->getDefinition());
    return true;
  }

private:
  std::set<const clang::FunctionDecl*> visited_;
};

void bind_on_chip_globals(FunctionLifter& lifter, const clang::FunctionDecl* kernel) {
  OnChipGlobals globals;
  globals.collect(kernel);
  clang::ASTContext& context = lifter.context();
  std::map<MemoryScope, std::int64_t> used_bytes;
  for (const clang::VarDecl* var : globals.found) {
    const MemoryScope scope = *on_chip_scope(var);
    const std::string name = lifter.fresh_name(var->getNameAsString());
    std::vector<Expr> dims;
    clang::QualType element = var->getType();
    while (const auto* array = context.getAsConstantArrayType(element)) {
      dims.push_back(make_int(static_cast<std::int64_t>(array->getSize().getZExtValue())));
      element = array->getElementType();
    }
    if (var->getType()->isArrayType() && dims.empty()) lifter.unsupported(var, "an on-chip array without a constant size");
    if (var->hasInit() && !llvm::isa<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit()))
      lifter.unsupported(var, "an initializer of an on-chip variable");
    Type t = lifter.scalar_type(element, var->getLocation());
    // The target's on-chip capacity (per core for NRAM and WRAM, per cluster for SRAM), as the
    // BANG compiler checks it.
    std::int64_t bytes = t.bytes();
    for (const Expr& d : dims) bytes *= *as_const_int(d);
    used_bytes[scope] += bytes;
    for (const MemoryScopeInfo& info : target_by_name("bang").scopes)
      if (info.scope == scope && info.capacity_bytes > 0 && used_bytes[scope] > info.capacity_bytes)
        lifter.unsupported(var, std::string(to_string(scope)) + " use of " + std::to_string(used_bytes[scope]) +
                                    " bytes (over the target's " + std::to_string(info.capacity_bytes) +
                                    "-byte capacity) by `" + var->getNameAsString() + "`");
    if (dims.empty()) {
      lifter.hoisted_buffers().push_back(Buffer::make(name, t, {make_int(1)}, scope));
      lifter.bind(var, MutableBinding{name, t});
    } else {
      lifter.hoisted_buffers().push_back(Buffer::make(name, t, dims, scope));
      lifter.bind(var, ArrayBinding{name, t, dims});
    }
  }
}

// On-chip buffers (per core: NRAM, WRAM; per cluster: SRAM) { task loop { per-task locals { body } } }.
Stmt assemble_tasks(FunctionLifter& lifter, const TaskGeometry& geometry, Stmt body) {
  body = wrap_in_allocations(lifter.per_thread_buffers(), body);
  body = geometry.task_loop(body);
  body = wrap_in_allocations(lifter.hoisted_buffers(), body);
  lifter.per_thread_buffers().clear();
  lifter.hoisted_buffers().clear();
  return body;
}

// A kernel on its own: taskDimX/Y/Z become parameters; the job is a UNION job (clusters of 4 cores).
Kernel lift_device_kernel(clang::ASTContext& context, const clang::FunctionDecl* kernel) {
  TaskGeometry geometry;
  DialectHooks hooks = make_bang_hooks(geometry);
  FunctionLifter lifter(context, hooks);
  std::vector<Param> params, extents;
  bind_kernel_parameters(lifter, kernel, params, extents, MemoryScope::Gdram);
  std::vector<Param> geometry_params;
  const char* names[3] = {"taskDimX", "taskDimY", "taskDimZ"};
  for (int d = 0; d < 3; ++d) {
    const std::string name = lifter.fresh_name(names[d]);
    geometry.dim[d] = Var::make(Type::u32(), name);
    geometry_params.push_back(ScalarParam{name, Type::u32()});
  }
  geometry.task_var = lifter.fresh_name("task");
  bind_on_chip_globals(lifter, kernel);
  Stmt body = assemble_tasks(lifter, geometry, lifter.lift_function_body(kernel));
  params.insert(params.end(), extents.begin(), extents.end());
  params.insert(params.end(), geometry_params.begin(), geometry_params.end());
  return Kernel::make(kernel->getNameAsString(), params, body);
}

const clang::Expr* initializer_of(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var && var->hasInit() ? var->getInit() : nullptr;
}

// The launch's cnrtDim3_t: a braced initializer, directly or through a variable.
void lift_task_dims(FunctionLifter& host, const clang::Expr* e, Expr out[3]) {
  const clang::Expr* stripped = e->IgnoreImplicit();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(stripped); construct && construct->getNumArgs() == 1)
    return lift_task_dims(host, construct->getArg(0), out);
  if (const auto* tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(stripped))
    return lift_task_dims(host, tmp->getSubExpr(), out);
  if (const clang::Expr* init = initializer_of(stripped)) return lift_task_dims(host, init, out);
  if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(stripped))
    return lift_task_dims(host, cast->getSubExpr(), out);
  const auto* list = llvm::dyn_cast<clang::InitListExpr>(stripped);
  if (!list || list->getNumInits() != 3) host.unsupported(e, "this launch dimension (a cnrtDim3_t of three values)");
  for (unsigned d = 0; d < 3; ++d) {
    out[d] = host.lift_expr_as(list->getInit(d), Type::u32());
    if (const std::int64_t* v = as_const_int(out[d]); v && *v == 0)
      host.unsupported(list->getInit(d), "a launch dimension of 0");
  }
}

// The function type's value equals the job's core count (cnrt.h): 1 is BLOCK, 4 * N is UNIONN.
std::int64_t function_type_cores(FunctionLifter& host, const clang::Expr* e) {
  clang::Expr::EvalResult result;
  if (e->EvaluateAsInt(result, host.context())) return result.Val.getInt().getExtValue();
  if (const clang::Expr* init = initializer_of(e)) return function_type_cores(host, init);
  host.unsupported(e, "a function type that is not a compile-time constant");
}

Stmt lift_bang_launch(clang::ASTContext& context, FunctionLifter& host, const clang::CUDAKernelCallExpr* launch) {
  const clang::FunctionDecl* callee = launch->getDirectCallee();
  const clang::FunctionDecl* kernel = callee ? callee->getDefinition() : nullptr;
  if (!kernel) host.unsupported(launch, "a launch of a kernel defined elsewhere");
  const clang::CallExpr* config = launch->getConfig();
  if (config->getNumArgs() < 2) host.unsupported(launch, "a launch without a function type");
  TaskGeometry geometry;
  lift_task_dims(host, config->getArg(0), geometry.dim);
  const std::int64_t cores = function_type_cores(host, config->getArg(1));
  if (cores != 1 && (cores < 4 || cores > 64 || (cores & (cores - 1)) != 0))
    host.unsupported(config->getArg(1), "the function type with value " + std::to_string(cores));
  geometry.union_job = cores != 1;
  if (const std::int64_t* x = as_const_int(geometry.dim[0]); geometry.union_job && x && *x % cores != 0)
    host.unsupported(config->getArg(0), "a UNION" + std::to_string(cores / 4) + " launch whose dim.x is not a multiple of " +
                                            std::to_string(cores));
  DialectHooks hooks = make_bang_hooks(geometry);
  FunctionLifter device(context, hooks);
  auto lets = bind_launch_arguments(host, device, launch);
  // The task dimensions are evaluated once, by the host, before the tasks start.
  const char* xyz[3] = {"x", "y", "z"};
  for (int d = 0; d < 3; ++d)
    geometry.dim[d] = snapshot_at_launch(host, geometry.dim[d], std::string("dim_") + xyz[d], lets);
  device.reserve_names(host);
  geometry.task_var = device.fresh_name("task");
  bind_on_chip_globals(device, kernel);
  Stmt body = assemble_tasks(device, geometry, device.lift_function_body(kernel));
  host.reserve_names(device);
  for (auto it = lets.rbegin(); it != lets.rend(); ++it) body = LetStmt::make(it->first, it->second, body);
  return body;
}

HostApi cnrt_host_api() {
  return {{"cnrtMalloc"},
          {"cnrtMemcpy"},
          {"cnrtMemcpyHostToDev", "CNRT_MEM_TRANS_DIR_HOST2DEV"},
          {"cnrtMemcpyDevToHost", "CNRT_MEM_TRANS_DIR_DEV2HOST"},
          {"cnrtFree", "cnrtQueueCreate", "cnrtQueueDestroy", "cnrtQueueSync", "cnrtCreateQueue", "cnrtDestroyQueue",
           "cnrtSyncQueue", "cnrtSyncDevice", "cnrtSetDevice", "cnrtGetDevice", "cnrtInit", "cnrtDestroy",
           "cnrtGetLastError"}};
}

} // namespace

Module lift_bang_module(clang::ASTContext& context) {
  Module module;
  module.target = "bang";
  TaskGeometry host_geometry;  // no task variable: built-ins are not host values
  const DialectHooks host_hooks = make_bang_hooks(host_geometry);
  const HostApi api = cnrt_host_api();
  const LaunchLifter lift_launch = [&](FunctionLifter& host, const clang::CUDAKernelCallExpr* launch) {
    return lift_bang_launch(context, host, launch);
  };
  for (const clang::FunctionDecl* f : main_file_functions(context)) {
    if (f->hasAttr<clang::CUDAGlobalAttr>()) {
      module.kernels.push_back(lift_device_kernel(context, f));
    } else if (!f->hasAttr<clang::CUDADeviceAttr>() && contains_launch(f->getBody())) {
      module.kernels.push_back(lift_host_entry(context, host_hooks, api, lift_launch, f));
    }
  }
  return module;
}

} // namespace xir::frontend
