#pragma once
// Element types of test-case tensors (docs/test-case-spec.md) and their properties.
#include <cstddef>
#include <optional>
#include <string_view>

namespace xir::spec {

enum class DType { boolean, i8, u8, i16, u16, i32, u32, i64, f16, bf16, f32, f64 };

// The spec spelling ("bool", "i8", ..., "f64"); nullopt for an unknown name.
std::optional<DType> parse_dtype(std::string_view name);
std::string_view dtype_name(DType dtype);
std::size_t dtype_size_bytes(DType dtype);

bool is_float(DType dtype);
bool is_integer(DType dtype); // bool excluded
bool is_signed_integer(DType dtype);

} // namespace xir::spec
