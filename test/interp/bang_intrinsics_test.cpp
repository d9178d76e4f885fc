// BANG intrinsic semantics on the interpreter: 2-D __memcpy, pooling, __bang_mlp, element-wise
// functions, checked against plain C++ loops over DIALECTS.md's formulas.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "xir/interp/interpreter.hpp"
#include "xir/target/bang.hpp"

namespace xir::interp {
namespace {

using enum bang::MemcpyDirection;

Expr at(const char* buffer, std::int64_t offset = 0) {
  return Address::make(Type::f32(), buffer, {make_int(offset)});
}
Expr i32(std::int64_t v) {
  return make_int(v);
}
Expr dir(bang::MemcpyDirection d) {
  return make_int(static_cast<std::int64_t>(d));
}
Stmt call(const char* name, std::vector<Expr> args) {
  return IntrinsicCall::make("bang", name, std::move(args));
}
Buffer gdram(const char* name, int n) {
  return Buffer::make(name, Type::f32(), {make_int(n)}, MemoryScope::Gdram);
}

// One task: allocate the NRAM/WRAM buffers `local` around `body`.
Kernel task(const char* name, std::vector<Param> params, std::vector<Buffer> local, Stmt body) {
  for (const Buffer& b : local)
    body = Allocate::make(b, body);
  return Kernel::make(
      name, std::move(params),
      For::make("task", make_int(0), make_int(1), ForKind::Bound, HardwareAxis::TaskId, body));
}
Buffer nram(const char* name, int n) {
  return Buffer::make(name, Type::f32(), {make_int(n)}, MemoryScope::Nram);
}

HostBuffer random_f32(int n, unsigned seed) {
  HostBuffer b(Type::f32(), {n});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-2, 2);
  for (int i = 0; i < n; ++i)
    b.set(i, dist(rng));
  return b;
}

TEST(BangIntrinsics, TwoDimensionalMemcpyCopiesStridedSegments) {
  // A is 4 x 8 floats; copy columns 2..5 of every row (4 segments of 16 bytes, source stride 32
  // bytes) into 16 contiguous NRAM floats, then back out as a 4 x 4 block.
  Kernel k = task("memcpy2d", {gdram("A", 32), gdram("D", 16)}, {nram("tile", 16)},
                  Block::make({call("__memcpy", {at("tile"), at("A", 2), i32(16), dir(GDRAM2NRAM),
                                                 i32(16), i32(32), i32(3)}),
                               call("__memcpy", {at("D"), at("tile"), i32(64), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> b{{"A", random_f32(32, 1)},
                                      {"D", HostBuffer(Type::f32(), {16})}};
  RunResult r = run(k, target_by_name("bang"), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int row = 0; row < 4; ++row)
    for (int c = 0; c < 4; ++c)
      EXPECT_EQ(b["D"].get(row * 4 + c), b["A"].get(row * 8 + 2 + c));
  // A stride that is not a whole number of elements, and an unknown overload, are reported.
  Kernel odd = task(
      "odd", {gdram("A", 32), gdram("D", 16)}, {nram("tile", 16)},
      call("__memcpy", {at("tile"), at("A"), i32(16), dir(GDRAM2NRAM), i32(16), i32(30), i32(3)}));
  EXPECT_THAT(run(odd, target_by_name("bang"), b).error().message,
              ::testing::HasSubstr("src_stride 30 bytes"));
  Kernel five = task("five", {gdram("A", 32), gdram("D", 16)}, {nram("tile", 16)},
                     call("__memcpy", {at("tile"), at("A"), i32(16), dir(GDRAM2NRAM), i32(16)}));
  EXPECT_THAT(run(five, target_by_name("bang"), b).error().message,
              ::testing::HasSubstr("no overload with 5 operands"));
}

TEST(BangIntrinsics, PoolingOverHwcTiles) {
  const int C = 3, H = 5, W = 4, Kh = 2, Kw = 2, Sw = 1, Sh = 2;
  const int Ho = (H - Kh) / Sh + 1, Wo = (W - Kw) / Sw + 1;
  for (const char* name :
       {"__bang_sumpool", "__bang_maxpool", "__bang_minpool", "__bang_avgpool"}) {
    Kernel k = task(
        "pool", {gdram("X", H * W * C), gdram("Y", Ho * Wo * C)},
        {nram("x", H * W * C), nram("y", Ho * Wo * C)},
        Block::make({call("__memcpy", {at("x"), at("X"), i32(H * W * C * 4), dir(GDRAM2NRAM)}),
                     call(name, {at("y"), at("x"), i32(C), i32(H), i32(W), i32(Kh), i32(Kw),
                                 i32(Sw), i32(Sh)}),
                     call("__memcpy", {at("Y"), at("y"), i32(Ho * Wo * C * 4), dir(NRAM2GDRAM)})}));
    std::map<std::string, HostBuffer> b{{"X", random_f32(H * W * C, 2)},
                                        {"Y", HostBuffer(Type::f32(), {Ho * Wo * C})}};
    RunResult r = run(k, target_by_name("bang"), b);
    ASSERT_TRUE(r.has_value()) << name << ": " << r.error().message;
    const std::string op = name;
    for (int ho = 0; ho < Ho; ++ho)
      for (int wo = 0; wo < Wo; ++wo)
        for (int c = 0; c < C; ++c) {
          float acc = op == "__bang_maxpool" ? -INFINITY : op == "__bang_minpool" ? INFINITY : 0.0f;
          for (int kh = 0; kh < Kh; ++kh)
            for (int kw = 0; kw < Kw; ++kw) {
              float v = static_cast<float>(b["X"].get(((ho * Sh + kh) * W + wo * Sw + kw) * C + c));
              acc = op == "__bang_maxpool"   ? std::max(acc, v)
                    : op == "__bang_minpool" ? std::min(acc, v)
                                             : acc + v;
            }
          if (op == "__bang_avgpool")
            acc /= static_cast<float>(Kh * Kw);
          EXPECT_EQ(b["Y"].get((ho * Wo + wo) * C + c), acc)
              << name << " " << ho << "," << wo << "," << c;
        }
  }
}

TEST(BangIntrinsics, MlpAndElementwiseFunctions) {
  const int height = 3, width = 8;
  Buffer filter = Buffer::make("w", Type::f32(), {make_int(height * width)}, MemoryScope::Wram);
  Kernel k = task(
      "mlp", {gdram("F", height * width), gdram("X", width), gdram("Y", height), gdram("R", width)},
      {nram("x", width), nram("y", height), nram("r", width), filter},
      Block::make({call("__memcpy", {at("x"), at("X"), i32(width * 4), dir(GDRAM2NRAM)}),
                   call("__memcpy", {at("w"), at("F"), i32(height * width * 4), dir(GDRAM2WRAM)}),
                   call("__bang_mlp", {at("y"), at("x"), at("w"), i32(height), i32(width)}),
                   call("__memcpy", {at("Y"), at("y"), i32(height * 4), dir(NRAM2GDRAM)}),
                   call("__bang_active_sign", {at("r"), at("x"), i32(width)}),
                   call("__bang_sqrt", {at("r", 1), at("r", 1), i32(1)}),
                   call("__memcpy", {at("R"), at("r"), i32(width * 4), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> b{{"F", random_f32(height * width, 3)},
                                      {"X", random_f32(width, 4)},
                                      {"Y", HostBuffer(Type::f32(), {height})},
                                      {"R", HostBuffer(Type::f32(), {width})}};
  b["X"].set(0, -0.0);
  RunResult r = run(k, target_by_name("bang"), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int h = 0; h < height; ++h) {
    float want = 0;
    for (int w = 0; w < width; ++w)
      want += static_cast<float>(b["F"].get(h * width + w)) * static_cast<float>(b["X"].get(w));
    EXPECT_EQ(b["Y"].get(h), want);
  }
  EXPECT_EQ(b["R"].get(0), 1.0); // sign(-0) = +1
  for (int w = 2; w < width; ++w)
    EXPECT_EQ(b["R"].get(w), b["X"].get(w) >= 0 ? 1.0 : -1.0);
  // r[1] = sqrt(sign(x[1])): 1 for a non-negative x[1], NaN for a negative one.
  if (b["X"].get(1) >= 0)
    EXPECT_EQ(b["R"].get(1), 1.0);
  else
    EXPECT_TRUE(std::isnan(b["R"].get(1)));
}

} // namespace
} // namespace xir::interp
