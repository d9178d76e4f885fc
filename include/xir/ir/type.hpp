#pragma once
// Scalar and vector types of the IR: a scalar kind and a lane count.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xir {

enum class ScalarKind : std::uint8_t { Bool, I8, U8, I16, U16, I32, U32, I64, F16, BF16, F32, F64 };

/// A value type: `lanes` elements of one scalar kind (lanes == 1 is a scalar).
struct Type {
  ScalarKind kind = ScalarKind::I32;
  std::uint16_t lanes = 1;

  constexpr Type() = default;
  constexpr Type(ScalarKind k, std::uint16_t l = 1) : kind(k), lanes(l) {}

  static constexpr Type boolean(std::uint16_t l = 1) { return {ScalarKind::Bool, l}; }
  static constexpr Type i8(std::uint16_t l = 1) { return {ScalarKind::I8, l}; }
  static constexpr Type u8(std::uint16_t l = 1) { return {ScalarKind::U8, l}; }
  static constexpr Type i16(std::uint16_t l = 1) { return {ScalarKind::I16, l}; }
  static constexpr Type u16(std::uint16_t l = 1) { return {ScalarKind::U16, l}; }
  static constexpr Type i32(std::uint16_t l = 1) { return {ScalarKind::I32, l}; }
  static constexpr Type u32(std::uint16_t l = 1) { return {ScalarKind::U32, l}; }
  static constexpr Type i64(std::uint16_t l = 1) { return {ScalarKind::I64, l}; }
  static constexpr Type f16(std::uint16_t l = 1) { return {ScalarKind::F16, l}; }
  static constexpr Type bf16(std::uint16_t l = 1) { return {ScalarKind::BF16, l}; }
  static constexpr Type f32(std::uint16_t l = 1) { return {ScalarKind::F32, l}; }
  static constexpr Type f64(std::uint16_t l = 1) { return {ScalarKind::F64, l}; }

  constexpr bool is_bool() const { return kind == ScalarKind::Bool; }
  constexpr bool is_float() const {
    return kind == ScalarKind::F16 || kind == ScalarKind::BF16 || kind == ScalarKind::F32 ||
           kind == ScalarKind::F64;
  }
  constexpr bool is_signed_int() const {
    return kind == ScalarKind::I8 || kind == ScalarKind::I16 || kind == ScalarKind::I32 ||
           kind == ScalarKind::I64;
  }
  constexpr bool is_unsigned_int() const {
    return kind == ScalarKind::U8 || kind == ScalarKind::U16 || kind == ScalarKind::U32;
  }
  constexpr bool is_int() const { return is_signed_int() || is_unsigned_int(); }
  constexpr bool is_scalar() const { return lanes == 1; }
  constexpr bool is_vector() const { return lanes > 1; }

  /// Bits of one element.
  constexpr int bits() const {
    switch (kind) {
    case ScalarKind::Bool: return 1;
    case ScalarKind::I8: case ScalarKind::U8: return 8;
    case ScalarKind::I16: case ScalarKind::U16: case ScalarKind::F16: case ScalarKind::BF16: return 16;
    case ScalarKind::I32: case ScalarKind::U32: case ScalarKind::F32: return 32;
    case ScalarKind::I64: case ScalarKind::F64: return 64;
    }
    return 0;
  }
  /// Bytes one element occupies in memory (bool takes a byte).
  constexpr int bytes() const { return bits() == 1 ? 1 : bits() / 8; }

  constexpr Type element_of() const { return {kind, 1}; }
  constexpr Type with_lanes(std::uint16_t l) const { return {kind, l}; }

  friend constexpr bool operator==(Type a, Type b) = default;
};

/// "f32", "i32x4", ... as in the textual IR.
std::string to_string(Type t);
std::string_view to_string(ScalarKind k);
/// Parses "f32" or "f32x8"; nullopt if the text names no type.
std::optional<Type> parse_type(std::string_view text);
std::optional<ScalarKind> parse_scalar_kind(std::string_view text);

} // namespace xir
