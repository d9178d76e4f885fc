// The printed form of hand-built IR, checked against text written out by hand, and parses of
// hand-written text checked against hand-built IR.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "xir/ir.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"

namespace xir {
namespace {

Expr i32(const char* name) {
  return Var::make(Type::i32(), name);
}
Expr bin(BinaryOp op, Expr a, Expr b) {
  return Binary::make(op, std::move(a), std::move(b));
}
Expr load(const char* buffer, Expr index) {
  return Load::make(Type::f32(), buffer, {std::move(index)});
}

Module vector_add() {
  Expr n = i32("n");
  Buffer a = Buffer::make("A", Type::f32(), {n}, MemoryScope::Global);
  Buffer b = Buffer::make("B", Type::f32(), {n}, MemoryScope::Global);
  Buffer c = Buffer::make("C", Type::f32(), {n}, MemoryScope::Global);
  Expr i = i32("i");
  Stmt guarded =
      IfThenElse::make(bin(BinaryOp::LT, i, n),
                       Store::make("C", {i}, bin(BinaryOp::Add, load("A", i), load("B", i))));
  Stmt let = LetStmt::make(
      "i", bin(BinaryOp::Add, bin(BinaryOp::Mul, i32("bx"), make_int(256)), i32("tx")), guarded);
  Stmt threads =
      For::make("tx", make_int(0), make_int(256), ForKind::Bound, HardwareAxis::ThreadIdxX, let);
  Expr blocks = bin(BinaryOp::Div, bin(BinaryOp::Add, n, make_int(255)), make_int(256));
  Stmt grid =
      For::make("bx", make_int(0), blocks, ForKind::Bound, HardwareAxis::BlockIdxX, threads);
  return Module{"cuda", {Kernel::make("add", {a, b, c, ScalarParam{"n", Type::i32()}}, grid)}};
}

constexpr const char* vector_add_text = R"(module target(cuda)

kernel add(global f32 A[n], global f32 B[n], global f32 C[n], i32 n) {
  for bx in [0, (n + 255) / 256) bound(blockIdx.x) {
    for tx in [0, 256) bound(threadIdx.x) {
      let i = bx * 256 + tx;
      if (i < n) {
        C[i] = A[i] + B[i];
      }
    }
  }
}
)";

TEST(Printer, VectorAddReadsLikeC) {
  EXPECT_EQ(print(vector_add()), vector_add_text);
}

TEST(Parser, VectorAddBuildsTheSameIR) {
  ModuleParseResult parsed = parse_module(vector_add_text);
  ASSERT_TRUE(parsed) << format_diagnostic(*parsed.error, vector_add_text);
  EXPECT_TRUE(structurally_equal(*parsed.module, vector_add()));
}

TEST(Printer, ParenthesizesByPrecedenceAndAssociativity) {
  Expr a = i32("a"), b = i32("b"), c = i32("c");
  EXPECT_EQ(print(bin(BinaryOp::Sub, a, bin(BinaryOp::Sub, b, c))), "a - (b - c)");
  EXPECT_EQ(print(bin(BinaryOp::Sub, bin(BinaryOp::Sub, a, b), c)), "a - b - c");
  EXPECT_EQ(print(bin(BinaryOp::Mul, bin(BinaryOp::Add, a, b), c)), "(a + b) * c");
  EXPECT_EQ(print(bin(BinaryOp::Add, a, bin(BinaryOp::Mul, b, c))), "a + b * c");
  EXPECT_EQ(print(bin(BinaryOp::Shl, a, bin(BinaryOp::BitAnd, b, c))), "a << (b & c)");
  EXPECT_EQ(print(bin(BinaryOp::Min, bin(BinaryOp::Add, a, b), c)), "min(a + b, c)");
  EXPECT_EQ(print(Unary::make(UnaryOp::Neg, bin(BinaryOp::Add, a, b))), "-(a + b)");
  EXPECT_EQ(print(Unary::make(UnaryOp::Neg, make_int(5))), "-(5)");
  EXPECT_EQ(print(bin(BinaryOp::Sub, a, make_int(-5))), "a - -5");
}

TEST(Printer, ImmediatesCarryNonDefaultTypes) {
  EXPECT_EQ(print(make_int(3)), "3");
  EXPECT_EQ(print(make_int(3, Type::i64())), "3:i64");
  EXPECT_EQ(print(make_int(-128, Type::i8())), "-128:i8");
  EXPECT_EQ(print(make_bool(true)), "true");
  EXPECT_EQ(print(make_float(1.0)), "1.0");
  EXPECT_EQ(print(make_float(1.5, Type::f16())), "1.5:f16");
  EXPECT_EQ(print(make_float(0.1)), "0.1");
  EXPECT_EQ(print(make_float(-0.0, Type::f64())), "-0.0:f64");
  EXPECT_EQ(print(make_float(1e300, Type::f64())), "1e+300:f64");
  EXPECT_EQ(print(make_float(-std::numeric_limits<double>::infinity())), "-inf");
  EXPECT_EQ(print(make_float(std::numeric_limits<double>::quiet_NaN(), Type::bf16())), "nan:bf16");
}

TEST(Printer, VectorsHolesCastsAndIntrinsics) {
  Expr ramp = Ramp::make(i32("i"), make_int(1), 8);
  EXPECT_EQ(print(ramp), "ramp(i, 1, 8)");
  EXPECT_EQ(print(Broadcast::make(make_float(2.0), 4)), "broadcast(2.0, 4)");
  EXPECT_EQ(print(Cast::make(Type::f16(8), Load::make(Type::f32(8), "A", {ramp}))),
            "cast<f16x8>(A[ramp(i, 1, 8)])");
  EXPECT_EQ(print(Hole::make_range(Type::i32(), "tile", make_int(0), make_int(16))),
            "?tile : i32 in [0, 16)");
  EXPECT_EQ(print(Hole::make_choice(Type::f32(), "alpha", {make_float(0.5), make_float(2.0)})),
            "?alpha : f32 in {0.5, 2.0}");
  Stmt call = IntrinsicCall::make("bang", "__bang_add",
                                  {Address::make(Type::f32(), "A", {make_int(0)}),
                                   Address::make(Type::f32(), "B", {make_int(0)}), make_int(64)});
  EXPECT_EQ(print(call), "call bang.__bang_add(&A[0], &B[0], 64);\n");
  EXPECT_EQ(print(Atomic::make(BinaryOp::Max, "C", {i32("i")}, make_float(1.0))),
            "atomic C[i] max= 1.0;\n");
  EXPECT_EQ(print(Barrier::make(BarrierScope::Cluster)), "barrier(cluster);\n");
}

TEST(Printer, LetsBlocksAndLoopsKeepTheirStructure) {
  Stmt store = Store::make("C", {i32("x")}, make_float(0.0));
  // A let that is not last in its list gets its own braces; a one-statement Block stays a Block.
  Stmt inner = Block::make({LetStmt::make("x", make_int(1), store), store});
  EXPECT_EQ(print(inner), "let x = 1 in {\n  C[x] = 0.0;\n}\nC[x] = 0.0;\n");
  EXPECT_EQ(print(Block::make({store})), "{\n  C[x] = 0.0;\n}\n");
  Stmt loop = For::make("j", i32("lo"), i32("n"), ForKind::Unrolled, Block::make({}));
  EXPECT_EQ(print(loop), "for j in [lo, lo + n) unrolled {\n}\n");
}

TEST(Parser, UpperBoundThatIsNotASumBecomesADifference) {
  const char* text = "module target(generic)\nkernel k(host i32 A[8], i32 n) {\n  for i in [1, n) "
                     "{\n    A[i] = i;\n  }\n}\n";
  ModuleParseResult parsed = parse_module(text);
  ASSERT_TRUE(parsed) << format_diagnostic(*parsed.error, text);
  const For* loop = parsed.module->kernels[0].body.as<For>();
  ASSERT_NE(loop, nullptr);
  EXPECT_TRUE(structurally_equal(loop->extent, bin(BinaryOp::Sub, i32("n"), make_int(1))));
  EXPECT_EQ(print(loop->extent), "n - 1");
}

TEST(Parser, FloatsReadBackBitExactly) {
  for (double value : {0.1, 1.0 / 3.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                       -0.0, 123456789.125}) {
    std::string text = "module target(generic)\nkernel k(host f64 A[1]) {\n  A[0] = " +
                       print(make_float(value, Type::f64())) + ";\n}\n";
    ModuleParseResult parsed = parse_module(text);
    ASSERT_TRUE(parsed) << format_diagnostic(*parsed.error, text);
    const Store* store = parsed.module->kernels[0].body.as<Store>();
    ASSERT_NE(store, nullptr);
    const FloatImm* imm = store->value.as<FloatImm>();
    ASSERT_NE(imm, nullptr);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(imm->value), std::bit_cast<std::uint64_t>(value))
        << text;
  }
}

TEST(Parser, RejectsNestingBeyondTheLimitWithoutCrashing) {
  std::string deep = "module target(generic)\nkernel k(host i32 A[1]) {\n  A[0] = ";
  for (int i = 0; i < 10000; ++i)
    deep += "(";
  ModuleParseResult parsed = parse_module(deep);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error->message.find("nesting deeper than"), std::string::npos);
  EXPECT_EQ(parsed.error->location.line, 3);

  std::string nested_lets = "module target(generic)\nkernel k(host i32 A[1]) {\n";
  for (int i = 0; i < 10000; ++i)
    nested_lets += "let x = 1 in {\n";
  parsed = parse_module(nested_lets);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error->message.find("nesting deeper than"), std::string::npos);
}

TEST(Parser, LongLetChainsAreNotNesting) {
  std::string text = "module target(generic)\n\nkernel k(host i32 A[1]) {\n";
  for (int i = 0; i < 2000; ++i)
    text += "  let x" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
  text += "  A[0] = x1999;\n}\n";
  ModuleParseResult parsed = parse_module(text);
  ASSERT_TRUE(parsed) << format_diagnostic(*parsed.error, text);
  EXPECT_EQ(print(*parsed.module), text);
}

} // namespace
} // namespace xir
