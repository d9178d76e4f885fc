#include "xir/ir/type.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace xir {
namespace {

constexpr std::array<std::pair<ScalarKind, std::string_view>, 12> scalar_kind_names{{
    {ScalarKind::Bool, "bool"}, {ScalarKind::I8, "i8"}, {ScalarKind::U8, "u8"},
    {ScalarKind::I16, "i16"}, {ScalarKind::U16, "u16"}, {ScalarKind::I32, "i32"},
    {ScalarKind::U32, "u32"}, {ScalarKind::I64, "i64"}, {ScalarKind::F16, "f16"},
    {ScalarKind::BF16, "bf16"}, {ScalarKind::F32, "f32"}, {ScalarKind::F64, "f64"},
}};

} // namespace

std::string_view to_string(ScalarKind k) {
  for (const auto& [kind, name] : scalar_kind_names)
    if (kind == k) return name;
  return "?";
}

std::string to_string(Type t) {
  std::string s(to_string(t.kind));
  if (t.lanes != 1) s += "x" + std::to_string(t.lanes);
  return s;
}

std::optional<ScalarKind> parse_scalar_kind(std::string_view text) {
  for (const auto& [kind, name] : scalar_kind_names)
    if (name == text) return kind;
  return std::nullopt;
}

std::optional<Type> parse_type(std::string_view text) {
  // The longest scalar name that prefixes the text, then optionally "x<lanes>".
  for (const auto& [kind, name] : scalar_kind_names) {
    if (!text.starts_with(name)) continue;
    std::string_view rest = text.substr(name.size());
    if (rest.empty()) return Type(kind, 1);
    if (rest.front() != 'x' || rest.size() < 2) continue;
    unsigned lanes = 0;
    auto [end, ec] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), lanes);
    if (ec != std::errc() || end != rest.data() + rest.size() || lanes < 2 || lanes > 1024) continue;
    return Type(kind, static_cast<std::uint16_t>(lanes));
  }
  return std::nullopt;
}

} // namespace xir
