#pragma once
// Expressions: immutable nodes behind a shared handle. Each node is a plain struct whose fields are
// reflected with Boost.Hana (printing, equality, hashing and traversal are written once, in
// reflect.hpp, visitor.hpp and mutator.hpp), plus a static `make` that checks its invariants.

#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "xir/ir/enums.hpp"
#include "xir/ir/type.hpp"

namespace xir {

struct ExprNode;

/// A shared, immutable expression. Default-constructed handles are undefined (no expression).
class Expr {
public:
  Expr() = default;
  explicit Expr(std::shared_ptr<const ExprNode> node) : node_(std::move(node)) {}

  bool defined() const { return node_ != nullptr; }
  const ExprNode& node() const { return *node_; }
  const ExprNode* get() const { return node_.get(); }
  inline Type type() const;
  /// The node as `T`, or nullptr when it is another kind of node.
  template <class T> const T* as() const;
  /// Same object (not structural equality: see structurally_equal).
  bool same_as(const Expr& other) const { return node_ == other.node_; }

private:
  std::shared_ptr<const ExprNode> node_;
};

/// A constant integer or boolean.
struct IntImm {
  BOOST_HANA_DEFINE_STRUCT(IntImm, (std::int64_t, value));
  static Expr make(Type type, std::int64_t value);
};

/// A constant floating-point number.
struct FloatImm {
  BOOST_HANA_DEFINE_STRUCT(FloatImm, (double, value));
  static Expr make(Type type, double value);
};

/// A named scalar: a loop variable, a let binding or a kernel's scalar parameter.
struct Var {
  BOOST_HANA_DEFINE_STRUCT(Var, (std::string, name));
  static Expr make(Type type, std::string name);
};

/// `a op b` on operands of one type; comparisons give bool.
struct Binary {
  BOOST_HANA_DEFINE_STRUCT(Binary, (BinaryOp, op), (Expr, a), (Expr, b));
  static Expr make(BinaryOp op, Expr a, Expr b);
};

/// `op a`.
struct Unary {
  BOOST_HANA_DEFINE_STRUCT(Unary, (UnaryOp, op), (Expr, a));
  static Expr make(UnaryOp op, Expr a);
};

/// `condition ? true_value : false_value`, evaluating only the chosen side.
struct Select {
  BOOST_HANA_DEFINE_STRUCT(Select, (Expr, condition), (Expr, true_value), (Expr, false_value));
  static Expr make(Expr condition, Expr true_value, Expr false_value);
};

/// Conversion of `value` to the node's type (C rules; f16/bf16 round to nearest even).
struct Cast {
  BOOST_HANA_DEFINE_STRUCT(Cast, (Expr, value));
  static Expr make(Type type, Expr value);
};

/// Read of `buffer[indices...]`; a vector index (a Ramp) reads several lanes.
struct Load {
  BOOST_HANA_DEFINE_STRUCT(Load, (std::string, buffer), (std::vector<Expr>, indices));
  static Expr make(Type type, std::string buffer, std::vector<Expr> indices);
};

/// The vector `base, base + stride, ..., base + (lanes-1) stride`.
struct Ramp {
  BOOST_HANA_DEFINE_STRUCT(Ramp, (Expr, base), (Expr, stride), (int, lanes));
  static Expr make(Expr base, Expr stride, int lanes);
};

/// The vector of `lanes` copies of a scalar.
struct Broadcast {
  BOOST_HANA_DEFINE_STRUCT(Broadcast, (Expr, value), (int, lanes));
  static Expr make(Expr value, int lanes);
};

/// A pure math function (`exp`, `sqrt`, `tanh`, ...; see known_math_functions()).
struct Call {
  BOOST_HANA_DEFINE_STRUCT(Call, (std::string, function), (std::vector<Expr>, args));
  static Expr make(Type type, std::string function, std::vector<Expr> args);
};

/// The address of `buffer[indices...]`: an operand of an intrinsic call (its type is the element type).
struct Address {
  BOOST_HANA_DEFINE_STRUCT(Address, (std::string, buffer), (std::vector<Expr>, indices));
  static Expr make(Type element_type, std::string buffer, std::vector<Expr> indices);
};

/// A hole of a sketch, `?name : type in [lo, hi)` or `?name : type in {c0, c1, ...}`, filled by synthesis.
struct Hole {
  BOOST_HANA_DEFINE_STRUCT(Hole, (std::string, name), (Expr, lo), (Expr, hi), (std::vector<Expr>, choices));
  static Expr make_range(Type type, std::string name, Expr lo, Expr hi);
  static Expr make_choice(Type type, std::string name, std::vector<Expr> choices);
};

// Every expression node, once; used to declare the variant and the visitor/mutator methods.
#define XIR_FOR_EACH_EXPR_NODE(X)                                                                  \
  X(IntImm) X(FloatImm) X(Var) X(Binary) X(Unary) X(Select) X(Cast) X(Load) X(Ramp) X(Broadcast)   \
  X(Call) X(Address) X(Hole)

using ExprVariant = std::variant<IntImm, FloatImm, Var, Binary, Unary, Select, Cast, Load, Ramp,
                                 Broadcast, Call, Address, Hole>;
#define XIR_COUNT_NODE(N) +1
static_assert(std::variant_size_v<ExprVariant> == 0 XIR_FOR_EACH_EXPR_NODE(XIR_COUNT_NODE),
              "ExprVariant and XIR_FOR_EACH_EXPR_NODE must list the same nodes");

/// The storage behind an Expr: its type and its node.
struct ExprNode {
  Type type;
  ExprVariant node;
};

/// Wraps a node without checks; `make` functions and generic mutators use it.
template <class Node> Expr make_expr_node(Type type, Node node) {
  return Expr(std::make_shared<const ExprNode>(ExprNode{type, ExprVariant(std::move(node))}));
}

inline Type Expr::type() const { return node_->type; }
template <class T> const T* Expr::as() const {
  return node_ ? std::get_if<T>(&node_->node) : nullptr;
}

/// Names Call accepts, with their arity: exp log sqrt rsqrt sin cos tanh erf fabs floor ceil pow fma ...
struct MathFunction {
  std::string_view name;
  int arity;
};
const std::vector<MathFunction>& known_math_functions();

// Shorthands for constants.
Expr make_int(std::int64_t value, Type type = Type::i32());
Expr make_float(double value, Type type = Type::f32());
Expr make_bool(bool value);
/// The constant value of an integer immediate, or nullptr.
const std::int64_t* as_const_int(const Expr& e);
/// The pointer would point into a temporary destroyed at the end of the full expression.
const std::int64_t* as_const_int(Expr&& e) = delete;

} // namespace xir
