#include "definitions.hpp"

namespace xir::reference {

using Halide::Expr;

// out[b, q, h*d + c] = sum_{l,p} attn[b,q,h,l,p] * bilinear sample of value's level l at
// (loc_x * W_l - 0.5, loc_y * H_l - 0.5), neighbours outside the level reading zero.
Halide::Func define_deformable(const Operands& in) {
  const Halide::Var b("b"), q("q"), j("j");
  const Expr channels = in.extent("value", 3);
  const Expr positions = in.extent("value", 1);
  const Expr h = j / channels, c = j % channels;
  const Halide::RDom r(0, in.extent("loc", 4), 0, in.extent("loc", 3), "r");
  const Expr p = r.x, level = r.y;
  const Expr height = Halide::cast<int>(in.raw("shapes", {level, 0}));
  const Expr width = Halide::cast<int>(in.raw("shapes", {level, 1}));
  const Expr start = Halide::cast<int>(in.raw("starts", {level}));
  const Expr x =
      in.at("loc", {b, q, h, level, p, 0}) * Halide::cast(in.compute_type(), width) - 0.5f;
  const Expr y =
      in.at("loc", {b, q, h, level, p, 1}) * Halide::cast(in.compute_type(), height) - 0.5f;
  const Expr x0 = Halide::cast<int>(Halide::floor(x)), y0 = Halide::cast<int>(Halide::floor(y));
  const Expr fx = x - Halide::cast(in.compute_type(), x0),
             fy = y - Halide::cast(in.compute_type(), y0);
  auto sample = [&](const Expr& xi, const Expr& yi) {
    const Expr inside = xi >= 0 && xi < width && yi >= 0 && yi < height;
    const Expr position = Halide::clamp(start + yi * width + xi, 0, positions - 1);
    return Halide::select(inside, in.at("value", {b, position, h, c}), in.constant(0));
  };
  const Expr bilinear = (1 - fx) * (1 - fy) * sample(x0, y0) + fx * (1 - fy) * sample(x0 + 1, y0) +
                        (1 - fx) * fy * sample(x0, y0 + 1) + fx * fy * sample(x0 + 1, y0 + 1);
  Halide::Func out("out");
  define(out, {b, q, j}, Halide::sum(in.at("attn", {b, q, h, level, p}) * bilinear));
  return out;
}

} // namespace xir::reference
