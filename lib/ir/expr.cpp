#include "xir/ir/expr.hpp"

#include <algorithm>
#include <limits>

#include "xir/ir/error.hpp"

namespace xir {
namespace {

void check(bool condition, const std::string& what) {
  if (!condition) throw IRError(what);
}

void check_defined(const Expr& e, const char* node, const char* field) {
  check(e.defined(), std::string(node) + ": `" + field + "` is undefined");
}

void check_indices(const std::vector<Expr>& indices, const char* node) {
  check(!indices.empty(), std::string(node) + ": needs at least one index");
  for (const Expr& i : indices) {
    check_defined(i, node, "index");
    check(i.type().is_int(), std::string(node) + ": index of type " + to_string(i.type()) +
                                 " is not an integer");
  }
}

bool fits(Type t, std::int64_t v) {
  switch (t.kind) {
  case ScalarKind::Bool: return v == 0 || v == 1;
  case ScalarKind::I8: return v >= -128 && v <= 127;
  case ScalarKind::U8: return v >= 0 && v <= 255;
  case ScalarKind::I16: return v >= -32768 && v <= 32767;
  case ScalarKind::U16: return v >= 0 && v <= 65535;
  case ScalarKind::I32:
    return v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max();
  case ScalarKind::U32: return v >= 0 && v <= std::numeric_limits<std::uint32_t>::max();
  case ScalarKind::I64: return true;
  default: return false;
  }
}

} // namespace

Expr IntImm::make(Type type, std::int64_t value) {
  check(type.is_scalar() && (type.is_int() || type.is_bool()),
        "IntImm: type " + to_string(type) + " is not a scalar integer or bool");
  check(fits(type, value), "IntImm: " + std::to_string(value) + " does not fit " + to_string(type));
  return make_expr_node(type, IntImm{value});
}

Expr FloatImm::make(Type type, double value) {
  check(type.is_scalar() && type.is_float(), "FloatImm: type " + to_string(type) + " is not a scalar float");
  return make_expr_node(type, FloatImm{value});
}

Expr Var::make(Type type, std::string name) {
  check(!name.empty(), "Var: empty name");
  return make_expr_node(type, Var{std::move(name)});
}

Expr Binary::make(BinaryOp op, Expr a, Expr b) {
  check_defined(a, "Binary", "a");
  check_defined(b, "Binary", "b");
  const std::string what = "Binary " + std::string(to_string(op)) + ": ";
  check(a.type() == b.type(), what + "operand types differ (" + to_string(a.type()) + " vs " +
                                  to_string(b.type()) + ")");
  Type t = a.type();
  switch (op) {
  case BinaryOp::And: case BinaryOp::Or:
    check(t.is_bool(), what + "operands must be bool, not " + to_string(t));
    break;
  case BinaryOp::BitAnd: case BinaryOp::BitOr: case BinaryOp::BitXor:
    check(t.is_int() || t.is_bool(), what + "not defined on " + to_string(t));
    break;
  case BinaryOp::Shl: case BinaryOp::Shr:
    check(t.is_int(), what + "not defined on " + to_string(t));
    break;
  case BinaryOp::EQ: case BinaryOp::NE:
    break;
  default:
    check(!t.is_bool(), what + "not defined on bool");
    break;
  }
  Type result = is_comparison(op) ? Type::boolean(t.lanes) : t;
  return make_expr_node(result, Binary{op, std::move(a), std::move(b)});
}

Expr Unary::make(UnaryOp op, Expr a) {
  check_defined(a, "Unary", "a");
  Type t = a.type();
  switch (op) {
  case UnaryOp::Neg: check(!t.is_bool(), "Unary -: operand is bool"); break;
  case UnaryOp::Not: check(t.is_bool(), "Unary !: operand is " + to_string(t) + ", not bool"); break;
  case UnaryOp::BitNot: check(t.is_int(), "Unary ~: operand is " + to_string(t) + ", not an integer"); break;
  }
  return make_expr_node(t, Unary{op, std::move(a)});
}

Expr Select::make(Expr condition, Expr true_value, Expr false_value) {
  check_defined(condition, "Select", "condition");
  check_defined(true_value, "Select", "true_value");
  check_defined(false_value, "Select", "false_value");
  check(condition.type().is_bool(), "Select: condition is " + to_string(condition.type()) + ", not bool");
  check(true_value.type() == false_value.type(), "Select: branch types differ (" +
                                                     to_string(true_value.type()) + " vs " +
                                                     to_string(false_value.type()) + ")");
  check(condition.type().lanes == 1 || condition.type().lanes == true_value.type().lanes,
        "Select: condition lanes do not match the value lanes");
  Type t = true_value.type();
  return make_expr_node(t, Select{std::move(condition), std::move(true_value), std::move(false_value)});
}

Expr Cast::make(Type type, Expr value) {
  check_defined(value, "Cast", "value");
  check(type.lanes == value.type().lanes, "Cast: cannot change the lane count (" +
                                              to_string(value.type()) + " to " + to_string(type) + ")");
  return make_expr_node(type, Cast{std::move(value)});
}

Expr Load::make(Type type, std::string buffer, std::vector<Expr> indices) {
  check(!buffer.empty(), "Load: empty buffer name");
  check_indices(indices, "Load");
  for (const Expr& i : indices)
    check(i.type().lanes == 1 || i.type().lanes == type.lanes,
          "Load: index lanes do not match the loaded type " + to_string(type));
  return make_expr_node(type, Load{std::move(buffer), std::move(indices)});
}

Expr Ramp::make(Expr base, Expr stride, int lanes) {
  check_defined(base, "Ramp", "base");
  check_defined(stride, "Ramp", "stride");
  check(base.type().is_int() && base.type().is_scalar(), "Ramp: base must be a scalar integer");
  check(stride.type() == base.type(), "Ramp: stride type differs from base type");
  check(lanes >= 2 && lanes <= 1024, "Ramp: lanes must be in [2, 1024]");
  Type t = base.type().with_lanes(static_cast<std::uint16_t>(lanes));
  return make_expr_node(t, Ramp{std::move(base), std::move(stride), lanes});
}

Expr Broadcast::make(Expr value, int lanes) {
  check_defined(value, "Broadcast", "value");
  check(value.type().is_scalar(), "Broadcast: value must be a scalar");
  check(lanes >= 2 && lanes <= 1024, "Broadcast: lanes must be in [2, 1024]");
  Type t = value.type().with_lanes(static_cast<std::uint16_t>(lanes));
  return make_expr_node(t, Broadcast{std::move(value), lanes});
}

const std::vector<MathFunction>& known_math_functions() {
  static const std::vector<MathFunction> functions = {
      {"exp", 1},   {"exp2", 1},  {"log", 1},   {"log2", 1},  {"sqrt", 1},  {"rsqrt", 1},
      {"sin", 1},   {"cos", 1},   {"tan", 1},   {"tanh", 1},  {"erf", 1},   {"abs", 1},
      {"floor", 1}, {"ceil", 1},  {"round", 1}, {"trunc", 1}, {"recip", 1}, {"sigmoid", 1},
      {"pow", 2},   {"atan2", 2}, {"fmod", 2},  {"fma", 3},
  };
  return functions;
}

Expr Call::make(Type type, std::string function, std::vector<Expr> args) {
  const auto& known = known_math_functions();
  auto it = std::find_if(known.begin(), known.end(), [&](const MathFunction& f) { return f.name == function; });
  check(it != known.end(), "Call: unknown function `" + function + "`");
  check(static_cast<int>(args.size()) == it->arity,
        "Call " + function + ": expects " + std::to_string(it->arity) + " arguments, got " +
            std::to_string(args.size()));
  for (const Expr& a : args) {
    check_defined(a, "Call", "argument");
    check(a.type() == type, "Call " + function + ": argument of type " + to_string(a.type()) +
                                " differs from result type " + to_string(type));
  }
  return make_expr_node(type, Call{std::move(function), std::move(args)});
}

Expr Address::make(Type element_type, std::string buffer, std::vector<Expr> indices) {
  check(!buffer.empty(), "Address: empty buffer name");
  check_indices(indices, "Address");
  check(element_type.is_scalar(), "Address: element type must be scalar");
  return make_expr_node(element_type, Address{std::move(buffer), std::move(indices)});
}

Expr Hole::make_range(Type type, std::string name, Expr lo, Expr hi) {
  check(!name.empty(), "Hole: empty name");
  check_defined(lo, "Hole", "lo");
  check_defined(hi, "Hole", "hi");
  check(type.is_int() && lo.type() == type && hi.type() == type,
        "Hole ?" + name + ": a range hole needs integer bounds of its own type");
  return make_expr_node(type, Hole{std::move(name), std::move(lo), std::move(hi), {}});
}

Expr Hole::make_choice(Type type, std::string name, std::vector<Expr> choices) {
  check(!name.empty(), "Hole: empty name");
  check(!choices.empty(), "Hole ?" + name + ": no choices");
  for (const Expr& c : choices) {
    check_defined(c, "Hole", "choice");
    check(c.type() == type, "Hole ?" + name + ": choice of type " + to_string(c.type()) +
                                " differs from " + to_string(type));
  }
  return make_expr_node(type, Hole{std::move(name), Expr(), Expr(), std::move(choices)});
}

Expr make_int(std::int64_t value, Type type) { return IntImm::make(type, value); }
Expr make_float(double value, Type type) { return FloatImm::make(type, value); }
Expr make_bool(bool value) { return IntImm::make(Type::boolean(), value ? 1 : 0); }

const std::int64_t* as_const_int(const Expr& e) {
  const IntImm* imm = e.as<IntImm>();
  return imm ? &imm->value : nullptr;
}

} // namespace xir
