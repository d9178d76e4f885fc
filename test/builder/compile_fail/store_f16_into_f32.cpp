// A load from BufferRef<f16> is Expr<f16>: storing it into an f32 buffer needs a cast.
#include "xir/builder.hpp"
using namespace xir::builder;
void mistake(KernelBuilder& k) {
  auto h = k.buffer<f16>("h", {4});
  auto f = k.buffer<f32>("f", {4});
  f(0) = h(0); // error: f16 into f32
}
