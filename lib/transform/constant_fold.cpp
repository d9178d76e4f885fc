#include "constant_fold.hpp"

#include <cmath>
#include <limits>

namespace xir::transform {
namespace {

using Wide = __int128;

bool fits(Type t, Wide v) {
  if (t.is_bool())
    return v == 0 || v == 1;
  int bits = t.bits();
  if (t.is_unsigned_int())
    return v >= 0 && v < (Wide(1) << bits);
  return v >= -(Wide(1) << (bits - 1)) && v < (Wide(1) << (bits - 1));
}

// The C result of an integer operation whose exact value is `v`: in range, wrapped (unsigned,
// and i8/i16 that C computes in int and converts back), or unknown (i32/i64 overflow).
std::optional<Expr> integer_result(Type t, Wide v) {
  if (fits(t, v))
    return IntImm::make(t, static_cast<std::int64_t>(v));
  if (t.is_bool() || (t.is_signed_int() && t.bits() >= 32))
    return std::nullopt;
  Wide modulus = Wide(1) << t.bits();
  Wide wrapped = ((v % modulus) + modulus) % modulus;
  if (t.is_signed_int() && wrapped >= modulus / 2)
    wrapped -= modulus;
  return IntImm::make(t, static_cast<std::int64_t>(wrapped));
}

std::optional<Expr> fold_int(BinaryOp op, Type t, Wide x, Wide y) {
  switch (op) {
  case BinaryOp::Add:
    return integer_result(t, x + y);
  case BinaryOp::Sub:
    return integer_result(t, x - y);
  case BinaryOp::Mul:
    return integer_result(t, x * y);
  case BinaryOp::Div:
    if (y == 0)
      return std::nullopt;
    return integer_result(t, x / y);
  case BinaryOp::Mod:
    if (y == 0)
      return std::nullopt;
    return integer_result(t, x % y);
  case BinaryOp::Min:
    return integer_result(t, x < y ? x : y);
  case BinaryOp::Max:
    return integer_result(t, x > y ? x : y);
  case BinaryOp::EQ:
    return make_bool(x == y);
  case BinaryOp::NE:
    return make_bool(x != y);
  case BinaryOp::LT:
    return make_bool(x < y);
  case BinaryOp::LE:
    return make_bool(x <= y);
  case BinaryOp::GT:
    return make_bool(x > y);
  case BinaryOp::GE:
    return make_bool(x >= y);
  case BinaryOp::And:
    return make_bool(x && y);
  case BinaryOp::Or:
    return make_bool(x || y);
  case BinaryOp::BitAnd:
    return integer_result(t, x & y);
  case BinaryOp::BitOr:
    return integer_result(t, x | y);
  case BinaryOp::BitXor:
    return integer_result(t, x ^ y);
  case BinaryOp::Shl:
    if (y < 0 || y >= t.bits() || x < 0)
      return std::nullopt;
    return integer_result(t, x << static_cast<int>(y));
  case BinaryOp::Shr:
    if (y < 0 || y >= t.bits() || x < 0)
      return std::nullopt;
    return integer_result(t, x >> static_cast<int>(y));
  }
  return std::nullopt;
}

template <class Float> std::optional<Expr> fold_float(BinaryOp op, Type t, Float x, Float y) {
  auto result = [&](Float v) -> std::optional<Expr> {
    return FloatImm::make(t, static_cast<double>(v));
  };
  switch (op) {
  case BinaryOp::Add:
    return result(x + y);
  case BinaryOp::Sub:
    return result(x - y);
  case BinaryOp::Mul:
    return result(x * y);
  case BinaryOp::Div:
    if (y == 0)
      return std::nullopt;
    return result(x / y);
  case BinaryOp::Min:
    if (std::isnan(x) || std::isnan(y))
      return std::nullopt;
    return result(y < x ? y : x);
  case BinaryOp::Max:
    if (std::isnan(x) || std::isnan(y))
      return std::nullopt;
    return result(x < y ? y : x);
  case BinaryOp::EQ:
    return make_bool(x == y);
  case BinaryOp::NE:
    return make_bool(x != y);
  case BinaryOp::LT:
    return make_bool(x < y);
  case BinaryOp::LE:
    return make_bool(x <= y);
  case BinaryOp::GT:
    return make_bool(x > y);
  case BinaryOp::GE:
    return make_bool(x >= y);
  default:
    return std::nullopt;
  }
}

bool is_exact_float(double v) {
  return std::isnan(v) || static_cast<double>(static_cast<float>(v)) == v;
}

std::optional<Expr> fold_scalar_binary(BinaryOp op, const Expr& a, const Expr& b) {
  Type t = a.type();
  if (const IntImm* x = a.as<IntImm>())
    if (const IntImm* y = b.as<IntImm>())
      return fold_int(op, t, x->value, y->value);
  const FloatImm* x = a.as<FloatImm>();
  const FloatImm* y = b.as<FloatImm>();
  if (!x || !y)
    return std::nullopt;
  if (t.kind == ScalarKind::F64)
    return fold_float<double>(op, t, x->value, y->value);
  if (t.kind == ScalarKind::F32 && is_exact_float(x->value) && is_exact_float(y->value))
    return fold_float<float>(op, t, static_cast<float>(x->value), static_cast<float>(y->value));
  return std::nullopt;
}

// The scalar inside an immediate or a broadcast of one, and the broadcast's lanes.
std::pair<Expr, int> scalar_of(const Expr& e) {
  if (const Broadcast* b = e.as<Broadcast>())
    return {b->value, b->lanes};
  return {e, 1};
}

Expr with_lanes(const Expr& scalar, int lanes) {
  return lanes == 1 ? scalar : Broadcast::make(scalar, lanes);
}

} // namespace

std::optional<Expr> fold_binary(BinaryOp op, const Expr& a, const Expr& b) {
  auto [sa, lanes_a] = scalar_of(a);
  auto [sb, lanes_b] = scalar_of(b);
  if (lanes_a != lanes_b)
    return std::nullopt;
  std::optional<Expr> folded = fold_scalar_binary(op, sa, sb);
  if (!folded)
    return std::nullopt;
  return with_lanes(*folded, lanes_a);
}

std::optional<Expr> fold_unary(UnaryOp op, const Expr& a) {
  auto [scalar, lanes] = scalar_of(a);
  Type t = scalar.type();
  std::optional<Expr> folded;
  if (const IntImm* x = scalar.as<IntImm>()) {
    Wide v = x->value;
    switch (op) {
    case UnaryOp::Neg:
      folded = integer_result(t, -v);
      break;
    case UnaryOp::Not:
      folded = make_bool(v == 0);
      break;
    case UnaryOp::BitNot:
      folded = integer_result(t, ~v);
      break;
    }
  } else if (const FloatImm* f = scalar.as<FloatImm>()) {
    if (op == UnaryOp::Neg)
      folded = FloatImm::make(t, -f->value); // exact in every format
  }
  if (!folded)
    return std::nullopt;
  return with_lanes(*folded, lanes);
}

std::optional<Expr> fold_cast(Type type, const Expr& value) {
  auto [scalar, lanes] = scalar_of(value);
  Type to = type.element_of();
  std::optional<Expr> folded;
  if (const IntImm* x = scalar.as<IntImm>()) {
    if (to.is_bool())
      folded = make_bool(x->value != 0);
    else if (to.is_int())
      folded = integer_result(to, x->value);
    else if (to.kind == ScalarKind::F64)
      folded = FloatImm::make(to, static_cast<double>(x->value));
    else if (to.kind == ScalarKind::F32)
      folded = FloatImm::make(to, static_cast<double>(static_cast<float>(x->value)));
  } else if (const FloatImm* f = scalar.as<FloatImm>()) {
    Type from = scalar.type();
    double v = f->value;
    bool known_format = from.kind == ScalarKind::F32 || from.kind == ScalarKind::F64;
    if (!known_format)
      return std::nullopt;
    if (to.is_bool()) {
      folded = make_bool(v != 0);
    } else if (to.is_int()) {
      // Defined in C only when the truncated value fits the target.
      if (std::isfinite(v) && std::fabs(v) < 1e19 && fits(to, static_cast<Wide>(std::trunc(v))))
        folded = IntImm::make(to, static_cast<std::int64_t>(std::trunc(v)));
    } else if (to.kind == ScalarKind::F64) {
      folded = FloatImm::make(to, v);
    } else if (to.kind == ScalarKind::F32) {
      if (!std::isfinite(v) || std::fabs(v) <= std::numeric_limits<float>::max())
        folded = FloatImm::make(to, static_cast<double>(static_cast<float>(v)));
    }
  }
  if (!folded)
    return std::nullopt;
  return with_lanes(*folded, lanes);
}

std::optional<std::int64_t> constant_int(const Expr& e) {
  auto [scalar, lanes] = scalar_of(e);
  if (const IntImm* imm = scalar.as<IntImm>())
    return imm->value;
  return std::nullopt;
}

Expr make_constant(Type type, std::int64_t value) {
  Expr scalar = type.is_float() ? FloatImm::make(type.element_of(), static_cast<double>(value))
                                : IntImm::make(type.element_of(), value);
  return with_lanes(scalar, type.lanes);
}

} // namespace xir::transform
