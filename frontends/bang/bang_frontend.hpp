#pragma once
// The BANG C frontend: `__mlu_global__` kernels become loops over taskId with NRAM/WRAM/SRAM
// buffers around them and `__bang_*` / `__memcpy` calls as intrinsic calls of the bang target;
// CNRT host entries (malloc / memcpy / launch / free) become kernels over the caller's buffers.

#include <clang/AST/ASTContext.h>

#include "xir/frontend/frontend.hpp"
#include "xir/ir.hpp"

namespace xir::frontend {

Module lift_bang_module(clang::ASTContext& context);

} // namespace xir::frontend
