// Literals take the host type of the element: a double literal with f32 is a mistake.
#include "xir/builder.hpp"
using namespace xir::builder;
void mistake(Expr<f32> x) {
  auto y = x * 2.0; // error: double literal, f32 expression
  (void)y;
}
