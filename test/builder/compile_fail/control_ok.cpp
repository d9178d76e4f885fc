// The control: the same constructs used correctly compile with the same command line.
#include "xir/builder.hpp"
using namespace xir::builder;
void correct(KernelBuilder& k, Expr<f32> x, Expr<i32> i) {
  auto h = k.buffer<f16>("h", {4});
  auto f = k.buffer<f32>("f", {4});
  f(0) = cast<f32>(h(0)) + x * 2.0f;
  k.if_(i + 1 < 3, [&] { f(i) = exp(x); });
  auto sum = x + cast<f32>(i);
  (void)sum;
}
