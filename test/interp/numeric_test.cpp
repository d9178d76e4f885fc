// f16/bf16 rounding against known bit patterns, integer wraparound, and rounding of every
// intermediate result inside a kernel.

#include <gtest/gtest.h>

#include <cmath>

#include "xir/interp/interpreter.hpp"
#include "xir/interp/numeric.hpp"

namespace xir::interp {
namespace {

TEST(Numeric, F16BitPatterns) {
  EXPECT_EQ(f16_bits(1.0), 0x3C00);
  EXPECT_EQ(f16_bits(-2.0), 0xC000);
  EXPECT_EQ(f16_bits(0.1), 0x2E66);                            // 0.0999755859375
  EXPECT_EQ(f16_bits(1.0 + std::ldexp(1.0, -11)), 0x3C00);     // tie: to even (down)
  EXPECT_EQ(f16_bits(1.0 + 3 * std::ldexp(1.0, -11)), 0x3C02); // tie: to even (up)
  EXPECT_EQ(f16_bits(65504.0), 0x7BFF);
  EXPECT_EQ(f16_bits(65519.0), 0x7BFF);
  EXPECT_EQ(f16_bits(65520.0), 0x7C00);              // rounds to infinity
  EXPECT_EQ(f16_bits(std::ldexp(1.0, -24)), 0x0001); // smallest subnormal
  EXPECT_EQ(f16_bits(std::ldexp(1.0, -25)), 0x0000); // tie with zero: even
  EXPECT_EQ(f16_bits(std::ldexp(3.0, -26)), 0x0001);
  EXPECT_EQ(f16_bits(std::ldexp(1.0, -14)), 0x0400); // smallest normal
  EXPECT_EQ(f16_bits(-0.0), 0x8000);
  EXPECT_EQ(f16_bits(NAN) & 0x7E00, 0x7E00);
  EXPECT_EQ(f16_value(0x3555), 0.333251953125);
  EXPECT_EQ(f16_value(0x0001), std::ldexp(1.0, -24));
  EXPECT_TRUE(std::isinf(f16_value(0xFC00)));
}

TEST(Numeric, Bf16BitPatterns) {
  EXPECT_EQ(bf16_bits(1.0), 0x3F80);
  EXPECT_EQ(bf16_bits(1.0 + std::ldexp(1.0, -8)), 0x3F80);     // tie: to even (down)
  EXPECT_EQ(bf16_bits(1.0 + 3 * std::ldexp(1.0, -8)), 0x3F82); // tie: to even (up)
  EXPECT_EQ(bf16_bits(3.140625), 0x4049);
  EXPECT_EQ(bf16_bits(-3.1415926), 0xC049);
  EXPECT_EQ(bf16_bits(3.4e38), 0x7F80); // beyond the largest finite bf16: infinity
  EXPECT_EQ(bf16_bits(NAN), 0x7FC0);
  // Rounding once from double, not through float: 1 + 2^-8 + 2^-30 is above the tie.
  EXPECT_EQ(bf16_bits(1.0 + std::ldexp(1.0, -8) + std::ldexp(1.0, -30)), 0x3F81);
  EXPECT_EQ(bf16_value(0x4049), 3.140625);
}

TEST(Numeric, IntegerWraparound) {
  EXPECT_EQ(wrap_to_width(ScalarKind::I8, 130), -126);
  EXPECT_EQ(wrap_to_width(ScalarKind::U8, -1), 255);
  EXPECT_EQ(wrap_to_width(ScalarKind::I32, 2147483648LL), -2147483648LL);
  EXPECT_EQ(wrap_to_width(ScalarKind::U16, 70000), 70000 - 65536);
}

// out[i] = a[i] + b[i] in f16 / bf16 (every result rounds), and i8 wraparound.
Kernel binary_kernel(Type t, BinaryOp op) {
  Expr i = Var::make(Type::i32(), "i");
  return Kernel::make(
      "binary",
      {Buffer::make("a", t, {make_int(4)}, MemoryScope::Global),
       Buffer::make("b", t, {make_int(4)}, MemoryScope::Global),
       Buffer::make("out", t, {make_int(4)}, MemoryScope::Global)},
      For::make("i", make_int(0), make_int(4), ForKind::Serial,
                Store::make("out", {i},
                            Binary::make(op, Load::make(t, "a", {i}), Load::make(t, "b", {i})))));
}

TEST(Numeric, KernelResultsRoundToTheirFormat) {
  std::map<std::string, HostBuffer> h{{"a", HostBuffer(Type::f16(), {4})},
                                      {"b", HostBuffer(Type::f16(), {4})},
                                      {"out", HostBuffer(Type::f16(), {4})}};
  const double a[4] = {2048, 2048, 0.1, 65504};
  const double b[4] = {1, 3, 0.2, 16};
  for (int i = 0; i < 4; ++i)
    h["a"].set(i, a[i]), h["b"].set(i, b[i]);
  ASSERT_TRUE(run(binary_kernel(Type::f16(), BinaryOp::Add), target_by_name("cuda-sm80"), h));
  EXPECT_EQ(h["out"].bits16(0), f16_bits(2048)); // 2049 ties to even 2048 = 0x6800
  EXPECT_EQ(h["out"].bits16(0), 0x6800);
  EXPECT_EQ(h["out"].bits16(1), 0x6802); // 2051 ties to even 2052
  EXPECT_EQ(h["out"].bits16(2),
            0x34CC); // f16(0.1) + f16(0.2) = 1228.5 ulps: ties to even 0.2998046875
  EXPECT_EQ(h["out"].bits16(3), 0x7C00); // 65520 ties to even 65536: infinity

  std::map<std::string, HostBuffer> g{{"a", HostBuffer(Type::bf16(), {4})},
                                      {"b", HostBuffer(Type::bf16(), {4})},
                                      {"out", HostBuffer(Type::bf16(), {4})}};
  const double x[4] = {1, 1, 256, 3};
  const double y[4] = {std::ldexp(1.0, -8), std::ldexp(3.0, -8), 1, 3};
  for (int i = 0; i < 4; ++i)
    g["a"].set(i, x[i]), g["b"].set(i, y[i]);
  ASSERT_TRUE(run(binary_kernel(Type::bf16(), BinaryOp::Mul), target_by_name("cuda-sm80"), g));
  EXPECT_EQ(g["out"].bits16(0), 0x3B80); // exact 2^-8
  EXPECT_EQ(g["out"].bits16(2), 0x4380); // 256
  EXPECT_EQ(g["out"].bits16(3), 0x4110); // 9
  ASSERT_TRUE(run(binary_kernel(Type::bf16(), BinaryOp::Add), target_by_name("cuda-sm80"), g));
  EXPECT_EQ(g["out"].bits16(0), 0x3F80); // 1 + 2^-8 ties to even 1.0
  EXPECT_EQ(g["out"].bits16(1), 0x3F82); // 1 + 3 * 2^-8 ties to even 1 + 2^-6
  EXPECT_EQ(g["out"].bits16(2), 0x4380); // 257 rounds to 256

  std::map<std::string, HostBuffer> w{{"a", HostBuffer(Type::i8(), {4})},
                                      {"b", HostBuffer(Type::i8(), {4})},
                                      {"out", HostBuffer(Type::i8(), {4})}};
  const int p[4] = {100, -100, 127, -7};
  const int q[4] = {100, -100, 1, 2};
  for (int i = 0; i < 4; ++i)
    w["a"].set_int(i, p[i]), w["b"].set_int(i, q[i]);
  ASSERT_TRUE(run(binary_kernel(Type::i8(), BinaryOp::Add), target_by_name("cuda-sm80"), w));
  EXPECT_EQ(w["out"].get_int(0), -56);
  EXPECT_EQ(w["out"].get_int(1), 56);
  EXPECT_EQ(w["out"].get_int(2), -128);
  ASSERT_TRUE(run(binary_kernel(Type::i8(), BinaryOp::Div), target_by_name("cuda-sm80"), w));
  EXPECT_EQ(w["out"].get_int(3), -3); // truncation toward zero
}

TEST(Numeric, CastsFollowCRules) {
  Expr i = Var::make(Type::i32(), "i");
  Kernel k = Kernel::make(
      "casts",
      {Buffer::make("x", Type::f32(), {make_int(4)}, MemoryScope::Global),
       Buffer::make("y", Type::i8(), {make_int(4)}, MemoryScope::Global),
       Buffer::make("z", Type::f16(), {make_int(4)}, MemoryScope::Global)},
      For::make(
          "i", make_int(0), make_int(4), ForKind::Serial,
          Block::make(
              {Store::make("y", {i}, Cast::make(Type::i8(), Load::make(Type::f32(), "x", {i}))),
               Store::make("z", {i},
                           Cast::make(Type::f16(), Load::make(Type::f32(), "x", {i})))})));
  std::map<std::string, HostBuffer> b{{"x", HostBuffer(Type::f32(), {4})},
                                      {"y", HostBuffer(Type::i8(), {4})},
                                      {"z", HostBuffer(Type::f16(), {4})}};
  const double x[4] = {-2.75, 300, 1e6, 1.0 / 3.0};
  for (int j = 0; j < 4; ++j)
    b["x"].set(j, x[j]);
  ASSERT_TRUE(run(k, target_by_name("cuda-sm80"), b));
  EXPECT_EQ(b["y"].get_int(0), -2);    // truncation
  EXPECT_EQ(b["y"].get_int(1), 127);   // saturation
  EXPECT_EQ(b["z"].bits16(2), 0x7C00); // 1e6 overflows f16
  EXPECT_EQ(b["z"].bits16(3), 0x3555);
}

} // namespace
} // namespace xir::interp
