#pragma once
// simplify: constant folding and algebraic identities that keep C semantics exactly.
//
// - Integer arithmetic folds in the type's width: unsigned wraps, i8/i16 wrap (C computes them
//   in int and converts back), i32/i64 results that overflow are left unfolded (undefined in C),
//   as are division or remainder by zero and shifts by a negative amount or by the width or more.
//   Division and remainder truncate toward zero.
// - f32 and f64 arithmetic folds in that precision; f16/bf16 arithmetic is left alone, and so
//   is anything whose result would depend on NaN handling (min, max) or a division by zero.
// - Identities: x+0, x-0, x*1, x/1, x*0 and x%1 for integers, x-x for integers, x*1 and x/1 for
//   floats, min/max(x, x), &&/|| with a constant, !!x, -(-x), casts to the same type, select
//   with a constant condition or equal branches; constants broadcast to vectors fold too.
// - Statements: if with a constant condition, loops of constant extent <= 0 (removed) or 1
//   (replaced by a let of the variable, unless the loop is bound to a hardware axis: that would
//   change the launch configuration), lets of constants (substituted), lets whose variable is
//   unused, nested and empty blocks.

#include "xir/ir/kernel.hpp"

namespace xir {

Expr simplify(const Expr& expr);
/// Repeats until nothing changes or `max_iterations` rounds ran.
Stmt simplify(const Stmt& stmt, int max_iterations = 8);
Kernel simplify(const Kernel& kernel, int max_iterations = 8);

} // namespace xir
