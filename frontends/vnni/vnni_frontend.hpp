#pragma once
// The VNNI frontend: C++ with AVX-512 intrinsics and OpenMP. Each `extern "C"` function of the file
// is a kernel over host pointers: its pointer parameters become host buffers (each with a trailing
// `<name>_extent` element count parameter), its OpenMP loops parallel loops.

#include <clang/AST/ASTContext.h>

#include "xir/ir.hpp"

namespace xir::frontend {

Module lift_vnni_module(clang::ASTContext& context);

} // namespace xir::frontend
