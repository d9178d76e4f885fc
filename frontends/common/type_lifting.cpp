#include "type_lifting.hpp"

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/Type.h>

namespace xir::frontend {

std::optional<Type> lift_scalar_type(clang::QualType type) {
  type = type.getCanonicalType().getUnqualifiedType();
  if (const auto* builtin = type->getAs<clang::BuiltinType>()) {
    switch (builtin->getKind()) {
    case clang::BuiltinType::Bool: return Type::boolean();
    case clang::BuiltinType::Char_S: case clang::BuiltinType::SChar: return Type::i8();
    case clang::BuiltinType::Char_U: case clang::BuiltinType::UChar: return Type::u8();
    case clang::BuiltinType::Short: return Type::i16();
    case clang::BuiltinType::UShort: return Type::u16();
    case clang::BuiltinType::Int: return Type::i32();
    case clang::BuiltinType::UInt: return Type::u32();
    case clang::BuiltinType::Long: case clang::BuiltinType::LongLong: return Type::i64();
    // Unsigned 64-bit values (size_t) are kept as i64: sizes in kernels stay far below 2^63.
    case clang::BuiltinType::ULong: case clang::BuiltinType::ULongLong: return Type::i64();
    case clang::BuiltinType::Half: case clang::BuiltinType::Float16: return Type::f16();
    case clang::BuiltinType::BFloat16: return Type::bf16();
    case clang::BuiltinType::Float: return Type::f32();
    case clang::BuiltinType::Double: return Type::f64();
    default: return std::nullopt;
    }
  }
  if (const auto* record = type->getAsCXXRecordDecl()) {
    const std::string name = record->getName().str();
    if (name == "__half" || name == "half" || name == "hip_half") return Type::f16();
    if (name == "__nv_bfloat16" || name == "hip_bfloat16" || name == "bfloat16_t") return Type::bf16();
  }
  if (const auto* vector = type->getAs<clang::VectorType>(); vector && !type->getAs<clang::ExtVectorType>()) {
    // SIMD registers (__m512, __m512i, ...): a vector of their element type. (OpenCL-style
    // ext_vector_type values, HIP's MFMA operands, are small local arrays instead.)
    auto element = lift_scalar_type(vector->getElementType());
    if (!element || !element->is_scalar() || vector->getNumElements() < 2) return std::nullopt;
    return element->with_lanes(static_cast<std::uint16_t>(vector->getNumElements()));
  }
  if (const auto* enum_type = type->getAs<clang::EnumType>())
    return lift_scalar_type(enum_type->getDecl()->getIntegerType());
  return std::nullopt;
}

} // namespace xir::frontend
