// Math functions take float elements.
#include "xir/builder.hpp"
using namespace xir::builder;
void mistake(Expr<i32> i) {
  auto e = exp(i); // error: exp of i32
  (void)e;
}
