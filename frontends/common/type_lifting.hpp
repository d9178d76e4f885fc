#pragma once
// Clang types to IR types.

#include <clang/AST/Type.h>

#include <optional>

#include "xir/ir/type.hpp"

namespace xir::frontend {

/// The IR scalar type of a Clang arithmetic type (through typedefs; __half and __nv_bfloat16
/// records are f16 and bf16; Clang vector types such as __m512 are IR vectors); nullopt for
/// anything else.
std::optional<Type> lift_scalar_type(clang::QualType type);

} // namespace xir::frontend
