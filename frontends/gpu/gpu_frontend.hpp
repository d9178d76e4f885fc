#pragma once
// The CUDA and HIP frontends (one implementation: the dialects differ in names only).

#include <clang/AST/ASTContext.h>

#include "xir/frontend/frontend.hpp"

namespace xir::frontend {

/// Every kernel of the main file (launch geometry as parameters) and every host entry that
/// launches kernels (a self-contained kernel over the entry's host buffers). Throws LiftError.
Module lift_gpu_module(clang::ASTContext& context, Dialect dialect);

} // namespace xir::frontend
