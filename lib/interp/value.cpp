#include "xir/interp/value.hpp"

#include <sstream>

#include "element.hpp"

namespace xir::interp {

ScalarValue ScalarValue::from_int(ScalarKind kind, std::int64_t value) {
  detail::Lane l = detail::convert_lane(ScalarKind::I64, kind, {value, 0});
  return {kind, l.integer, l.real};
}

ScalarValue ScalarValue::from_float(ScalarKind kind, double value) {
  detail::Lane l = detail::convert_lane(ScalarKind::F64, kind, {0, value});
  return {kind, l.integer, l.real};
}

std::string ScalarValue::to_string() const {
  std::ostringstream s;
  if (is_float())
    s.precision(9), s << real;
  else
    s << integer;
  s << ":" << xir::to_string(kind);
  return s.str();
}

} // namespace xir::interp
