#include "definitions.hpp"

namespace xir::reference {

using Halide::Expr;

namespace {

Halide::Func gate_mlp(const Operands& in) {
  const Halide::Var m("m"), n("n");
  const Halide::RDom k(0, in.extent("X", 1), "k");
  Halide::Func gate("gate"), up("up"), y("Y");
  define(gate, {m, n}, Halide::sum(in.at("X", {m, k}) * in.at("Wg", {k, n})));
  define(up, {m, n}, Halide::sum(in.at("X", {m, k}) * in.at("Wu", {k, n})));
  const Expr g = call(gate, {m, n});
  define(y, {m, n}, g / (1 + Halide::exp(-g)) * call(up, {m, n}));
  gate.compute_root();
  up.compute_root();
  return y;
}

} // namespace

Halide::Func define_linear_algebra(const Operands& in) {
  const std::string& family = in.spec().family;
  if (family == "gatemlp")
    return gate_mlp(in);
  const Halide::Var b("b"), m("m"), n("n");
  Halide::Func out(family);
  if (family == "gemm") {
    const Halide::RDom k(0, in.extent("A", 1), "k");
    define(out, {m, n}, Halide::sum(in.at("A", {m, k}) * in.at("B", {k, n})));
  } else if (family == "gemv") {
    const Halide::RDom k(0, in.extent("A", 1), "k");
    define(out, {m}, Halide::sum(in.at("A", {m, k}) * in.at("x", {k})));
  } else if (family == "bmm") {
    const Halide::RDom k(0, in.extent("A", 2), "k");
    define(out, {b, m, n}, Halide::sum(in.at("A", {b, m, k}) * in.at("B", {b, k, n})));
  } else if (family == "dense") {
    const Halide::RDom k(0, in.extent("X", 1), "k");
    define(out, {m, n}, Halide::sum(in.at("X", {m, k}) * in.at("W", {n, k})) + in.at("bias", {n}));
  }
  return out;
}

} // namespace xir::reference
