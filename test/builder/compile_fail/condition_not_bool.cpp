// A branch condition must be Expr<bool>.
#include "xir/builder.hpp"
using namespace xir::builder;
void mistake(KernelBuilder& k, Expr<i32> i) {
  k.if_(i + 1, [] {}); // error: i32 condition
}
