#pragma once
// Bit patterns of binary floats held in i32 vector lanes, converted by exact arithmetic.

#include "xir/ir.hpp"

namespace xir::frontend {

/// The value of a float of `mantissa` fraction bits, `exponent_bits` exponent bits and exponent
/// `bias` whose pattern is in the low bits of i32 lanes (f16: 10, 5, 15; bf16: 7, 8, 127; f32:
/// 23, 8, 127), as f32 lanes. Infinities and NaNs are not decoded.
Expr decode_float_bits(const Expr& bits, int mantissa, int exponent_bits, int bias);

/// The IEEE-754 pattern of finite f32 lanes as i32 lanes (-0 encodes as +0). `x` is read several
/// times: pass a value that is cheap to re-read.
Expr encode_f32_bits(const Expr& x);

} // namespace xir::frontend
