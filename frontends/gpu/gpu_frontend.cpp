// The CUDA and HIP frontends: kernels become loop nests bound to blockIdx/threadIdx; host entries
// (malloc / memcpy / launch / free) become kernels over the caller's host buffers.

#include "gpu_frontend.hpp"

#include <clang/AST/Attr.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

#include "../common/function_lifter.hpp"
#include "../common/host_entry_lifter.hpp"
#include "../common/math_calls.hpp"
#include "mfma_lifting.hpp"
#include "wmma_lifting.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

constexpr HardwareAxis block_axes[3] = {HardwareAxis::BlockIdxX, HardwareAxis::BlockIdxY, HardwareAxis::BlockIdxZ};
constexpr HardwareAxis thread_axes[3] = {HardwareAxis::ThreadIdxX, HardwareAxis::ThreadIdxY,
                                         HardwareAxis::ThreadIdxZ};

/// The launch geometry of one kernel instance: extents per axis, and which axes the body reads.
struct LaunchGeometry {
  Expr grid[3];
  Expr block[3];
  std::map<HardwareAxis, std::string> var_names;
  std::set<HardwareAxis> used;
  Expr dynamic_shared_bytes;  // the launch's dynamic shared memory (i64); undefined: none given
  bool dynamic_shared_used = false;
  WmmaFragments wmma;  // CUDA's fragment variables of the kernel

  Expr axis_var(HardwareAxis axis) {
    used.insert(axis);
    return Var::make(Type::u32(), var_names.at(axis));
  }

  /// The thread's linear index in its block (x fastest) and the block's thread count.
  std::pair<Expr, Expr> linear_thread() {
    Expr index = axis_var(HardwareAxis::ThreadIdxX), count = block[0];
    for (int d = 1; d < 3; ++d) {
      const auto* one = as_const_int(block[d]);
      if (one && *one == 1 && !used.count(thread_axes[d])) continue;
      index = Binary::make(BinaryOp::Add, index, Binary::make(BinaryOp::Mul, count, axis_var(thread_axes[d])));
      count = Binary::make(BinaryOp::Mul, count, block[d]);
    }
    return {index, count};
  }
};

/// Threads per warp (CUDA) or wavefront (HIP), from the dialect's default target.
int warp_size_of(Dialect dialect) { return target_by_name(to_string(dialect)).warp_size; }

// The shuffles: CUDA's __shfl_{xor,down,up,}_sync(mask, value, lane argument[, width = 32]) and
// HIP's __shfl{_xor,_down,_up,}(value, lane argument[, width = 64]), over segments of `width` lanes
// (a power of two up to the dialect's warp size). Each thread publishes its value in a per-block
// scratch buffer, the warp synchronizes, each thread reads its source lane (its own value where the
// source lane is outside the segment or the block), the warp synchronizes again so the scratch can
// be reused.
Expr lift_shuffle(FunctionLifter& lifter, LaunchGeometry& geometry, const clang::CallExpr* call,
                  const std::string& name, int warp_size) {
  const std::string kind = name.substr(0, name.size() - (name.size() > 5 && name.ends_with("_sync") ? 5 : 0));
  const unsigned first = name.ends_with("_sync") ? 1 : 0;  // CUDA's mask argument comes first
  if (call->getNumArgs() < first + 2) lifter.unsupported(call, "`" + name + "` with these arguments");
  std::int64_t width = warp_size;
  if (call->getNumArgs() == first + 3) {
    const Expr lifted_width = lifter.lift_expr_as(call->getArg(first + 2), Type::i32());
    const std::int64_t* w = as_const_int(lifted_width);
    if (!w || *w < 1 || *w > warp_size || (*w & (*w - 1)) != 0)
      lifter.unsupported(call->getArg(first + 2), "a shuffle width that is not a constant power of two up to " +
                                                      std::to_string(warp_size));
    width = *w;
  }
  Type t = lifter.scalar_type(call->getType(), call);
  Expr value = lifter.lift_expr_as(call->getArg(first), t);
  Expr argument = lifter.lift_expr_as(call->getArg(first + 1), Type::u32());
  auto [tid, threads] = geometry.linear_thread();
  const auto u32 = [](std::int64_t v) { return make_int(v, Type::u32()); };
  const auto bin = [](BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); };
  Expr lane = bin(BinaryOp::Mod, tid, u32(width));
  Expr warp_base = bin(BinaryOp::Sub, tid, lane);
  Expr source_lane, valid;
  if (kind == "__shfl_xor") {
    source_lane = bin(BinaryOp::BitXor, lane, argument);
    valid = bin(BinaryOp::LT, source_lane, u32(width));
  } else if (kind == "__shfl_down") {
    source_lane = bin(BinaryOp::Add, lane, argument);
    valid = bin(BinaryOp::LT, source_lane, u32(width));
  } else if (kind == "__shfl_up") {
    source_lane = bin(BinaryOp::Sub, lane, argument);
    valid = bin(BinaryOp::GE, lane, argument);
  } else {
    source_lane = bin(BinaryOp::Mod, argument, u32(width));
    valid = make_bool(true);
  }
  Expr source = bin(BinaryOp::Add, warp_base, source_lane);
  valid = bin(BinaryOp::And, valid, bin(BinaryOp::LT, source, threads));
  // An invalid lane reads its own slot (always in bounds) and keeps its own value.
  Expr read_index = Select::make(valid, source, tid);

  const std::string scratch = lifter.fresh_name("shuffle");
  const std::string result = lifter.fresh_name("shuffled");
  lifter.hoisted_buffers().push_back(Buffer::make(scratch, t, {Cast::make(Type::i64(), threads)}, MemoryScope::Shared));
  lifter.per_thread_buffers().push_back(Buffer::make(result, t, {make_int(1)}, MemoryScope::Local));
  auto& pending = lifter.pending_statements();
  pending.push_back(Store::make(scratch, {tid}, value));
  pending.push_back(Barrier::make(BarrierScope::Warp));
  pending.push_back(Store::make(result, {make_int(0)},
                                Select::make(valid, Load::make(t, scratch, {read_index}), value)));
  pending.push_back(Barrier::make(BarrierScope::Warp));
  return Load::make(t, result, {make_int(0)});
}

// `threadIdx.x` is a property of a builtin variable: PseudoObjectExpr over MSPropertyRefExpr.
std::optional<std::pair<std::string, int>> builtin_member(const clang::Expr* e) {
  const auto* pseudo = llvm::dyn_cast<clang::PseudoObjectExpr>(e->IgnoreParenImpCasts());
  if (!pseudo) return std::nullopt;
  const auto* property = llvm::dyn_cast<clang::MSPropertyRefExpr>(pseudo->getSyntacticForm()->IgnoreParens());
  if (!property) return std::nullopt;
  const clang::Expr* base_expr = property->getBaseExpr()->IgnoreParenImpCasts();
  if (const auto* opaque = llvm::dyn_cast<clang::OpaqueValueExpr>(base_expr)) base_expr = opaque->getSourceExpr();
  const auto* base = llvm::dyn_cast_or_null<clang::DeclRefExpr>(base_expr ? base_expr->IgnoreParenImpCasts() : nullptr);
  if (!base) return std::nullopt;
  const std::string member = property->getPropertyDecl()->getNameAsString();
  if (member.size() != 1 || member[0] < 'x' || member[0] > 'z') return std::nullopt;
  return std::make_pair(base->getDecl()->getNameAsString(), member[0] - 'x');
}

void lift_dim3(FunctionLifter& host, const clang::Expr* e, Expr out[3]);

// `grid.x` of a dim3 local in host code: its initializer's component.
std::optional<Expr> dim3_component(FunctionLifter& lifter, const clang::Expr* e) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  if (!member) return std::nullopt;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const auto* record = var ? var->getType()->getAsCXXRecordDecl() : nullptr;
  if (!record || record->getName() != "dim3" || !var->hasInit()) return std::nullopt;
  const std::string field = member->getMemberDecl()->getNameAsString();
  if (field.size() != 1 || field[0] < 'x' || field[0] > 'z') return std::nullopt;
  Expr components[3];
  lift_dim3(lifter, var->getInit(), components);
  return components[field[0] - 'x'];
}

// `extern __shared__ T name[]` is sized by the launch's third configuration argument.
Expr dynamic_shared_bytes(FunctionLifter& lifter, LaunchGeometry& geometry, const clang::VarDecl* var) {
  if (!geometry.dynamic_shared_bytes.defined())
    lifter.unsupported(var, "dynamic shared memory in a kernel launched without a shared memory size");
  geometry.dynamic_shared_used = true;
  return geometry.dynamic_shared_bytes;
}

bool is_shuffle(const std::string& name, Dialect dialect) {
  static const std::set<std::string> cuda = {"__shfl_sync", "__shfl_xor_sync", "__shfl_down_sync", "__shfl_up_sync"};
  static const std::set<std::string> hip = {"__shfl", "__shfl_xor", "__shfl_down", "__shfl_up"};
  return cuda.count(name) || (dialect == Dialect::Hip && hip.count(name));
}

// HIP: `acc = __builtin_amdgcn_mfma_*(a, b, acc, 0, 0, 0)` (or a declaration so initialized) in a kernel.
std::function<std::optional<Stmt>(FunctionLifter&, const ArrayBinding&, const clang::Expr*)> hip_mfma_assignment(
    LaunchGeometry& geometry) {
  return [&geometry](FunctionLifter& lifter, const ArrayBinding& destination,
                     const clang::Expr* value) -> std::optional<Stmt> {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(value->IgnoreImplicit()->IgnoreParens());
    if (!call || !is_mfma_builtin(callee_name(call))) return std::nullopt;
    if (geometry.var_names.empty()) lifter.unsupported(call, "`" + callee_name(call) + "` in host code");
    auto [thread, threads] = geometry.linear_thread();
    return lift_mfma_assignment(lifter, {thread, threads, warp_size_of(Dialect::Hip)}, destination, call);
  };
}

DialectHooks make_gpu_hooks(Dialect dialect, LaunchGeometry& geometry) {
  DialectHooks hooks;
  hooks.dialect = dialect;
  hooks.name = to_string(dialect);
  hooks.lift_builtin_value = [&geometry, dialect](FunctionLifter& lifter, const clang::Expr* e) -> std::optional<Expr> {
    if (auto component = dim3_component(lifter, e)) return component;
    if (dialect == Dialect::Cuda)
      if (auto elements = geometry.wmma.lift_value(lifter, e)) return elements;
    auto member = builtin_member(e);
    if (!member) return std::nullopt;
    const auto& [name, dim] = *member;
    if (geometry.var_names.empty()) lifter.unsupported(e, "`" + name + "` in host code");
    if (name == "threadIdx") return geometry.axis_var(thread_axes[dim]);
    if (name == "blockIdx") return geometry.axis_var(block_axes[dim]);
    if (name == "blockDim") return geometry.block[dim];
    if (name == "gridDim") return geometry.grid[dim];
    return std::nullopt;
  };
  hooks.lift_builtin_call = [&geometry, dialect](FunctionLifter& lifter,
                                                 const clang::CallExpr* call) -> std::optional<Stmt> {
    const std::string name = callee_name(call);
    if (dialect == Dialect::Cuda && is_wmma_call(call)) {
      if (geometry.var_names.empty()) lifter.unsupported(call, "`" + name + "` in host code");
      auto [thread, threads] = geometry.linear_thread();
      return geometry.wmma.lift_call(lifter, {thread, threads, warp_size_of(dialect)}, call);
    }
    if (name == "__syncthreads") return Barrier::make(BarrierScope::Block);
    if (name == "__syncwarp") return Barrier::make(BarrierScope::Warp);
    static const std::map<std::string, BinaryOp> atomics = {
        {"atomicAdd", BinaryOp::Add}, {"atomicSub", BinaryOp::Sub}, {"atomicMax", BinaryOp::Max},
        {"atomicMin", BinaryOp::Min}, {"atomicAnd", BinaryOp::BitAnd}, {"atomicOr", BinaryOp::BitOr},
        {"atomicXor", BinaryOp::BitXor}};
    if (auto it = atomics.find(name); it != atomics.end()) {
      PointerBinding p = lifter.lift_pointer(call->getArg(0));
      return Atomic::make(it->second, p.buffer, {p.offset}, lifter.lift_expr_as(call->getArg(1), p.element));
    }
    return std::nullopt;
  };
  hooks.lift_builtin_expr = [&geometry, dialect](FunctionLifter& lifter, const clang::CallExpr* call) -> std::optional<Expr> {
    const std::string name = callee_name(call);
    if (is_shuffle(name, dialect)) {
      if (geometry.var_names.empty()) lifter.unsupported(call, "`" + name + "` in host code");
      return lift_shuffle(lifter, geometry, call, name, warp_size_of(dialect));
    }
    if (dialect == Dialect::Hip && is_mfma_builtin(name))
      lifter.unsupported(call, "`" + name + "` other than assigned to a vector variable (`acc = " + name + "(...)`)");
    if (name.rfind("__shfl", 0) == 0 || name == "__ballot_sync")
      lifter.unsupported(call, "the warp collective `" + name + "`");
    if (name.rfind("atomic", 0) == 0) lifter.unsupported(call, "an atomic whose old value is used");
    if (name.rfind("__builtin_amdgcn_mfma", 0) == 0 || name.find("wmma") != std::string::npos)
      lifter.unsupported(call, "the matrix intrinsic `" + name + "`");
    return lift_math_call(lifter, call);
  };
  if (dialect == Dialect::Hip) hooks.lift_vector_assignment = hip_mfma_assignment(geometry);
  if (dialect == Dialect::Cuda)
    hooks.lift_element_location = [&geometry](FunctionLifter& lifter,
                                              const clang::Expr* e) -> std::optional<Location> {
      if (!is_fragment_element(e)) return std::nullopt;
      if (geometry.var_names.empty()) lifter.unsupported(e, "a wmma fragment element in host code");
      auto [thread, threads] = geometry.linear_thread();
      return geometry.wmma.lift_element(lifter, {thread, threads, warp_size_of(Dialect::Cuda)}, e);
    };
  if (dialect == Dialect::Cuda)
    hooks.lift_opaque_declaration = [&geometry](FunctionLifter& lifter, const clang::VarDecl* var) {
      if (!declares_fragment(lifter.context(), var)) return false;
      if (geometry.var_names.empty()) lifter.unsupported(var, "a wmma fragment in host code");
      auto [thread, threads] = geometry.linear_thread();
      return geometry.wmma.declare(lifter, {thread, threads, warp_size_of(Dialect::Cuda)}, var);
    };
  hooks.declaration_scope = [](const clang::VarDecl* var) -> std::optional<MemoryScope> {
    if (var->hasAttr<clang::CUDASharedAttr>()) return MemoryScope::Shared;
    return std::nullopt;
  };
  hooks.dynamic_shared_bytes = [&geometry](FunctionLifter& lifter, const clang::VarDecl* var) -> Expr {
    return dynamic_shared_bytes(lifter, geometry, var);
  };
  return hooks;
}

HostApi gpu_host_api(Dialect dialect) {
  if (dialect == Dialect::Hip)
    return {{"hipMalloc"}, {"hipMemcpy"}, {"hipMemcpyHostToDevice"}, {"hipMemcpyDeviceToHost"},
            {"hipFree", "hipDeviceSynchronize", "hipStreamSynchronize", "hipStreamCreate", "hipStreamDestroy",
             "hipGetLastError", "hipPeekAtLastError", "hipSetDevice"}};
  return {{"cudaMalloc"}, {"cudaMemcpy"}, {"cudaMemcpyHostToDevice"}, {"cudaMemcpyDeviceToHost"},
          {"cudaFree", "cudaDeviceSynchronize", "cudaStreamSynchronize", "cudaStreamCreate", "cudaStreamDestroy",
           "cudaGetLastError", "cudaPeekAtLastError", "cudaSetDevice"}};
}

void name_axes(FunctionLifter& lifter, LaunchGeometry& geometry) {
  const char* names[6] = {"bx", "by", "bz", "tx", "ty", "tz"};
  for (int d = 0; d < 3; ++d) {
    geometry.var_names[block_axes[d]] = lifter.fresh_name(names[d]);
    geometry.var_names[thread_axes[d]] = lifter.fresh_name(names[3 + d]);
  }
}

// Assembles blocks { per-block buffers { threads { per-thread buffers { body } } } }; an axis of
// extent 1 that the body does not read is left out.
Stmt assemble_launch(FunctionLifter& lifter, LaunchGeometry& geometry, Stmt body) {
  std::vector<std::pair<HardwareAxis, Expr>> blocks, threads;
  for (int d = 2; d >= 0; --d) {
    const auto* grid = as_const_int(geometry.grid[d]);
    if (geometry.used.count(block_axes[d]) || !grid || *grid != 1) blocks.emplace_back(block_axes[d], geometry.grid[d]);
    const auto* block = as_const_int(geometry.block[d]);
    if (geometry.used.count(thread_axes[d]) || !block || *block != 1)
      threads.emplace_back(thread_axes[d], geometry.block[d]);
  }
  body = wrap_in_allocations(lifter.per_thread_buffers(), body);
  body = wrap_in_bound_loops(threads, geometry.var_names, body);
  body = wrap_in_allocations(lifter.hoisted_buffers(), body);
  lifter.per_thread_buffers().clear();
  lifter.hoisted_buffers().clear();
  return wrap_in_bound_loops(blocks, geometry.var_names, body);
}

// A device kernel on its own: the launch geometry becomes parameters gridDim_x ... blockDim_z.
Kernel lift_device_kernel(clang::ASTContext& context, Dialect dialect, const clang::FunctionDecl* kernel) {
  LaunchGeometry geometry;
  DialectHooks hooks = make_gpu_hooks(dialect, geometry);
  FunctionLifter lifter(context, hooks);
  std::vector<Param> params, extents;
  bind_kernel_parameters(lifter, kernel, params, extents, MemoryScope::Global);
  const char* xyz[3] = {"x", "y", "z"};
  std::vector<Param> geometry_params;
  for (int d = 0; d < 3; ++d) {
    for (auto [prefix, slot] : {std::pair{"gridDim_", geometry.grid}, std::pair{"blockDim_", geometry.block}}) {
      const std::string name = lifter.fresh_name(std::string(prefix) + xyz[d]);
      slot[d] = Var::make(Type::u32(), name);
      geometry_params.push_back(ScalarParam{name, Type::u32()});
    }
  }
  const std::string shared_bytes = lifter.fresh_name("dynamic_shared_bytes");
  geometry.dynamic_shared_bytes = Var::make(Type::i64(), shared_bytes);
  name_axes(lifter, geometry);
  Stmt body = assemble_launch(lifter, geometry, lifter.lift_function_body(kernel));
  params.insert(params.end(), extents.begin(), extents.end());
  params.insert(params.end(), geometry_params.begin(), geometry_params.end());
  if (geometry.dynamic_shared_used) params.push_back(ScalarParam{shared_bytes, Type::i64()});
  return Kernel::make(kernel->getNameAsString(), params, body);
}

void lift_dim3(FunctionLifter& host, const clang::Expr* e, Expr out[3]) {
  e = e->IgnoreImplicit();
  // `dim3(n)`: a functional cast around the constructor call (hipLaunchKernelGGL's usual spelling).
  if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) return lift_dim3(host, cast->getSubExpr(), out);
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    if (construct->getNumArgs() == 3 && !construct->getArg(0)->getType()->getAsCXXRecordDecl()) {
      for (int d = 0; d < 3; ++d) out[d] = host.lift_expr_as(construct->getArg(d), Type::u32());
      return;
    }
    if (construct->getNumArgs() == 1) return lift_dim3(host, construct->getArg(0), out);
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts())) {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
        var && var->hasInit() && var->getType()->getAsCXXRecordDecl())
      return lift_dim3(host, var->getInit(), out);
  }
  if (lift_scalar_type(e->getType())) {
    out[0] = host.lift_expr_as(e, Type::u32());
    out[1] = out[2] = make_int(1, Type::u32());
    return;
  }
  host.unsupported(e, "this launch configuration");
}

Stmt lift_gpu_launch(clang::ASTContext& context, Dialect dialect, FunctionLifter& host,
                     const clang::CUDAKernelCallExpr* launch) {
  const clang::FunctionDecl* callee = launch->getDirectCallee();
  const clang::FunctionDecl* kernel = callee ? callee->getDefinition() : nullptr;
  if (!kernel) host.unsupported(launch, "a launch of a kernel defined elsewhere");
  const clang::CallExpr* config = launch->getConfig();
  LaunchGeometry geometry;
  DialectHooks hooks = make_gpu_hooks(dialect, geometry);
  FunctionLifter device(context, hooks);
  lift_dim3(host, config->getArg(0), geometry.grid);
  lift_dim3(host, config->getArg(1), geometry.block);
  if (config->getNumArgs() > 2 && !llvm::isa<clang::CXXDefaultArgExpr>(config->getArg(2))) {
    Expr bytes = host.lift_expr_as(config->getArg(2), Type::i64());
    if (const std::int64_t* b = as_const_int(bytes); !b || *b != 0) geometry.dynamic_shared_bytes = bytes;
  }
  auto lets = bind_launch_arguments(host, device, launch);
  // The launch configuration is evaluated once, by the host, before the blocks start.
  const char* xyz[3] = {"x", "y", "z"};
  for (int d = 0; d < 3; ++d) {
    geometry.grid[d] = snapshot_at_launch(host, geometry.grid[d], std::string("grid_") + xyz[d], lets);
    geometry.block[d] = snapshot_at_launch(host, geometry.block[d], std::string("block_") + xyz[d], lets);
  }
  if (geometry.dynamic_shared_bytes.defined())
    geometry.dynamic_shared_bytes = snapshot_at_launch(host, geometry.dynamic_shared_bytes, "shared_bytes", lets);
  device.reserve_names(host);
  name_axes(device, geometry);
  Stmt body = assemble_launch(device, geometry, device.lift_function_body(kernel));
  host.reserve_names(device);
  for (auto it = lets.rbegin(); it != lets.rend(); ++it) body = LetStmt::make(it->first, it->second, body);
  return body;
}

} // namespace

Module lift_gpu_module(clang::ASTContext& context, Dialect dialect) {
  Module module;
  module.target = std::string(to_string(dialect));
  LaunchGeometry host_geometry;  // empty: hardware indices are not host values
  const DialectHooks host_hooks = make_gpu_hooks(dialect, host_geometry);
  const HostApi api = gpu_host_api(dialect);
  const LaunchLifter lift_launch = [&](FunctionLifter& host, const clang::CUDAKernelCallExpr* launch) {
    return lift_gpu_launch(context, dialect, host, launch);
  };
  for (const clang::FunctionDecl* f : main_file_functions(context)) {
    if (f->hasAttr<clang::CUDAGlobalAttr>()) {
      module.kernels.push_back(lift_device_kernel(context, dialect, f));
    } else if (!f->hasAttr<clang::CUDADeviceAttr>() && contains_launch(f->getBody())) {
      module.kernels.push_back(lift_host_entry(context, host_hooks, api, lift_launch, f));
    }
  }
  return module;
}

} // namespace xir::frontend
