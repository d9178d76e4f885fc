// Mixing element types in arithmetic must not compile.
#include "xir/builder.hpp"
using namespace xir::builder;
void mistake(Expr<f32> x, Expr<i32> i) {
  auto sum = x + i; // error: f32 + i32
  (void)sum;
}
