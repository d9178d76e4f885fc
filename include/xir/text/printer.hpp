#pragma once
// The printer of the textual IR: a readable C-like form that the parser reads back exactly,
// `parse(print(m))` is structurally equal to `m` and `print(parse(t)) == t` for printed text.
//
//   module target(cuda)
//
//   kernel add(global f32 A[n], global f32 B[n], i32 n) {
//     for i in [0, n) bound(threadIdx.x) {
//       B[i] = A[i] + 1.5;
//     }
//   }
//
// Immediates carry their type unless it is i32, f32 or bool (`3:i64`, `0.5:f16`); floats print the
// shortest text that reads back to the same double. parser.hpp gives the grammar.

#include <string>

#include "xir/ir/kernel.hpp"

namespace xir {

std::string print(const Expr& expr);
/// The statement as the lines of a block body, each indented by `indent` levels of two spaces.
std::string print(const Stmt& stmt, int indent = 0);
std::string print(const Kernel& kernel);
std::string print(const Module& module);

} // namespace xir
