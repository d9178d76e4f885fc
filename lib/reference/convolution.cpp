#include "definitions.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference {

Halide::Func define_convolution(const Operands& in) {
  const std::string& family = in.spec().family;
  Halide::Func y(family);
  if (family == "conv1d") {
    const Halide::Var i("i");
    const Halide::RDom j(0, in.extent("w", 0), "j");
    define(y, {i}, Halide::sum(in.at("x", {i + j}) * in.at("w", {j})));
    return y;
  }
  const auto [stride_value, padding_value] = spec::convolution_params(in.spec());
  const auto stride = static_cast<int>(stride_value), padding = static_cast<int>(padding_value);
  const Halide::Var n("n"), oh("oh"), ow("ow"), f("f"), c("c");
  if (family == "conv2d") { // X[N,H,W,C], W[KH,KW,C,F]
    const Halide::RDom r(0, in.extent("W", 0), 0, in.extent("W", 1), 0, in.extent("W", 2), "r");
    const Halide::Expr x =
        in.zero_padded("X", {n, oh * stride + r.x - padding, ow * stride + r.y - padding, r.z});
    define(y, {n, oh, ow, f}, Halide::sum(x * in.at("W", {r.x, r.y, r.z, f})));
  } else if (family == "conv2dnchw") { // X[N,C,H,W], W[F,C,KH,KW]
    const Halide::RDom r(0, in.extent("W", 1), 0, in.extent("W", 2), 0, in.extent("W", 3), "r");
    const Halide::Expr x =
        in.zero_padded("X", {n, r.x, oh * stride + r.y - padding, ow * stride + r.z - padding});
    define(y, {n, f, oh, ow}, Halide::sum(x * in.at("W", {f, r.x, r.y, r.z})));
  } else { // depthwiseconv: X[H,W,C], W[k,k,C]
    const Halide::RDom r(0, in.extent("W", 0), 0, in.extent("W", 1), "r");
    const Halide::Expr x =
        in.zero_padded("X", {oh * stride + r.x - padding, ow * stride + r.y - padding, c});
    define(y, {oh, ow, c}, Halide::sum(x * in.at("W", {r.x, r.y, c})));
  }
  return y;
}

} // namespace xir::reference
