#pragma once
// Host entries: a host function that allocates device memory, copies the caller's buffers in,
// launches kernels and copies results out becomes one kernel over the caller's host buffers.
// Device pointers alias the host buffers they are copied from or to; copies, allocations, frees,
// queue and error calls vanish; each launch inlines its kernel in the dialect's launch geometry.

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "function_lifter.hpp"

namespace xir::frontend {

/// The host API of a dialect, by name.
struct HostApi {
  std::set<std::string> malloc_names;
  std::set<std::string> memcpy_names;            // (dst, src, bytes, direction)
  std::set<std::string> to_device, to_host;      // direction enumerators
  std::set<std::string> ignored;                 // frees, synchronization, queues, error queries
};

/// Lifts one launch `kernel<<<...>>>(args)` in host code into the kernel's loop nest.
using LaunchLifter = std::function<Stmt(FunctionLifter& host, const clang::CUDAKernelCallExpr* launch)>;

Kernel lift_host_entry(clang::ASTContext& context, const DialectHooks& hooks, const HostApi& api,
                       const LaunchLifter& lift_launch, const clang::FunctionDecl* entry);

/// True when `s` contains a `<<<...>>>` launch.
bool contains_launch(const clang::Stmt* s);

/// Function definitions of the main file, through namespaces and extern "C" blocks, in order.
std::vector<const clang::FunctionDecl*> main_file_functions(clang::ASTContext& context);

std::string callee_name(const clang::CallExpr* call);

/// Binds a kernel's parameters: pointers to buffers (extent as a trailing `<name>_extent`
/// parameter appended to `extent_params`), scalars to variables.
void bind_kernel_parameters(FunctionLifter& lifter, const clang::FunctionDecl* kernel, std::vector<Param>& params,
                            std::vector<Param>& extent_params, MemoryScope scope);

/// Binds a launched kernel's parameters to the launch's arguments, evaluated in host code;
/// returns the let bindings (outermost first) that must wrap the launch.
std::vector<std::pair<std::string, Expr>> bind_launch_arguments(FunctionLifter& host, FunctionLifter& device,
                                                                const clang::CUDAKernelCallExpr* launch);

/// `value` where it reads memory (host code's mutable storage, which the threads of a launch do not
/// see): a new let binding of it appended to `lets`, named after `base`; otherwise `value` itself.
Expr snapshot_at_launch(FunctionLifter& host, Expr value, const std::string& base,
                        std::vector<std::pair<std::string, Expr>>& lets);

} // namespace xir::frontend
