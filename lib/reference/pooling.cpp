#include "definitions.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference {

Halide::Func define_pooling(const Operands& in) {
  const std::string& family = in.spec().family;
  const auto [kernel_value, stride_value] = spec::pool_params(in.spec());
  const auto kernel = static_cast<int>(kernel_value), stride = static_cast<int>(stride_value);
  const Halide::Var n("n"), oh("oh"), ow("ow"), c("c");
  const Halide::RDom r(0, kernel, 0, kernel, "r");
  const Halide::Expr x = in.at("X", {n, oh * stride + r.x, ow * stride + r.y, c});
  Halide::Expr value;
  if (family == "maxpool")
    value = Halide::maximum(x);
  if (family == "minpool")
    value = Halide::minimum(x);
  if (family == "sumpool")
    value = Halide::sum(x);
  if (family == "avgpool")
    value = Halide::sum(x) / in.constant(kernel * kernel);
  Halide::Func y("Y");
  define(y, {n, oh, ow, c}, value);
  return y;
}

} // namespace xir::reference
