// BANG kernels using __bang_div (5-operand form; the 4-operand forms are absent on mtp_372),
// __bang_move (1-D, 2-D), the 3-D __memcpy, __bang_active_recip, __bang_sigmoid, __bang_max and
// the biased __bang_matmul / __bang_mlp: lifted, run on the interpreter and compared with plain C++
// loops over DIALECTS.md 1.4-1.9; calls that break the documented rules are diagnosed.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "common/half_bits.h"
#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;
using test::half_bits;
using test::half_value;

std::string first_error(const LiftResult& r) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::Error) return format_diagnostic_header(d);
  return "";
}

const Kernel& only_kernel(const LiftResult& r) {
  if (!r.ok() || r.module->kernels.size() != 1) throw std::runtime_error("expected one lifted kernel");
  return r.module->kernels.front();
}

HostBuffer random_floats(std::int64_t n, unsigned seed, float low, float high) {
  HostBuffer b(Type::f32(), {n});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(low, high);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng));
  return b;
}

// Runs a one-task kernel lifted from `source` whose parameters are the buffers in `buffers` (each
// with its `_extent`).
void run_one_task(const std::string& source, std::map<std::string, HostBuffer>& buffers) {
  LiftResult r = lift_source(source, "ops.mlu", Dialect::Bang);
  ASSERT_TRUE(r.ok()) << first_error(r);
  std::map<std::string, ScalarValue> scalars = {{"taskDimX", ScalarValue::from_int(ScalarKind::U32, 1)},
                                                {"taskDimY", ScalarValue::from_int(ScalarKind::U32, 1)},
                                                {"taskDimZ", ScalarValue::from_int(ScalarKind::U32, 1)}};
  for (const auto& [name, buffer] : buffers) scalars[name + "_extent"] = ScalarValue::i64(buffer.element_count());
  auto result = interp::run(only_kernel(r), target_by_name("bang"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
}

TEST(LiftBangOps, DeprecatedDivisionOfFloats) {
  // 96 floats = 384 bytes, a multiple of 128; tmp is the n-element scratch buffer.
  const std::string source = R"(#include <bang.h>
__nram__ float x[96];
__nram__ float y[96];
__nram__ float q[96];
__nram__ float scratch[96];
__mlu_global__ void divide(const float *a, const float *b, float *out) {
  __memcpy(x, a, 96 * sizeof(float), GDRAM2NRAM);
  __memcpy(y, b, 96 * sizeof(float), GDRAM2NRAM);
  __bang_div(q, x, y, scratch, 96);
  __memcpy(out, q, 96 * sizeof(float), NRAM2GDRAM);
}
)";
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("a", random_floats(96, 3, -50.0f, 50.0f));
  buffers.emplace("b", random_floats(96, 4, 0.25f, 9.0f));
  buffers.emplace("out", HostBuffer(Type::f32(), {96}));
  run_one_task(source, buffers);
  for (int i = 0; i < 96; ++i) {
    const float want = static_cast<float>(buffers.at("a").get(i)) / static_cast<float>(buffers.at("b").get(i));
    EXPECT_EQ(static_cast<float>(buffers.at("out").get(i)), want) << "at " << i;
  }
}

TEST(LiftBangOps, DeprecatedDivisionOfHalvesRoundsToNearest) {
  // 64 halves = 128 bytes. Quotients like 1/3, 5/7, 1000/3 are not halves: the result must be the
  // nearest half of the exact quotient (computed here in double and rounded once by the compiler's
  // _Float16 conversion), which truncation or a coarser intermediate would miss.
  const std::string source = R"(#include <bang.h>
__nram__ half x[64];
__nram__ half y[64];
__nram__ half q[64];
__nram__ half scratch[64];
__mlu_global__ void divide(const half *a, const half *b, half *out) {
  __memcpy(x, a, 64 * sizeof(half), GDRAM2NRAM);
  __memcpy(y, b, 64 * sizeof(half), GDRAM2NRAM);
  __bang_div(q, x, y, scratch, 64);
  __memcpy(out, q, 64 * sizeof(half), NRAM2GDRAM);
}
)";
  std::map<std::string, HostBuffer> buffers;
  HostBuffer a(Type::f16(), {64}), b(Type::f16(), {64});
  const float divisors[] = {3.0f, 7.0f, 11.0f, 0.1f, 9.5f, -6.0f, 13.0f, 2049.0f};
  for (int i = 0; i < 64; ++i) {
    a.set_bits16(i, half_bits(static_cast<_Float16>(static_cast<float>(i * 37 % 2000) - 700.0f + 0.5f * (i % 2))));
    b.set_bits16(i, half_bits(static_cast<_Float16>(divisors[i % 8])));
  }
  buffers.emplace("a", a);
  buffers.emplace("b", b);
  buffers.emplace("out", HostBuffer(Type::f16(), {64}));
  run_one_task(source, buffers);
  int rounded_up = 0, rounded_down = 0;
  for (int i = 0; i < 64; ++i) {
    const double exact = half_value(a.bits16(i)) / half_value(b.bits16(i));
    const _Float16 want = static_cast<_Float16>(exact);
    EXPECT_EQ(buffers.at("out").bits16(i), half_bits(want)) << "at " << i << ": " << exact;
    if (std::abs(static_cast<double>(want)) > std::abs(exact)) ++rounded_up;
    if (std::abs(static_cast<double>(want)) < std::abs(exact)) ++rounded_down;
  }
  // The inputs exercise both rounding directions.
  EXPECT_GT(rounded_up, 5);
  EXPECT_GT(rounded_down, 5);
}

TEST(LiftBangOps, OneAndTwoDimensionalMoves) {
  // A 6 x 10 tile in NRAM: a 1-D move copies row 1 (bytes 40..80) to `row`; a 2-D move gathers
  // columns 3..6 of rows 0..5 (4 floats from every 40-byte row) into a tile with 24-byte rows.
  const std::string source = R"(#include <bang.h>
__nram__ float tile[60];
__nram__ float row[10];
__nram__ float block[36];
__mlu_global__ void moves(const float *a, float *row_out, float *block_out) {
  __memcpy(tile, a, 60 * sizeof(float), GDRAM2NRAM);
  __bang_write_zero(block, 36);
  __bang_move(row, tile + 10, 10 * sizeof(float));
  __bang_move(block, tile + 3, 4 * sizeof(float), 6 * sizeof(float), 10 * sizeof(float), 5);
  __memcpy(row_out, row, 10 * sizeof(float), NRAM2GDRAM);
  __memcpy(block_out, block, 36 * sizeof(float), NRAM2GDRAM);
}
)";
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("a", random_floats(60, 7, -3.0f, 3.0f));
  buffers.emplace("row_out", HostBuffer(Type::f32(), {10}));
  buffers.emplace("block_out", HostBuffer(Type::f32(), {36}));
  run_one_task(source, buffers);
  const HostBuffer& a = buffers.at("a");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(buffers.at("row_out").get(i), a.get(10 + i)) << "row at " << i;
  // segnum 5: six segments; dst_stride 24 bytes = 6 floats, of which the first 4 are written.
  std::vector<double> want(36, 0.0);
  for (int segment = 0; segment <= 5; ++segment)
    for (int e = 0; e < 4; ++e) want[segment * 6 + e] = a.get(segment * 10 + 3 + e);
  for (int i = 0; i < 36; ++i) EXPECT_EQ(buffers.at("block_out").get(i), want[i]) << "block at " << i;
}

TEST(LiftBangOps, ThreeDimensionalMemcpyWalksBothGrids) {
  // Source: 3 x 2 segments of 2 floats (stride0 12 bytes, stride1 40 bytes) out of a 32-float
  // GDRAM array; destination: 2 x 3 segments (stride0 8 bytes, stride1 24 bytes) in NRAM. Segment k
  // is read at source position (k % 3, k / 3) and written at destination position (k % 2, k / 2).
  const std::string source = R"(#include <bang.h>
__nram__ float grid[18];
__mlu_global__ void gather(const float *a, float *out) {
  __bang_write_zero(grid, 18);
  __memcpy(grid, a + 1, 2 * sizeof(float), GDRAM2NRAM, 8, 1, 24, 2, 12, 2, 40, 1);
  __memcpy(out, grid, 18 * sizeof(float), NRAM2GDRAM);
}
)";
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("a", random_floats(32, 11, -1.0f, 1.0f));
  buffers.emplace("out", HostBuffer(Type::f32(), {18}));
  run_one_task(source, buffers);
  std::vector<double> want(18, 0.0);
  for (int k = 0; k < 6; ++k) {
    const int from = 1 + (k % 3) * 3 + (k / 3) * 10;  // in floats: strides 12 and 40 bytes
    const int to = (k % 2) * 2 + (k / 2) * 6;          // strides 8 and 24 bytes
    for (int e = 0; e < 2; ++e) want[to + e] = buffers.at("a").get(from + e);
  }
  for (int i = 0; i < 18; ++i) EXPECT_EQ(buffers.at("out").get(i), want[i]) << "at " << i;
}

TEST(LiftBangOps, RecipSigmoidMaxAndBiasedMatrixProducts) {
  // M = 3, K = 5, N = 4: out = A * B + C with B stored as N rows of K in WRAM; mlp: 4 outputs of 6
  // inputs plus a bias; element-wise active_recip and sigmoid; __bang_max stores the maximum and
  // the index of its first occurrence as uint32 bits right after it.
  const std::string source = R"(#include <bang.h>
__nram__ float a[15];
__wram__ float bt[20];
__nram__ float c[12];
__nram__ float prod[12];
__nram__ float v[6];
__nram__ float bias[4];
__wram__ float w[24];
__nram__ float fc[4];
__nram__ float x[32];
__nram__ float y[32];
__nram__ float best[32];
__mlu_global__ void ops(const float *A, const float *BT, const float *C, const float *V, const float *BIAS,
                        const float *W, const float *X, float *PROD, float *FC, float *RECIP, float *SIG,
                        float *BEST) {
  __memcpy(a, A, 15 * sizeof(float), GDRAM2NRAM);
  __memcpy(bt, BT, 20 * sizeof(float), GDRAM2WRAM);
  __memcpy(c, C, 12 * sizeof(float), GDRAM2NRAM);
  __bang_matmul(prod, a, bt, c, 3, 5, 4);
  __memcpy(PROD, prod, 12 * sizeof(float), NRAM2GDRAM);
  __memcpy(v, V, 6 * sizeof(float), GDRAM2NRAM);
  __memcpy(bias, BIAS, 4 * sizeof(float), GDRAM2NRAM);
  __memcpy(w, W, 24 * sizeof(float), GDRAM2WRAM);
  __bang_mlp(fc, v, bias, w, 4, 6);
  __memcpy(FC, fc, 4 * sizeof(float), NRAM2GDRAM);
  __memcpy(x, X, 32 * sizeof(float), GDRAM2NRAM);
  __bang_active_recip(y, x, 32);
  __memcpy(RECIP, y, 32 * sizeof(float), NRAM2GDRAM);
  __bang_sigmoid(y, x, 32);
  __memcpy(SIG, y, 32 * sizeof(float), NRAM2GDRAM);
  __bang_max(best, x, 32);
  __memcpy(BEST, best, 2 * sizeof(float), NRAM2GDRAM);
}
)";
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("A", random_floats(15, 21, -2.0f, 2.0f));
  buffers.emplace("BT", random_floats(20, 22, -2.0f, 2.0f));
  buffers.emplace("C", random_floats(12, 23, -2.0f, 2.0f));
  buffers.emplace("V", random_floats(6, 24, -2.0f, 2.0f));
  buffers.emplace("BIAS", random_floats(4, 25, -2.0f, 2.0f));
  buffers.emplace("W", random_floats(24, 26, -2.0f, 2.0f));
  HostBuffer x = random_floats(32, 27, 0.0078125f, 60.0f);
  x.set(19, 75.5);  // the maximum, also at 23
  x.set(23, 75.5);
  buffers.emplace("X", x);
  for (auto [name, n] : {std::pair<const char*, int>{"PROD", 12}, {"FC", 4}, {"RECIP", 32}, {"SIG", 32}, {"BEST", 2}})
    buffers.emplace(name, HostBuffer(Type::f32(), {n}));
  run_one_task(source, buffers);
  auto in = [&](const char* name, int i) { return static_cast<float>(buffers.at(name).get(i)); };
  for (int m = 0; m < 3; ++m)
    for (int n = 0; n < 4; ++n) {
      float want = in("C", m * 4 + n);
      for (int k = 0; k < 5; ++k) want += in("A", m * 5 + k) * in("BT", n * 5 + k);
      EXPECT_EQ(in("PROD", m * 4 + n), want) << m << "," << n;
    }
  for (int h = 0; h < 4; ++h) {
    float want = in("BIAS", h);
    for (int i = 0; i < 6; ++i) want += in("W", h * 6 + i) * in("V", i);
    EXPECT_EQ(in("FC", h), want) << h;
  }
  for (int i = 0; i < 32; ++i) {
    EXPECT_EQ(in("RECIP", i), 1.0f / in("X", i)) << i;
    EXPECT_EQ(in("SIG", i), static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(in("X", i)))))) << i;
  }
  EXPECT_EQ(in("BEST", 0), 75.5f);
  std::uint32_t index_bits;
  std::memcpy(&index_bits, buffers.at("BEST").data() + sizeof(float), sizeof index_bits);
  EXPECT_EQ(index_bits, 19u);
}

TEST(LiftBangOps, WriteZeroOfUnsignedBytes) {
  // u8 is one of __bang_write_zero's types (DIALECTS.md 1.4); zero bytes 32..95 of a 128-byte tile.
  const std::string source = R"(#include <bang.h>
__nram__ unsigned char tile[128];
__mlu_global__ void clear(const unsigned char *a, unsigned char *out) {
  __memcpy(tile, a, 128, GDRAM2NRAM);
  __bang_write_zero(tile + 32, 64);
  __memcpy(out, tile, 128, NRAM2GDRAM);
}
)";
  std::map<std::string, HostBuffer> buffers;
  HostBuffer a(Type::u8(), {128});
  for (int i = 0; i < 128; ++i) a.set_int(i, 1 + i % 200);
  buffers.emplace("a", a);
  buffers.emplace("out", HostBuffer(Type::u8(), {128}));
  run_one_task(source, buffers);
  for (int i = 0; i < 128; ++i)
    EXPECT_EQ(buffers.at("out").get_int(i), i >= 32 && i < 96 ? 0 : 1 + i % 200) << i;
}

void expect_diagnosed(const std::string& body, int line, const std::string& words) {
  LiftResult r = lift_source("#include <bang.h>\n" + body, "bad.mlu", Dialect::Bang);
  ASSERT_FALSE(r.ok()) << body;
  const std::string error = first_error(r);
  EXPECT_NE(error.find("bad.mlu:" + std::to_string(line) + ":"), std::string::npos) << error;
  EXPECT_NE(error.find(words), std::string::npos) << error;
}

TEST(LiftBangOps, BrokenRulesAreDiagnosedAtTheCall) {
  const std::string nram =
      "__nram__ float x[128];\n__nram__ float y[128];\n__nram__ float z[128];\n__nram__ float t[128];\n";
  // The 4-operand forms (array and scalar) do not exist on mtp_372.
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_div(x, x, y, 64);\n}\n", 7,
                   "the intrinsic `__bang_div` with 4 operands on mtp_372");
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_div(x, x, 2.0f, 64);\n}\n", 7,
                   "the intrinsic `__bang_div` with 4 operands on mtp_372");
  // 5-operand form: 100 floats are 400 bytes, not a multiple of 128; tmp may not overlap dst.
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_div(x, y, z, t, 100);\n}\n", 7,
                   "multiple of 128 bytes, not 400");
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_div(x, y, t, x + 16, 32);\n}\n", 7,
                   "dst and tmp overlap");
  // Moves stay in NRAM, copy whole elements and never shrink a stride below the segment.
  expect_diagnosed(nram + "__mlu_global__ void k(float *g) {\n  __bang_move(x, g, 64);\n}\n", 7,
                   "(it must be in nram)");
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_move(x, y, 6);\n}\n", 7,
                   "size 6 bytes is not a whole number of f32 elements");
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_move(x, y, 16, 8, 16, 3);\n}\n", 7,
                   "dst_stride 8 bytes is smaller than the segment size 16");
  expect_diagnosed(nram + "__mlu_global__ void k() {\n  __bang_div(x, y, z, t, 0);\n}\n", 7,
                   "of zero elements");
  // 3-D copies: 2 x 2 destination segments cannot take 3 x 1 source segments.
  expect_diagnosed(nram + "__mlu_global__ void k(float *g) {\n  __memcpy(x, g, 8, GDRAM2NRAM, 8, 1, 16, 1, 8, 2, 24, 0);\n}\n",
                   7, "the destination walks 4 segments but the source 3");
}

} // namespace
} // namespace xir::frontend
