#pragma once
// Typed expressions of the template builder. Every expression object carries its element type
// in `element` and lowers to the plain IR with `lower()`; operators build expression-template
// nodes and only accept operands of one element type, so `Expr<f32> + Expr<i32>` does not
// compile, comparisons give `bool` elements, and conditions must be `bool`.

#include <string>
#include <type_traits>
#include <utility>

#include "xir/builder/element.hpp"
#include "xir/ir/expr.hpp"

namespace xir::builder {

template <class E> concept TypedExpr = requires(const E& e) {
  requires Element<typename E::element>;
  { e.lower() } -> std::same_as<::xir::Expr>;
};
template <TypedExpr E> using element_t = typename E::element;
template <class E, class T> concept ExprOf = TypedExpr<E> && std::same_as<element_t<E>, T>;

template <Element T> ::xir::Expr constant(host_of<T> value) {
  constexpr Type type = element_traits<T>::type;
  if constexpr (type.is_float()) return make_float(static_cast<double>(value), type);
  else return make_int(static_cast<std::int64_t>(value), type);
}

/// A lowered expression of element T: a variable, a constant, or any expression converted to it.
template <Element T> class Expr {
public:
  using element = T;
  explicit Expr(::xir::Expr ir) : ir_(std::move(ir)) {}
  template <class L>
    requires std::same_as<L, host_of<T>>
  Expr(L literal) : ir_(constant<T>(literal)) {}
  template <TypedExpr E>
    requires std::same_as<element_t<E>, T> && (!std::same_as<E, Expr>)
  Expr(const E& e) : ir_(e.lower()) {}

  ::xir::Expr lower() const { return ir_; }

private:
  ::xir::Expr ir_;
};

template <Element T> Expr<T> var(std::string name) {
  return Expr<T>(Var::make(element_traits<T>::type, std::move(name)));
}
template <Element T> Expr<T> lit(host_of<T> value) { return Expr<T>(constant<T>(value)); }

template <BinaryOp Op, TypedExpr A, TypedExpr B> struct BinaryExpr {
  using element = std::conditional_t<is_comparison(Op), with_lanes<bool, lanes_of<element_t<A>>>, element_t<A>>;
  A a;
  B b;
  ::xir::Expr lower() const { return Binary::make(Op, a.lower(), b.lower()); }
};

template <UnaryOp Op, TypedExpr A> struct UnaryExpr {
  using element = element_t<A>;
  A a;
  ::xir::Expr lower() const { return Unary::make(Op, a.lower()); }
};

template <TypedExpr C, TypedExpr A, TypedExpr B> struct SelectExpr {
  using element = element_t<A>;
  C condition;
  A a;
  B b;
  ::xir::Expr lower() const { return Select::make(condition.lower(), a.lower(), b.lower()); }
};

template <Element T, TypedExpr A> struct CastExpr {
  using element = T;
  A a;
  ::xir::Expr lower() const { return Cast::make(element_traits<T>::type, a.lower()); }
};

template <TypedExpr A> struct CallExpr1 {
  using element = element_t<A>;
  const char* function;
  A a;
  ::xir::Expr lower() const { return Call::make(element_traits<element>::type, function, {a.lower()}); }
};

template <TypedExpr A, TypedExpr B> struct CallExpr2 {
  using element = element_t<A>;
  const char* function;
  A a;
  B b;
  ::xir::Expr lower() const { return Call::make(element_traits<element>::type, function, {a.lower(), b.lower()}); }
};

// An operand: an expression, or a literal of the other operand's host type.
template <class T, class L> concept LiteralOf = Element<T> && std::same_as<L, host_of<T>>;

#define XIR_BUILDER_BINARY(OP, NODE, REQUIREMENT)                                                  \
  template <TypedExpr A, TypedExpr B>                                                              \
    requires std::same_as<element_t<A>, element_t<B>> && REQUIREMENT<element_t<A>>                 \
  auto operator OP(const A& a, const B& b) {                                                       \
    return BinaryExpr<NODE, A, B>{a, b};                                                           \
  }                                                                                                \
  template <TypedExpr A, class L>                                                                  \
    requires LiteralOf<element_t<A>, L> && REQUIREMENT<element_t<A>>                               \
  auto operator OP(const A& a, L b) {                                                              \
    return BinaryExpr<NODE, A, Expr<element_t<A>>>{a, Expr<element_t<A>>(b)};                      \
  }                                                                                                \
  template <class L, TypedExpr B>                                                                  \
    requires LiteralOf<element_t<B>, L> && REQUIREMENT<element_t<B>>                               \
  auto operator OP(L a, const B& b) {                                                              \
    return BinaryExpr<NODE, Expr<element_t<B>>, B>{Expr<element_t<B>>(a), b};                     \
  }

template <class T> concept Arithmetic = NumberElement<scalar_of<T>>;
template <class T> concept Integral = IntElement<scalar_of<T>>;
template <class T> concept Boolean = BoolElement<scalar_of<T>>;
template <class T> concept Comparable = Element<T>;

XIR_BUILDER_BINARY(+, BinaryOp::Add, Arithmetic)
XIR_BUILDER_BINARY(-, BinaryOp::Sub, Arithmetic)
XIR_BUILDER_BINARY(*, BinaryOp::Mul, Arithmetic)
XIR_BUILDER_BINARY(/, BinaryOp::Div, Arithmetic)
XIR_BUILDER_BINARY(%, BinaryOp::Mod, Arithmetic)
XIR_BUILDER_BINARY(<, BinaryOp::LT, Arithmetic)
XIR_BUILDER_BINARY(<=, BinaryOp::LE, Arithmetic)
XIR_BUILDER_BINARY(>, BinaryOp::GT, Arithmetic)
XIR_BUILDER_BINARY(>=, BinaryOp::GE, Arithmetic)
XIR_BUILDER_BINARY(==, BinaryOp::EQ, Comparable)
XIR_BUILDER_BINARY(!=, BinaryOp::NE, Comparable)
XIR_BUILDER_BINARY(&&, BinaryOp::And, Boolean)
XIR_BUILDER_BINARY(||, BinaryOp::Or, Boolean)
XIR_BUILDER_BINARY(&, BinaryOp::BitAnd, Integral)
XIR_BUILDER_BINARY(|, BinaryOp::BitOr, Integral)
XIR_BUILDER_BINARY(^, BinaryOp::BitXor, Integral)
XIR_BUILDER_BINARY(<<, BinaryOp::Shl, Integral)
XIR_BUILDER_BINARY(>>, BinaryOp::Shr, Integral)
#undef XIR_BUILDER_BINARY

template <TypedExpr A> requires Arithmetic<element_t<A>> auto operator-(const A& a) {
  return UnaryExpr<UnaryOp::Neg, A>{a};
}
template <TypedExpr A> requires Boolean<element_t<A>> auto operator!(const A& a) {
  return UnaryExpr<UnaryOp::Not, A>{a};
}
template <TypedExpr A> requires Integral<element_t<A>> auto operator~(const A& a) {
  return UnaryExpr<UnaryOp::BitNot, A>{a};
}

template <TypedExpr A, TypedExpr B>
  requires std::same_as<element_t<A>, element_t<B>> && Arithmetic<element_t<A>>
auto min(const A& a, const B& b) { return BinaryExpr<BinaryOp::Min, A, B>{a, b}; }
template <TypedExpr A, TypedExpr B>
  requires std::same_as<element_t<A>, element_t<B>> && Arithmetic<element_t<A>>
auto max(const A& a, const B& b) { return BinaryExpr<BinaryOp::Max, A, B>{a, b}; }

/// `condition ? a : b`; the condition is bool (one lane, or as many lanes as the values).
template <TypedExpr C, TypedExpr A, TypedExpr B>
  requires Boolean<element_t<C>> && std::same_as<element_t<A>, element_t<B>> &&
           (lanes_of<element_t<C>> == 1 || lanes_of<element_t<C>> == lanes_of<element_t<A>>)
auto select(const C& condition, const A& a, const B& b) {
  return SelectExpr<C, A, B>{condition, a, b};
}

/// Conversion to element T (lane counts must agree).
template <Element T, TypedExpr A>
  requires(lanes_of<T> == lanes_of<element_t<A>>)
auto cast(const A& a) { return CastExpr<T, A>{a}; }

#define XIR_BUILDER_MATH1(NAME)                                                                    \
  template <TypedExpr A> requires FloatElement<scalar_of<element_t<A>>> auto NAME(const A& a) {    \
    return CallExpr1<A>{#NAME, a};                                                                 \
  }
XIR_BUILDER_MATH1(exp) XIR_BUILDER_MATH1(exp2) XIR_BUILDER_MATH1(log) XIR_BUILDER_MATH1(log2)
XIR_BUILDER_MATH1(sqrt) XIR_BUILDER_MATH1(rsqrt) XIR_BUILDER_MATH1(sin) XIR_BUILDER_MATH1(cos)
XIR_BUILDER_MATH1(tanh) XIR_BUILDER_MATH1(erf) XIR_BUILDER_MATH1(abs) XIR_BUILDER_MATH1(floor)
XIR_BUILDER_MATH1(ceil) XIR_BUILDER_MATH1(recip) XIR_BUILDER_MATH1(sigmoid)
#undef XIR_BUILDER_MATH1
template <TypedExpr A, TypedExpr B>
  requires std::same_as<element_t<A>, element_t<B>> && FloatElement<scalar_of<element_t<A>>>
auto pow(const A& a, const B& b) { return CallExpr2<A, B>{"pow", a, b}; }

/// The vector `base, base + stride, ...` of N lanes.
template <int N, TypedExpr A> requires IntElement<element_t<A>> auto ramp(const A& base, host_of<element_t<A>> stride = 1) {
  return Expr<vec<element_t<A>, N>>(Ramp::make(base.lower(), constant<element_t<A>>(stride), N));
}
/// N copies of a scalar.
template <int N, TypedExpr A> requires(lanes_of<element_t<A>> == 1) auto broadcast(const A& value) {
  return Expr<vec<element_t<A>, N>>(Broadcast::make(value.lower(), N));
}

} // namespace xir::builder
