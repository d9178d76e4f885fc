#include "scalar_arguments.hpp"

#include <cstring>

#include "engine_error.hpp"
#include "xir/interp/numeric.hpp"
#include "xir/ir/mutator.hpp"
#include "xir/transform/simplify.hpp"

namespace xir::interp_engine {
namespace {

template <class T> T load(const void* argument) {
  T value;
  std::memcpy(&value, argument, sizeof value);
  return value;
}

Expr immediate(Type type, const interp::ScalarValue& value) {
  return type.is_float() ? FloatImm::make(type, value.as_double()) : IntImm::make(type, value.integer);
}

struct SubstituteScalars : IRMutator {
  const std::map<std::string, interp::ScalarValue>& scalars;
  explicit SubstituteScalars(const std::map<std::string, interp::ScalarValue>& s) : scalars(s) {}
  using IRMutator::visit;
  Expr visit(const Var& v, const Expr& self) override {
    auto it = scalars.find(v.name);
    return it == scalars.end() ? self : immediate(self.type(), it->second);
  }
};

} // namespace

interp::ScalarValue read_scalar(Type type, const void* argument) {
  using interp::ScalarValue;
  switch (type.kind) {
  case ScalarKind::Bool: return ScalarValue::from_int(type.kind, load<bool>(argument));
  case ScalarKind::I8: return ScalarValue::from_int(type.kind, load<std::int8_t>(argument));
  case ScalarKind::U8: return ScalarValue::from_int(type.kind, load<std::uint8_t>(argument));
  case ScalarKind::I16: return ScalarValue::from_int(type.kind, load<std::int16_t>(argument));
  case ScalarKind::U16: return ScalarValue::from_int(type.kind, load<std::uint16_t>(argument));
  case ScalarKind::I32: return ScalarValue::from_int(type.kind, load<std::int32_t>(argument));
  case ScalarKind::U32: return ScalarValue::from_int(type.kind, load<std::uint32_t>(argument));
  case ScalarKind::I64: return ScalarValue::from_int(type.kind, load<std::int64_t>(argument));
  case ScalarKind::F16: return ScalarValue::from_float(type.kind, interp::f16_value(load<std::uint16_t>(argument)));
  case ScalarKind::BF16: return ScalarValue::from_float(type.kind, interp::bf16_value(load<std::uint16_t>(argument)));
  case ScalarKind::F32: return ScalarValue::from_float(type.kind, load<float>(argument));
  case ScalarKind::F64: return ScalarValue::from_float(type.kind, load<double>(argument));
  }
  throw EngineError("a scalar parameter of an unknown type");
}

std::vector<std::int64_t> evaluate_shape(const Buffer& buffer,
                                         const std::map<std::string, interp::ScalarValue>& scalars) {
  std::vector<std::int64_t> shape;
  SubstituteScalars substitute(scalars);
  for (const Expr& extent : buffer.shape) {
    const Expr folded = simplify(substitute.mutate(extent));
    const IntImm* value = folded.as<IntImm>();
    if (!value)
      throw EngineError("the extent of buffer `" + buffer.name + "` does not evaluate to an integer for these arguments");
    if (value->value < 0)
      throw EngineError("buffer `" + buffer.name + "` would have " + std::to_string(value->value) +
                        " elements for these arguments");
    shape.push_back(value->value);
  }
  return shape;
}

} // namespace xir::interp_engine
