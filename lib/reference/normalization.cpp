#include "definitions.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference {

using Halide::Expr;

namespace {

// layernorm / rmsnorm: statistics over the last axis of X[..., n].
Halide::Func normalize_last_axis(const Operands& in, const Expr& eps) {
  const bool rms = in.spec().family == "rmsnorm";
  const auto vars = make_vars(static_cast<std::size_t>(in.rank("X")), "i");
  const auto rows = std::vector<Halide::Var>(vars.begin(), vars.end() - 1);
  const Halide::Var i = vars.back();
  const Expr n = Halide::cast(in.compute_type(), in.extent("X", in.rank("X") - 1));
  const Halide::RDom k(0, in.extent("X", in.rank("X") - 1), "k");
  Index row_k = as_index(rows);
  row_k.push_back(k);
  Halide::Func y("Y");
  const Expr x = in.at("X", as_index(vars));
  if (rms) {
    Halide::Func mean_square("mean_square");
    const Expr xk = in.at("X", row_k);
    define(mean_square, rows, Halide::sum(xk * xk) / n);
    mean_square.compute_root();
    define(y, vars,
           x / Halide::sqrt(call(mean_square, as_index(rows)) + eps) * in.at("gamma", {i}));
    return y;
  }
  Halide::Func mean("mean"), variance("variance");
  define(mean, rows, Halide::sum(in.at("X", row_k)) / n);
  const Expr centered_k = in.at("X", row_k) - call(mean, as_index(rows));
  define(variance, rows, Halide::sum(centered_k * centered_k) / n);
  mean.compute_root();
  variance.compute_root();
  const Expr normalized =
      (x - call(mean, as_index(rows))) / Halide::sqrt(call(variance, as_index(rows)) + eps);
  define(y, vars, normalized * in.at("gamma", {i}) + in.at("beta", {i}));
  return y;
}

// instancenorm: statistics over H, W of X[N,C,H,W] per (n, c).
Halide::Func instance_norm(const Operands& in, const Expr& eps) {
  const Halide::Var n("n"), c("c"), h("h"), w("w");
  const Halide::RDom r(0, in.extent("X", 2), 0, in.extent("X", 3), "r");
  const Expr count = Halide::cast(in.compute_type(), in.extent("X", 2) * in.extent("X", 3));
  Halide::Func mean("mean"), variance("variance"), y("Y");
  define(mean, {n, c}, Halide::sum(in.at("X", {n, c, r.x, r.y})) / count);
  const Expr centered = in.at("X", {n, c, r.x, r.y}) - call(mean, {n, c});
  define(variance, {n, c}, Halide::sum(centered * centered) / count);
  mean.compute_root();
  variance.compute_root();
  const Expr normalized =
      (in.at("X", {n, c, h, w}) - call(mean, {n, c})) / Halide::sqrt(call(variance, {n, c}) + eps);
  define(y, {n, c, h, w}, normalized * in.at("gamma", {c}) + in.at("beta", {c}));
  return y;
}

} // namespace

Halide::Func define_normalization(const Operands& in) {
  const std::string& family = in.spec().family;
  const Expr eps = in.constant(spec::epsilon(in.spec()));
  if (family == "instancenorm")
    return instance_norm(in, eps);
  if (family != "batchnorm")
    return normalize_last_axis(in, eps);
  const Halide::Var n("n"), c("c"), h("h"), w("w");
  const Expr normalized =
      (in.at("X", {n, c, h, w}) - in.at("mean", {c})) / Halide::sqrt(in.at("var", {c}) + eps);
  Halide::Func y("Y");
  define(y, {n, c, h, w}, normalized * in.at("gamma", {c}) + in.at("beta", {c}));
  return y;
}

} // namespace xir::reference
