#include <cmath>
#include <numbers>

#include "definitions.hpp"

namespace xir::reference {

using Halide::Expr;

namespace {

Expr gelu_tanh(const Operands& in, const Expr& a) {
  const Expr sqrt_2_over_pi = in.constant(std::sqrt(2.0 / std::numbers::pi));
  return in.constant(0.5) * a *
         (1 + Halide::tanh(sqrt_2_over_pi * (a + in.constant(0.044715) * a * a * a)));
}

} // namespace

Halide::Func define_elementwise(const Operands& in) {
  const std::string& family = in.spec().family;
  const auto vars = make_vars(static_cast<std::size_t>(in.rank("A")), "i");
  const Expr a = in.at("A", as_index(vars));
  const Expr zero = in.constant(0), one = in.constant(1);
  Expr value;
  if (family == "add")
    value = a + in.at("B", as_index(vars));
  if (family == "sub")
    value = a - in.at("B", as_index(vars));
  if (family == "sign")
    value = Halide::select(a > zero, one, a < zero, in.constant(-1), zero);
  if (family == "relu")
    value = Halide::max(a, zero);
  if (family == "sin")
    value = Halide::sin(a);
  if (family == "sigmoid")
    value = one / (one + Halide::exp(-a));
  if (family == "gelu")
    value = gelu_tanh(in, a);
  Halide::Func c("C");
  define(c, vars, value);
  return c;
}

} // namespace xir::reference
