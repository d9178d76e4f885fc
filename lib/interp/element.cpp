#include "element.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "xir/interp/numeric.hpp"

namespace xir::interp::detail {
namespace {

template <class T> T load_as(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class T> void store_as(std::byte* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

std::int64_t saturate(ScalarKind kind, double v) {
  if (std::isnan(v))
    return 0;
  double t = std::trunc(v);
  double lo = 0, hi = 0;
  switch (kind) {
  case ScalarKind::I8:
    lo = -128;
    hi = 127;
    break;
  case ScalarKind::U8:
    lo = 0;
    hi = 255;
    break;
  case ScalarKind::I16:
    lo = -32768;
    hi = 32767;
    break;
  case ScalarKind::U16:
    lo = 0;
    hi = 65535;
    break;
  case ScalarKind::I32:
    lo = -2147483648.0;
    hi = 2147483647.0;
    break;
  case ScalarKind::U32:
    lo = 0;
    hi = 4294967295.0;
    break;
  default:
    if (t <= -9223372036854775808.0)
      return std::numeric_limits<std::int64_t>::min();
    if (t >= 9223372036854775808.0)
      return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(t);
  }
  return static_cast<std::int64_t>(std::min(std::max(t, lo), hi));
}

} // namespace

Lane read_element(ScalarKind kind, const std::byte* p) {
  Lane l;
  switch (kind) {
  case ScalarKind::Bool:
    l.integer = load_as<std::uint8_t>(p) != 0;
    break;
  case ScalarKind::I8:
    l.integer = load_as<std::int8_t>(p);
    break;
  case ScalarKind::U8:
    l.integer = load_as<std::uint8_t>(p);
    break;
  case ScalarKind::I16:
    l.integer = load_as<std::int16_t>(p);
    break;
  case ScalarKind::U16:
    l.integer = load_as<std::uint16_t>(p);
    break;
  case ScalarKind::I32:
    l.integer = load_as<std::int32_t>(p);
    break;
  case ScalarKind::U32:
    l.integer = load_as<std::uint32_t>(p);
    break;
  case ScalarKind::I64:
    l.integer = load_as<std::int64_t>(p);
    break;
  case ScalarKind::F16:
    l.real = f16_value(load_as<std::uint16_t>(p));
    break;
  case ScalarKind::BF16:
    l.real = bf16_value(load_as<std::uint16_t>(p));
    break;
  case ScalarKind::F32:
    l.real = load_as<float>(p);
    break;
  case ScalarKind::F64:
    l.real = load_as<double>(p);
    break;
  }
  return l;
}

void write_element(ScalarKind kind, std::byte* p, const Lane& l) {
  switch (kind) {
  case ScalarKind::Bool:
    store_as<std::uint8_t>(p, l.integer != 0);
    break;
  case ScalarKind::I8:
    store_as(p, static_cast<std::int8_t>(l.integer));
    break;
  case ScalarKind::U8:
    store_as(p, static_cast<std::uint8_t>(l.integer));
    break;
  case ScalarKind::I16:
    store_as(p, static_cast<std::int16_t>(l.integer));
    break;
  case ScalarKind::U16:
    store_as(p, static_cast<std::uint16_t>(l.integer));
    break;
  case ScalarKind::I32:
    store_as(p, static_cast<std::int32_t>(l.integer));
    break;
  case ScalarKind::U32:
    store_as(p, static_cast<std::uint32_t>(l.integer));
    break;
  case ScalarKind::I64:
    store_as(p, l.integer);
    break;
  case ScalarKind::F16:
    store_as(p, f16_bits(l.real));
    break;
  case ScalarKind::BF16:
    store_as(p, bf16_bits(l.real));
    break;
  case ScalarKind::F32:
    store_as(p, static_cast<float>(l.real));
    break;
  case ScalarKind::F64:
    store_as(p, l.real);
    break;
  }
}

Lane convert_lane(ScalarKind from, ScalarKind to, const Lane& lane) {
  const bool from_float = Type(from).is_float();
  Lane out;
  if (to == ScalarKind::Bool) {
    out.integer = from_float ? lane.real != 0 : lane.integer != 0;
  } else if (Type(to).is_float()) {
    if (from_float) {
      out.real = round_to_format(to, lane.real);
    } else if (to == ScalarKind::F32) {
      out.real = static_cast<float>(lane.integer); // one rounding, even for wide integers
    } else {
      out.real = round_to_format(to, static_cast<double>(lane.integer));
    }
  } else {
    out.integer = from_float ? saturate(to, lane.real) : wrap_to_width(to, lane.integer);
  }
  return out;
}

} // namespace xir::interp::detail
