// Textual tests of simplify: each file in simplify/ holds an input module, a line
// `// ----- expected -----`, and the module simplify must print for it.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "random_ir.hpp"
#include "xir/ir.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"
#include "xir/transform/simplify.hpp"

namespace xir {
namespace {

constexpr std::string_view separator = "// ----- expected -----\n";

Module parse_or_fail(const std::string& text, const std::string& name) {
  ModuleParseResult parsed = parse_module(text, name);
  EXPECT_TRUE(parsed) << format_diagnostic(*parsed.error, text);
  return parsed ? *parsed.module : Module{};
}

TEST(Simplify, TextualCases) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(XIR_TEXT_TEST_DIR "/simplify"))
    if (entry.path().extension() == ".xir")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 15u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    std::size_t split = text.find(separator);
    ASSERT_NE(split, std::string::npos) << "no `" << separator << "` line";
    std::string input = text.substr(0, split);
    std::string expected = text.substr(split + separator.size());
    Module module = parse_or_fail(input, path.filename().string());
    for (Kernel& kernel : module.kernels)
      kernel = simplify(kernel);
    EXPECT_EQ(print(module), expected);
    // The expected text must itself be a fixed point.
    Module again = parse_or_fail(expected, path.filename().string());
    for (Kernel& kernel : again.kernels)
      kernel = simplify(kernel);
    EXPECT_EQ(print(again), expected);
  }
}

Expr i32(const char* name) {
  return Var::make(Type::i32(), name);
}

TEST(Simplify, IntegerFoldingFollowsC) {
  auto fold = [](BinaryOp op, Expr a, Expr b) {
    return simplify(Binary::make(op, std::move(a), std::move(b)));
  };
  EXPECT_TRUE(structurally_equal(fold(BinaryOp::Div, make_int(-7), make_int(2)), make_int(-3)));
  EXPECT_TRUE(structurally_equal(fold(BinaryOp::Mod, make_int(-7), make_int(2)), make_int(-1)));
  EXPECT_TRUE(structurally_equal(fold(BinaryOp::Mod, make_int(7), make_int(-2)), make_int(1)));
  EXPECT_TRUE(
      structurally_equal(fold(BinaryOp::Sub, make_int(1, Type::u8()), make_int(2, Type::u8())),
                         make_int(255, Type::u8())));
  EXPECT_TRUE(
      structurally_equal(fold(BinaryOp::Add, make_int(127, Type::i8()), make_int(1, Type::i8())),
                         make_int(-128, Type::i8())));
  // Undefined in C: left alone.
  Expr overflow = Binary::make(BinaryOp::Add, make_int(2147483647), make_int(1));
  EXPECT_TRUE(structurally_equal(simplify(overflow), overflow));
  Expr by_zero = Binary::make(BinaryOp::Div, make_int(1), make_int(0));
  EXPECT_TRUE(structurally_equal(simplify(by_zero), by_zero));
  Expr wide_shift = Binary::make(BinaryOp::Shl, make_int(1), make_int(32));
  EXPECT_TRUE(structurally_equal(simplify(wide_shift), wide_shift));
  Expr min_div = Binary::make(BinaryOp::Div, make_int(INT32_MIN), make_int(-1));
  EXPECT_TRUE(structurally_equal(simplify(min_div), min_div));
}

TEST(Simplify, FloatFoldingRoundsInTheTypesPrecision) {
  // 0.1f + 0.2f in float differs from 0.1 + 0.2 in double.
  Expr a = make_float(static_cast<double>(0.1f)), b = make_float(static_cast<double>(0.2f));
  Expr sum = simplify(Binary::make(BinaryOp::Add, a, b));
  ASSERT_NE(sum.as<FloatImm>(), nullptr);
  EXPECT_EQ(sum.as<FloatImm>()->value, static_cast<double>(0.1f + 0.2f));
  Expr x = Var::make(Type::f32(), "x");
  Expr plus_zero = Binary::make(BinaryOp::Add, x, make_float(0.0));
  EXPECT_TRUE(structurally_equal(simplify(plus_zero), plus_zero))
      << "-0.0 + 0.0 is +0.0: not an identity";
  Expr f16_sum =
      Binary::make(BinaryOp::Add, make_float(1.0, Type::f16()), make_float(2.0, Type::f16()));
  EXPECT_TRUE(structurally_equal(simplify(f16_sum), f16_sum));
}

TEST(Simplify, VectorConstantsFoldLaneWise) {
  Expr v =
      Binary::make(BinaryOp::Mul, Broadcast::make(make_int(3), 4), Broadcast::make(make_int(5), 4));
  EXPECT_EQ(print(simplify(v)), "broadcast(15, 4)");
  Expr r = Binary::make(BinaryOp::Add, Ramp::make(i32("i"), make_int(1), 4),
                        Broadcast::make(make_int(0), 4));
  EXPECT_EQ(print(simplify(r)), "ramp(i, 1, 4)");
}

} // namespace
} // namespace xir

namespace xir {
namespace {

// 2,000 modules; 300 in the (much slower) sanitizer build.
#ifndef XIR_SIMPLIFY_RANDOM_MODULES
#define XIR_SIMPLIFY_RANDOM_MODULES 2000
#endif

// On random well-typed modules, simplify never throws, its output passes the parser's type
// checks when printed and read back, and a second run changes nothing.
TEST(Simplify, KeepsRandomModulesWellTypedAndReachesAFixedPoint) {
  for (std::uint64_t seed = 0; seed < XIR_SIMPLIFY_RANDOM_MODULES; ++seed) {
    Module module = testing::random_module(seed);
    Module simplified = module;
    ASSERT_NO_THROW(for (Kernel& kernel
                         : simplified.kernels) kernel = simplify(kernel))
        << "seed " << seed;
    std::string text = print(simplified);
    ModuleParseResult parsed = parse_module(text, "simplified.xir");
    ASSERT_TRUE(parsed) << "seed " << seed << ": " << format_diagnostic(*parsed.error, text)
                        << text;
    Module twice = simplified;
    for (Kernel& kernel : twice.kernels)
      kernel = simplify(kernel);
    EXPECT_EQ(print(twice), text) << "seed " << seed;
  }
}

} // namespace
} // namespace xir
