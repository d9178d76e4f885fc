#include "xir/spec/dtype.hpp"

#include <array>
#include <utility>

namespace xir::spec {
namespace {

struct DTypeRow {
  DType dtype;
  std::string_view name;
  std::size_t size;
};

constexpr std::array<DTypeRow, 12> dtype_table{{
    {DType::boolean, "bool", 1},
    {DType::i8, "i8", 1},
    {DType::u8, "u8", 1},
    {DType::i16, "i16", 2},
    {DType::u16, "u16", 2},
    {DType::i32, "i32", 4},
    {DType::u32, "u32", 4},
    {DType::i64, "i64", 8},
    {DType::f16, "f16", 2},
    {DType::bf16, "bf16", 2},
    {DType::f32, "f32", 4},
    {DType::f64, "f64", 8},
}};

const DTypeRow& row(DType dtype) {
  return dtype_table[static_cast<std::size_t>(dtype)];
}

} // namespace

std::optional<DType> parse_dtype(std::string_view name) {
  for (const DTypeRow& entry : dtype_table)
    if (entry.name == name)
      return entry.dtype;
  return std::nullopt;
}

std::string_view dtype_name(DType dtype) {
  return row(dtype).name;
}
std::size_t dtype_size_bytes(DType dtype) {
  return row(dtype).size;
}

bool is_float(DType dtype) {
  return dtype == DType::f16 || dtype == DType::bf16 || dtype == DType::f32 || dtype == DType::f64;
}

bool is_integer(DType dtype) {
  return !is_float(dtype) && dtype != DType::boolean;
}

bool is_signed_integer(DType dtype) {
  return dtype == DType::i8 || dtype == DType::i16 || dtype == DType::i32 || dtype == DType::i64;
}

} // namespace xir::spec
