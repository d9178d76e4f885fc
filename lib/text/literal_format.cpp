#include "literal_format.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace xir::text {

std::string format_float(double value) {
  if (std::isnan(value))
    return std::signbit(value) ? "-nan" : "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string text(buffer.data(), ec == std::errc() ? end : buffer.data());
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text;
}

std::string immediate_type_suffix(Type type) {
  if (type == Type::i32() || type == Type::f32() || type == Type::boolean())
    return {};
  return ":" + to_string(type);
}

} // namespace xir::text
