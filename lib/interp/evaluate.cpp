// Expression evaluation: every float result rounds to its format, every integer result wraps,
// integer division truncates toward zero (C), Select and && / || evaluate only what they choose.
#include <cmath>
#include <limits>

#include "describe.hpp"
#include "machine.hpp"
#include "xir/interp/numeric.hpp"

namespace xir::interp::detail {
namespace {

bool lane_active(const LaneMask* active, std::size_t i) {
  return !active || (*active)[i];
}

Value splat(Type type, const Value& scalar, std::size_t lanes) {
  Value v{type, {}};
  v.lanes.assign(lanes, scalar.lanes.front());
  return v;
}

std::int64_t integer_binary(const Machine& m, const Thread& t, BinaryOp op, ScalarKind kind,
                            std::int64_t a, std::int64_t b) {
  auto ua = static_cast<std::uint64_t>(a), ub = static_cast<std::uint64_t>(b);
  const int bits = Type(kind).bits();
  switch (op) {
  case BinaryOp::Add:
    return wrap_to_width(kind, static_cast<std::int64_t>(ua + ub));
  case BinaryOp::Sub:
    return wrap_to_width(kind, static_cast<std::int64_t>(ua - ub));
  case BinaryOp::Mul:
    return wrap_to_width(kind, static_cast<std::int64_t>(ua * ub));
  case BinaryOp::Div:
  case BinaryOp::Mod:
    if (b == 0)
      m.fail(t, "integer division by zero");
    if (b == -1)
      return op == BinaryOp::Div ? wrap_to_width(kind, static_cast<std::int64_t>(0 - ua)) : 0;
    return op == BinaryOp::Div ? a / b : a % b;
  case BinaryOp::Min:
    return std::min(a, b);
  case BinaryOp::Max:
    return std::max(a, b);
  case BinaryOp::EQ:
    return a == b;
  case BinaryOp::NE:
    return a != b;
  case BinaryOp::LT:
    return a < b;
  case BinaryOp::LE:
    return a <= b;
  case BinaryOp::GT:
    return a > b;
  case BinaryOp::GE:
    return a >= b;
  case BinaryOp::And:
    return a && b;
  case BinaryOp::Or:
    return a || b;
  case BinaryOp::BitAnd:
    return wrap_to_width(kind, a & b);
  case BinaryOp::BitOr:
    return wrap_to_width(kind, a | b);
  case BinaryOp::BitXor:
    return wrap_to_width(kind, a ^ b);
  case BinaryOp::Shl:
  case BinaryOp::Shr:
    if (b < 0 || b >= bits)
      m.fail(t, "shift by " + std::to_string(b) + " is outside [0, " + std::to_string(bits) +
                    ") for " + std::string(to_string(kind)));
    if (op == BinaryOp::Shl)
      return wrap_to_width(kind, static_cast<std::int64_t>(ua << b));
    // Signed values are sign-extended, unsigned ones non-negative: >> is arithmetic or logical.
    return a >> b;
  }
  return 0;
}

double float_binary(BinaryOp op, double a, double b) {
  switch (op) {
  case BinaryOp::Add:
    return a + b;
  case BinaryOp::Sub:
    return a - b;
  case BinaryOp::Mul:
    return a * b;
  case BinaryOp::Div:
    return a / b;
  case BinaryOp::Mod:
    return std::fmod(a, b);
  case BinaryOp::Min:
    return std::fmin(a, b);
  case BinaryOp::Max:
    return std::fmax(a, b);
  default:
    return 0;
  }
}

bool float_compare(BinaryOp op, double a, double b) {
  switch (op) {
  case BinaryOp::EQ:
    return a == b;
  case BinaryOp::NE:
    return a != b;
  case BinaryOp::LT:
    return a < b;
  case BinaryOp::LE:
    return a <= b;
  case BinaryOp::GT:
    return a > b;
  case BinaryOp::GE:
    return a >= b;
  default:
    return false;
  }
}

double math_function(const std::string& f, ScalarKind kind, const std::vector<double>& x) {
  if (f == "exp")
    return std::exp(x[0]);
  if (f == "exp2")
    return std::exp2(x[0]);
  if (f == "log")
    return std::log(x[0]);
  if (f == "log2")
    return std::log2(x[0]);
  if (f == "sqrt")
    return std::sqrt(x[0]);
  if (f == "rsqrt")
    return 1.0 / std::sqrt(x[0]);
  if (f == "sin")
    return std::sin(x[0]);
  if (f == "cos")
    return std::cos(x[0]);
  if (f == "tan")
    return std::tan(x[0]);
  if (f == "tanh")
    return std::tanh(x[0]);
  if (f == "erf")
    return std::erf(x[0]);
  if (f == "abs")
    return std::fabs(x[0]);
  if (f == "floor")
    return std::floor(x[0]);
  if (f == "ceil")
    return std::ceil(x[0]);
  if (f == "round")
    return std::round(x[0]);
  if (f == "trunc")
    return std::trunc(x[0]);
  if (f == "recip")
    return 1.0 / x[0];
  if (f == "sigmoid")
    return 1.0 / (1.0 + std::exp(-x[0]));
  if (f == "pow")
    return std::pow(x[0], x[1]);
  if (f == "atan2")
    return std::atan2(x[0], x[1]);
  if (f == "fmod")
    return std::fmod(x[0], x[1]);
  if (f == "fma") {
    // f32 fma rounds once; narrower formats are exact in double before their final rounding
    // except in rare double-rounding ties.
    if (kind == ScalarKind::F32)
      return std::fma(static_cast<float>(x[0]), static_cast<float>(x[1]), static_cast<float>(x[2]));
    return std::fma(x[0], x[1], x[2]);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

} // namespace

std::int64_t Machine::eval_int(const Expr& e, Thread& t) {
  Value v = eval(e, t);
  if (!v.type.is_int() || !v.type.is_scalar())
    fail(t, "`" + describe(e) + "` is " + to_string(v.type) + ", not a scalar integer");
  return v.lanes.front().integer;
}

Value Machine::eval(const Expr& e, Thread& t, const LaneMask* active) {
  const Type type = e.type();
  const std::size_t lanes = type.lanes;
  const ExprVariant& node = e.node().node;

  if (const IntImm* n = std::get_if<IntImm>(&node))
    return {type, {Lane{n->value, 0}}};
  if (const FloatImm* n = std::get_if<FloatImm>(&node))
    return {type, {Lane{0, round_to_format(type.kind, n->value)}}};
  if (const Var* n = std::get_if<Var>(&node)) {
    for (auto it = t.vars.rbegin(); it != t.vars.rend(); ++it)
      if (it->first == n->name) {
        if (it->second.type != type)
          fail(t, "variable `" + n->name + "` is " + to_string(it->second.type) + " but used as " +
                      to_string(type));
        return it->second;
      }
    fail(t, "variable `" + n->name + "` is not bound");
  }
  if (const Binary* n = std::get_if<Binary>(&node)) {
    const Type operand = n->a.type();
    if (lanes == 1 && (n->op == BinaryOp::And || n->op == BinaryOp::Or)) {
      Value a = eval(n->a, t, active);
      bool a_true = a.lanes.front().integer != 0;
      if (n->op == BinaryOp::And ? !a_true : a_true)
        return a;
      return eval(n->b, t, active);
    }
    Value a = eval(n->a, t, active);
    Value b = eval(n->b, t, active);
    Value r{type, {}};
    r.lanes.resize(lanes);
    for (std::size_t i = 0; i < lanes; ++i) {
      if (!lane_active(active, i))
        continue;
      const Lane& x = a.lanes[i];
      const Lane& y = b.lanes[i];
      if (!operand.is_float()) {
        r.lanes[i].integer = integer_binary(*this, t, n->op, operand.kind, x.integer, y.integer);
      } else if (is_comparison(n->op)) {
        r.lanes[i].integer = float_compare(n->op, x.real, y.real);
      } else {
        r.lanes[i].real = round_to_format(type.kind, float_binary(n->op, x.real, y.real));
      }
    }
    return r;
  }
  if (const Unary* n = std::get_if<Unary>(&node)) {
    Value a = eval(n->a, t, active);
    for (Lane& l : a.lanes) {
      switch (n->op) {
      case UnaryOp::Neg:
        if (type.is_float())
          l.real = -l.real;
        else
          l.integer = wrap_to_width(
              type.kind, static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(l.integer)));
        break;
      case UnaryOp::Not:
        l.integer = !l.integer;
        break;
      case UnaryOp::BitNot:
        l.integer = wrap_to_width(type.kind, ~l.integer);
        break;
      }
    }
    return a;
  }
  if (const Select* n = std::get_if<Select>(&node)) {
    Value c = eval(n->condition, t, active);
    if (c.lanes.size() == 1)
      return eval(c.lanes.front().integer ? n->true_value : n->false_value, t, active);
    LaneMask on(lanes), off(lanes);
    bool any_on = false, any_off = false;
    for (std::size_t i = 0; i < lanes; ++i) {
      bool a = lane_active(active, i);
      on[i] = a && c.lanes[i].integer;
      off[i] = a && !c.lanes[i].integer;
      any_on |= on[i];
      any_off |= off[i];
    }
    Value r{type, {}};
    r.lanes.resize(lanes);
    if (any_on) {
      Value x = eval(n->true_value, t, &on);
      for (std::size_t i = 0; i < lanes; ++i)
        if (on[i])
          r.lanes[i] = x.lanes[i];
    }
    if (any_off) {
      Value y = eval(n->false_value, t, &off);
      for (std::size_t i = 0; i < lanes; ++i)
        if (off[i])
          r.lanes[i] = y.lanes[i];
    }
    return r;
  }
  if (const Cast* n = std::get_if<Cast>(&node)) {
    Value v = eval(n->value, t, active);
    const ScalarKind from = n->value.type().kind;
    for (Lane& l : v.lanes)
      l = convert_lane(from, type.kind, l);
    v.type = type;
    return v;
  }
  if (const Load* n = std::get_if<Load>(&node)) {
    boost::container::small_vector<Value, 4> indices;
    bool any_vector = false;
    for (const Expr& i : n->indices) {
      indices.push_back(eval(i, t, active));
      any_vector |= indices.back().lanes.size() > 1;
    }
    if (lanes > 1 && !any_vector)
      fail(t, "load `" + describe(e) + "` of " + std::to_string(lanes) +
                  " lanes has only scalar indices");
    Value r{type, {}};
    r.lanes.resize(lanes);
    Indices at(indices.size());
    for (std::size_t l = 0; l < lanes; ++l) {
      if (!lane_active(active, l))
        continue;
      for (std::size_t d = 0; d < indices.size(); ++d)
        at[d] = indices[d].lanes.size() == 1 ? indices[d].lanes[0].integer
                                             : indices[d].lanes[l].integer;
      r.lanes[l] = access(t, n->buffer, type.element_of(), at, Access::Read, nullptr);
    }
    return r;
  }
  if (const Ramp* n = std::get_if<Ramp>(&node)) {
    std::int64_t base = eval_int(n->base, t), stride = eval_int(n->stride, t);
    Value r{type, {}};
    r.lanes.resize(lanes);
    for (std::size_t i = 0; i < lanes; ++i)
      r.lanes[i].integer =
          wrap_to_width(type.kind, static_cast<std::int64_t>(static_cast<std::uint64_t>(base) +
                                                             static_cast<std::uint64_t>(stride) *
                                                                 static_cast<std::uint64_t>(i)));
    return r;
  }
  if (const Broadcast* n = std::get_if<Broadcast>(&node))
    return splat(type, eval(n->value, t), lanes);
  if (const Call* n = std::get_if<Call>(&node)) {
    std::vector<Value> args;
    for (const Expr& a : n->args)
      args.push_back(eval(a, t, active));
    Value r{type, {}};
    r.lanes.resize(lanes);
    if (!type.is_float()) {
      if (n->function != "abs" || !type.is_int())
        fail(t, "math function `" + n->function + "` is not defined on " + to_string(type));
      for (std::size_t i = 0; i < lanes; ++i) {
        std::int64_t v = args[0].lanes[i].integer;
        r.lanes[i].integer = wrap_to_width(
            type.kind, v < 0 ? static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(v)) : v);
      }
      return r;
    }
    std::vector<double> x(args.size());
    for (std::size_t i = 0; i < lanes; ++i) {
      if (!lane_active(active, i))
        continue;
      for (std::size_t k = 0; k < args.size(); ++k)
        x[k] = args[k].lanes[i].real;
      r.lanes[i].real = round_to_format(type.kind, math_function(n->function, type.kind, x));
    }
    return r;
  }
  if (std::get_if<Address>(&node))
    fail(t, "address `" + describe(e) + "` used as a value outside an intrinsic call");
  if (const Hole* n = std::get_if<Hole>(&node))
    fail(t, "hole ?" + n->name + " has no value (the sketch is not filled)");
  fail(t, "unsupported expression `" + describe(e) + "`");
}

} // namespace xir::interp::detail
