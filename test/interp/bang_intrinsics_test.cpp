// BANG intrinsic semantics on the interpreter: 2-D __memcpy, pooling, __bang_mlp, element-wise
// functions, checked against plain C++ loops over DIALECTS.md's formulas.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
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

TEST(BangIntrinsics, ArgmaxAndArgminStoreTheValueAndTheFirstIndexBits) {
  // Float: the index is the uint32 right after the value; the maximum occurs twice (first wins).
  const int n = 40;
  Kernel k =
      task("arg", {gdram("S", n), gdram("D", 4)}, {nram("s", n), nram("mx", 2), nram("mn", 2)},
           Block::make({call("__memcpy", {at("s"), at("S"), i32(n * 4), dir(GDRAM2NRAM)}),
                        call("__bang_argmax", {at("mx"), at("s"), i32(n)}),
                        call("__bang_argmin", {at("mn"), at("s"), i32(n)}),
                        call("__memcpy", {at("D"), at("mx"), i32(8), dir(NRAM2GDRAM)}),
                        call("__memcpy", {at("D", 2), at("mn"), i32(8), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> b{{"S", random_f32(n, 11)},
                                      {"D", HostBuffer(Type::f32(), {4})}};
  int max_at = 0, min_at = 0;
  for (int i = 1; i < n; ++i) {
    if (b["S"].get(i) > b["S"].get(max_at))
      max_at = i;
    if (b["S"].get(i) < b["S"].get(min_at))
      min_at = i;
  }
  b["S"].set(n - 1, b["S"].get(max_at)); // a later tie does not move the index
  RunResult r = run(k, target_by_name("bang"), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto bits_after = [&](int element) {
    std::uint32_t bits;
    std::memcpy(&bits, b["D"].data() + element * 4, 4);
    return bits;
  };
  EXPECT_EQ(b["D"].get(0), b["S"].get(max_at));
  EXPECT_EQ(bits_after(1), static_cast<std::uint32_t>(max_at));
  EXPECT_EQ(b["D"].get(2), b["S"].get(min_at));
  EXPECT_EQ(bits_after(3), static_cast<std::uint32_t>(min_at));

  // Half: the uint32 index starts at byte offset 2 (elements 1 and 2 hold its low and high bits).
  const int m = 3000;
  Buffer src = Buffer::make("h", Type::f16(), {make_int(m)}, MemoryScope::Nram);
  Buffer dst = Buffer::make("hd", Type::f16(), {make_int(4)}, MemoryScope::Nram);
  Buffer out = Buffer::make("HD", Type::f16(), {make_int(4)}, MemoryScope::Gdram);
  Buffer in = Buffer::make("H", Type::f16(), {make_int(m)}, MemoryScope::Gdram);
  auto h_at = [](const char* buffer, std::int64_t offset = 0) {
    return Address::make(Type::f16(), buffer, {make_int(offset)});
  };
  Kernel kh =
      task("argh", {in, out}, {src, dst},
           Block::make({call("__memcpy", {h_at("h"), h_at("H"), i32(m * 2), dir(GDRAM2NRAM)}),
                        call("__bang_argmax", {h_at("hd"), h_at("h"), i32(m)}),
                        call("__memcpy", {h_at("HD"), h_at("hd"), i32(8), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> bh{{"H", HostBuffer(Type::f16(), {m})},
                                       {"HD", HostBuffer(Type::f16(), {4})}};
  for (int i = 0; i < m; ++i)
    bh["H"].set(i, std::sin(i * 0.37) * 8);
  bh["H"].set(2777, 100.0);
  r = run(kh, target_by_name("bang"), bh);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  std::uint32_t index;
  std::memcpy(&index, bh["HD"].data() + 2, 4);
  EXPECT_EQ(bh["HD"].get(0), 100.0);
  EXPECT_EQ(index, 2777u);
}

TEST(BangIntrinsics, ConvolutionOverHwcTilesWithBiasAndDilation) {
  const int Ci = 3, H = 7, W = 6, Kh = 3, Kw = 2, Sw = 1, Sh = 2, Co = 4, Dw = 2, Dh = 1;
  const int Ho = (H - ((Kh - 1) * Dh + 1)) / Sh + 1, Wo = (W - ((Kw - 1) * Dw + 1)) / Sw + 1;
  const int Wo1 = (W - Kw) / Sw + 1; // without dilation
  Buffer filter = Buffer::make("w", Type::f32(), {make_int(Co * Kh * Kw * Ci)}, MemoryScope::Wram);
  Kernel k = task(
      "conv",
      {gdram("S", H * W * Ci), gdram("F", Co * Kh * Kw * Ci), gdram("B", Co),
       gdram("D", Ho * Wo * Co), gdram("E", Ho * Wo1 * Co)},
      {nram("s", H * W * Ci), nram("b", Co), nram("d", Ho * Wo * Co), nram("e", Ho * Wo1 * Co),
       filter},
      Block::make(
          {call("__memcpy", {at("s"), at("S"), i32(H * W * Ci * 4), dir(GDRAM2NRAM)}),
           call("__memcpy", {at("w"), at("F"), i32(Co * Kh * Kw * Ci * 4), dir(GDRAM2WRAM)}),
           call("__memcpy", {at("b"), at("B"), i32(Co * 4), dir(GDRAM2NRAM)}),
           call("__bang_conv", {at("d"), at("s"), at("w"), at("b"), i32(Ci), i32(H), i32(W),
                                i32(Kh), i32(Kw), i32(Sw), i32(Sh), i32(Co), i32(Dw), i32(Dh)}),
           call("__bang_conv", {at("e"), at("s"), at("w"), i32(Ci), i32(H), i32(W), i32(Kh),
                                i32(Kw), i32(Sw), i32(Sh), i32(Co)}),
           call("__memcpy", {at("D"), at("d"), i32(Ho * Wo * Co * 4), dir(NRAM2GDRAM)}),
           call("__memcpy", {at("E"), at("e"), i32(Ho * Wo1 * Co * 4), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> b{{"S", random_f32(H * W * Ci, 21)},
                                      {"F", random_f32(Co * Kh * Kw * Ci, 22)},
                                      {"B", random_f32(Co, 23)},
                                      {"D", HostBuffer(Type::f32(), {Ho * Wo * Co})},
                                      {"E", HostBuffer(Type::f32(), {Ho * Wo1 * Co})}};
  RunResult r = run(k, target_by_name("bang"), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto conv = [&](int ho, int wo, int co, int dh, int dw, bool bias) {
    float sum = bias ? static_cast<float>(b["B"].get(co)) : 0.0f;
    for (int kh = 0; kh < Kh; ++kh)
      for (int kw = 0; kw < Kw; ++kw)
        for (int ci = 0; ci < Ci; ++ci)
          sum += static_cast<float>(
                     b["S"].get(((ho * Sh + kh * dh) * W + wo * Sw + kw * dw) * Ci + ci)) *
                 static_cast<float>(b["F"].get(((co * Kh + kh) * Kw + kw) * Ci + ci));
    return sum;
  };
  for (int ho = 0; ho < Ho; ++ho)
    for (int wo = 0; wo < Wo; ++wo)
      for (int co = 0; co < Co; ++co)
        EXPECT_EQ(b["D"].get((ho * Wo + wo) * Co + co), conv(ho, wo, co, Dh, Dw, true))
            << ho << " " << wo << " " << co;
  for (int ho = 0; ho < Ho; ++ho)
    for (int wo = 0; wo < Wo1; ++wo)
      for (int co = 0; co < Co; ++co)
        EXPECT_EQ(b["E"].get((ho * Wo1 + wo) * Co + co), conv(ho, wo, co, 1, 1, false));
}

TEST(BangIntrinsics, TableActivationsFollowTheDocumentedCutoffs) {
  const int n = 9;
  const double xs[n] = {-9.0, -7.8, -4.0, -3.0, -0.5, 0.0, 0.7, 7.8, 10.0};
  Kernel k =
      task("act", {gdram("X", n), gdram("E", n), gdram("S", n), gdram("G", n), gdram("M", n)},
           {nram("x", n), nram("e", n), nram("s", n), nram("g", n), nram("m", n)},
           Block::make({call("__memcpy", {at("x"), at("X"), i32(n * 4), dir(GDRAM2NRAM)}),
                        call("__bang_active_exp", {at("e"), at("x"), i32(n)}),
                        call("__bang_active_sigmoid", {at("s"), at("x"), i32(n)}),
                        call("__bang_active_gelu", {at("g"), at("x"), i32(n)}),
                        call("__memset_nram", {at("m"), i32(n), make_float(2.5, Type::f32())}),
                        call("__memcpy", {at("E"), at("e"), i32(n * 4), dir(NRAM2GDRAM)}),
                        call("__memcpy", {at("S"), at("s"), i32(n * 4), dir(NRAM2GDRAM)}),
                        call("__memcpy", {at("G"), at("g"), i32(n * 4), dir(NRAM2GDRAM)}),
                        call("__memcpy", {at("M"), at("m"), i32(n * 4), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> b{{"X", HostBuffer(Type::f32(), {n})}};
  for (const char* name : {"E", "S", "G", "M"})
    b.emplace(name, HostBuffer(Type::f32(), {n}));
  for (int i = 0; i < n; ++i)
    b["X"].set(i, xs[i]);
  RunResult r = run(k, target_by_name("bang"), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int i = 0; i < n; ++i) {
    const double x = static_cast<float>(xs[i]);
    const float e = x < -7.75 ? 5.96e-8f : static_cast<float>(std::exp(x));
    const float s = x < -7.75  ? 0.0f
                    : x > 7.75 ? 1.0f
                               : static_cast<float>(1.0 / (1.0 + std::exp(-x)));
    const float g =
        x < -3.875 ? -5.96e-8f : static_cast<float>(0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))));
    EXPECT_EQ(b["E"].get(i), e) << x;
    EXPECT_EQ(b["S"].get(i), s) << x;
    EXPECT_NEAR(b["G"].get(i), g, 1e-7) << x;
    EXPECT_EQ(b["M"].get(i), 2.5);
  }
}

} // namespace
} // namespace xir::interp
