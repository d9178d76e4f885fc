// simplify must not change what a program computes: random kernels of integer and float
// arithmetic (with constant subexpressions for it to fold) run on the reference interpreter
// before and after simplify, on the same inputs, and must write bit-identical buffers.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>

#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"
#include "xir/text/printer.hpp"
#include "xir/transform/simplify.hpp"

namespace xir {
namespace {

constexpr int extent = 32;

class ArithmeticGenerator {
public:
  explicit ArithmeticGenerator(std::uint64_t seed) : rng_(seed) {}

  Kernel kernel() {
    Buffer ints = Buffer::make("A", Type::i32(), {make_int(extent)}, MemoryScope::Global);
    Buffer floats = Buffer::make("F", Type::f32(), {make_int(extent)}, MemoryScope::Global);
    Stmt body = Block::make(
        {Store::make("A", {var_i()}, int_expr(4)), Store::make("F", {var_i()}, float_expr(3))});
    Stmt loop = For::make("i", make_int(0), make_int(extent), ForKind::Serial, body);
    return Kernel::make(
        "k", {ints, floats, ScalarParam{"n", Type::i32()}, ScalarParam{"x", Type::f32()}}, loop);
  }

private:
  std::mt19937_64 rng_;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  static Expr var_i() { return Var::make(Type::i32(), "i"); }
  Expr bin(BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); }

  Expr int_constant() {
    constexpr std::int64_t interesting[] = {
        0, 1, -1, 2, 3, 7, -8, 31, 32, 255, 256, 2147483647, -2147483647 - 1};
    return make_int(pick(3) == 0 ? interesting[pick(std::size(interesting))] : pick(41) - 20);
  }

  Expr int_expr(int depth) {
    if (depth == 0 || pick(5) == 0) {
      switch (pick(4)) {
      case 0:
        return var_i();
      case 1:
        return Var::make(Type::i32(), "n");
      default:
        return int_constant();
      }
    }
    int d = depth - 1;
    switch (pick(12)) {
    case 0:
    case 1: {
      static constexpr BinaryOp ops[] = {BinaryOp::Add,   BinaryOp::Sub,   BinaryOp::Mul,
                                         BinaryOp::Min,   BinaryOp::Max,   BinaryOp::BitAnd,
                                         BinaryOp::BitOr, BinaryOp::BitXor};
      return bin(ops[pick(std::size(ops))], int_expr(d), int_expr(d));
    }
    case 2:
      return bin(pick(2) ? BinaryOp::Div : BinaryOp::Mod, int_expr(d), int_expr(d));
    case 3:
      return bin(pick(2) ? BinaryOp::Shl : BinaryOp::Shr, int_expr(d), make_int(pick(40) - 2));
    case 4:
      return Select::make(condition(d), int_expr(d), int_expr(d));
    case 5:
      return Unary::make(pick(2) ? UnaryOp::Neg : UnaryOp::BitNot, int_expr(d));
    case 6: {
      // Narrow arithmetic: C computes it in int and converts back.
      Type narrow = pick(2) ? Type::i8() : Type::u8();
      Expr a = Cast::make(narrow, int_expr(d)), b = Cast::make(narrow, int_expr(d));
      static constexpr BinaryOp ops[] = {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul};
      return Cast::make(Type::i32(), bin(ops[pick(3)], a, b));
    }
    case 7:
      return Cast::make(Type::i32(), float_expr(d));
    case 8:
      return Cast::make(Type::i32(), Cast::make(Type::u32(), int_expr(d)));
    default:
      return bin(pick(2) ? BinaryOp::Add : BinaryOp::Mul, int_expr(d), int_constant());
    }
  }

  Expr condition(int d) {
    auto op = static_cast<BinaryOp>(static_cast<int>(BinaryOp::EQ) + pick(6));
    Expr c = bin(op, int_expr(d), int_expr(d));
    if (pick(3) == 0)
      c = bin(pick(2) ? BinaryOp::And : BinaryOp::Or, c, make_bool(pick(2) == 0));
    return c;
  }

  Expr float_constant() {
    constexpr double values[] = {0.0, -0.0, 1.0, -1.0, 0.5, 3.0, 0.1f, 1e30f, 2.5};
    return make_float(values[pick(std::size(values))]);
  }

  Expr float_expr(int depth) {
    if (depth == 0 || pick(4) == 0) {
      switch (pick(3)) {
      case 0:
        return Var::make(Type::f32(), "x");
      case 1:
        return Cast::make(Type::f32(), var_i());
      default:
        return float_constant();
      }
    }
    int d = depth - 1;
    static constexpr BinaryOp ops[] = {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul,
                                       BinaryOp::Div, BinaryOp::Min, BinaryOp::Max};
    switch (pick(5)) {
    case 0:
      return Select::make(condition(d), float_expr(d), float_expr(d));
    case 1:
      return Unary::make(UnaryOp::Neg, float_expr(d));
    default:
      return bin(ops[pick(std::size(ops))], float_expr(d), float_expr(d));
    }
  }
};

struct Outputs {
  std::vector<std::int64_t> ints;
  std::vector<std::uint64_t> float_bits;
};

std::optional<Outputs> run_kernel(const Kernel& kernel, std::int32_t n, float x,
                                  std::string* error) {
  std::map<std::string, interp::HostBuffer> buffers{
      {"A", interp::HostBuffer(Type::i32(), {extent})},
      {"F", interp::HostBuffer(Type::f32(), {extent})}};
  interp::RunResult result =
      interp::run(kernel, target_by_name("cuda-sm80"), buffers,
                  {{"n", interp::ScalarValue::i32(n)}, {"x", interp::ScalarValue::f32(x)}});
  if (!result) {
    *error = result.error().message;
    return std::nullopt;
  }
  Outputs out;
  for (std::int64_t e = 0; e < extent; ++e) {
    out.ints.push_back(buffers.at("A").get_int(e));
    double f = buffers.at("F").get(e);
    out.float_bits.push_back(std::isnan(f) ? 0x7ff8000000000000ULL
                                           : std::bit_cast<std::uint64_t>(f));
  }
  return out;
}

TEST(SimplifyDifferential, RandomArithmeticComputesTheSameOnTheInterpreter) {
  int compared = 0, changed = 0;
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    Kernel original = ArithmeticGenerator(seed).kernel();
    Kernel simplified = simplify(original);
    if (!structurally_equal(simplified, original))
      ++changed;
    std::int32_t n = static_cast<std::int32_t>(seed % 23) - 11;
    float x = 0.25f * static_cast<float>(seed % 13) - 1.5f;
    std::string error;
    std::optional<Outputs> before = run_kernel(original, n, x, &error);
    if (!before)
      continue; // the original itself is undefined here (a division by zero, ...)
    std::optional<Outputs> after = run_kernel(simplified, n, x, &error);
    ASSERT_TRUE(after) << "seed " << seed << ": " << error << "\n"
                       << print(original) << "\nsimplified:\n"
                       << print(simplified);
    EXPECT_EQ(before->ints, after->ints) << "seed " << seed << "\n"
                                         << print(original) << "\nsimplified:\n"
                                         << print(simplified);
    EXPECT_EQ(before->float_bits, after->float_bits) << "seed " << seed << "\n"
                                                     << print(original) << "\nsimplified:\n"
                                                     << print(simplified);
    ++compared;
  }
  std::cout << compared << " kernels compared, " << changed << " changed by simplify\n";
  EXPECT_GE(compared, 200);
  EXPECT_GE(changed, 200);
}

} // namespace
} // namespace xir
