// Bit patterns of binary floats in integer lanes, by exact arithmetic (the IR has no bit
// reinterpretation): f16/bf16/f32 patterns to values, f32 values to patterns.

#include "float_bits.hpp"

#include <cstdint>

namespace xir::frontend {
namespace {

Expr splat_int(int lanes, std::int64_t v) { return Broadcast::make(make_int(v), lanes); }
Expr splat_float(int lanes, double v) { return Broadcast::make(make_float(v), lanes); }
Expr bin(BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); }

} // namespace

// The value of a binary float of `mantissa` fraction bits and exponent `bias` whose bit pattern is
// held in the low bits of i32 lanes (f16: 10, 15; bf16: 7, 127). Infinities and NaNs are not decoded.
Expr decode_float_bits(const Expr& bits, int mantissa, int exponent_bits, int bias) {
  const int lanes = bits.type().lanes;
  const auto field = [&](int shift, int width) {
    return bin(BinaryOp::BitAnd, bin(BinaryOp::Shr, bits, splat_int(lanes, shift)), splat_int(lanes, (1 << width) - 1));
  };
  Expr sign = field(mantissa + exponent_bits, 1);
  Expr exponent = field(mantissa, exponent_bits);
  Expr fraction = Cast::make(Type::f32(lanes), field(0, mantissa));
  Type f = Type::f32(lanes);
  Expr subnormal = bin(BinaryOp::Mul, fraction, Call::make(f, "exp2", {splat_float(lanes, 1 - bias - mantissa)}));
  Expr scale = Call::make(f, "exp2", {Cast::make(f, bin(BinaryOp::Sub, exponent, splat_int(lanes, bias + mantissa)))});
  Expr normal = bin(BinaryOp::Mul, bin(BinaryOp::Add, fraction, splat_float(lanes, 1 << mantissa)), scale);
  Expr magnitude = Select::make(bin(BinaryOp::EQ, exponent, splat_int(lanes, 0)), subnormal, normal);
  return Select::make(bin(BinaryOp::NE, sign, splat_int(lanes, 0)), Unary::make(UnaryOp::Neg, magnitude), magnitude);
}

// The IEEE-754 bit pattern of finite f32 lanes as i32 lanes (the IR has no bit reinterpretation):
// sign, biased exponent from floor(log2 |x|) corrected by one either way, fraction by exact
// power-of-two scaling. Infinities and NaNs are not encoded; -0 encodes as +0.
Expr encode_f32_bits(const Expr& x) {
  const int lanes = x.type().lanes;
  const Type f = Type::f32(lanes), i = Type::i32(lanes);
  Expr a = Call::make(f, "abs", {x});
  Expr e = Call::make(f, "floor", {Call::make(f, "log2", {a})});
  e = Binary::make(BinaryOp::Max, e, splat_float(lanes, -126));
  e = Select::make(bin(BinaryOp::LT, a, Call::make(f, "exp2", {e})), bin(BinaryOp::Sub, e, splat_float(lanes, 1)), e);
  e = Select::make(bin(BinaryOp::GE, a, Call::make(f, "exp2", {bin(BinaryOp::Add, e, splat_float(lanes, 1))})),
                   bin(BinaryOp::Add, e, splat_float(lanes, 1)), e);
  e = Binary::make(BinaryOp::Max, e, splat_float(lanes, -126));
  Expr normal = bin(BinaryOp::GE, a, splat_float(lanes, 0x1p-126));
  Expr scaled = Select::make(normal, bin(BinaryOp::Sub, bin(BinaryOp::Div, a, Call::make(f, "exp2", {e})), splat_float(lanes, 1)),
                             bin(BinaryOp::Mul, a, splat_float(lanes, 0x1p126)));
  Expr fraction = Cast::make(i, bin(BinaryOp::Mul, scaled, splat_float(lanes, 0x1p23)));
  Expr biased = Select::make(normal, Cast::make(i, bin(BinaryOp::Add, e, splat_float(lanes, 127))), splat_int(lanes, 0));
  Expr sign = Select::make(bin(BinaryOp::LT, x, splat_float(lanes, 0)), Broadcast::make(make_int(INT32_MIN), lanes), splat_int(lanes, 0));
  return bin(BinaryOp::BitOr, sign, bin(BinaryOp::BitOr, bin(BinaryOp::Shl, biased, splat_int(lanes, 23)), fraction));
}

} // namespace xir::frontend
