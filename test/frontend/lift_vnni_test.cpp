// Lifted VNNI (C++ with AVX-512 intrinsics and OpenMP) entries run on the reference interpreter and
// agree with plain C++ loops; unsupported constructs are diagnostics with a location.

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;

const Kernel& only_kernel(const LiftResult& r) {
  EXPECT_EQ(r.module->kernels.size(), 1u);
  return r.module->kernels.front();
}

HostBuffer random_floats(std::int64_t n, std::mt19937& rng) {
  HostBuffer b(Type::f32(), {n});
  std::uniform_real_distribution<float> dist(-2.0f, 2.0f);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng));
  return b;
}

// Runs `kernel` with every `<buffer>_extent` parameter set to its buffer's element count.
void run(const Kernel& kernel, std::map<std::string, HostBuffer>& buffers, std::map<std::string, ScalarValue> scalars) {
  for (const auto& [name, buffer] : buffers) scalars[name + "_extent"] = ScalarValue::i64(buffer.element_count());
  auto result = interp::run(kernel, target_by_name("vnni"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
}

int count_loops(const Stmt& s, ForKind kind) {
  if (!s.defined()) return 0;
  if (const auto* f = s.as<For>()) return (f->kind == kind ? 1 : 0) + count_loops(f->body, kind);
  if (const auto* b = s.as<Block>()) {
    int n = 0;
    for (const Stmt& x : b->stmts) n += count_loops(x, kind);
    return n;
  }
  if (const auto* a = s.as<Allocate>()) return count_loops(a->body, kind);
  if (const auto* l = s.as<LetStmt>()) return count_loops(l->body, kind);
  if (const auto* i = s.as<IfThenElse>()) return count_loops(i->then_case, kind) + count_loops(i->else_case, kind);
  return 0;
}

TEST(LiftVnni, MaskedTailNeverTouchesMemoryPastTheEnd) {
  constexpr const char* source = R"(#include <immintrin.h>
extern "C" void run_scale(const float* A, float* C, int n, float s) {
  const __m512 factor = _mm512_set1_ps(s);
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i += 16) {
    const int remaining = n - i;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    const __m512 a = _mm512_maskz_loadu_ps(lanes, A + i);
    _mm512_mask_storeu_ps(C + i, lanes, _mm512_fmadd_ps(a, factor, _mm512_set1_ps(1.0f)));
  }
}
)";
  LiftResult r = lift_source(source, "scale.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const Kernel& kernel = only_kernel(r);
  EXPECT_EQ(count_loops(kernel.body, ForKind::Parallel), 1);
  for (int n : {37, 16, 5}) {  // a tail of 5 lanes, none, and a single partial vector
    std::mt19937 rng(n);
    // Buffers of exactly n elements: the interpreter fails any access past them.
    std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {n})}};
    run(kernel, buffers, {{"n", ScalarValue::i32(n)}, {"s", ScalarValue::f32(0.5f)}});
    for (int i = 0; i < n; ++i)
      ASSERT_FLOAT_EQ(buffers["C"].get(i), std::fma(static_cast<float>(buffers["A"].get(i)), 0.5f, 1.0f)) << n << " at " << i;
  }
}

TEST(LiftVnni, HorizontalReductionsPerRow) {
  constexpr const char* source = R"(#include <immintrin.h>
#include <limits>
static inline __mmask16 tail(int remaining) {
  return remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
}
extern "C" void run_stats(const float* A, float* sums, float* maxima, int rows, int n) {
#pragma omp parallel for
  for (int r = 0; r < rows; ++r) {
    __m512 sum = _mm512_setzero_ps();
    const __m512 lowest = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    __m512 best = lowest;
    int i = 0;
    for (; i + 16 <= n; i += 16) {
      const __m512 x = _mm512_loadu_ps(A + r * n + i);
      sum = _mm512_add_ps(sum, x);
      best = _mm512_max_ps(best, x);
    }
    if (i < n) {
      sum = _mm512_add_ps(sum, _mm512_maskz_loadu_ps(tail(n - i), A + r * n + i));
      best = _mm512_max_ps(best, _mm512_mask_loadu_ps(lowest, tail(n - i), A + r * n + i));
    }
    sums[r] = _mm512_reduce_add_ps(sum);
    maxima[r] = _mm512_reduce_max_ps(best);
  }
}
)";
  LiftResult r = lift_source(source, "stats.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int rows = 3, n = 45;
  std::mt19937 rng(11);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(rows * n, rng)},
                                            {"sums", HostBuffer(Type::f32(), {rows})},
                                            {"maxima", HostBuffer(Type::f32(), {rows})}};
  run(only_kernel(r), buffers, {{"rows", ScalarValue::i32(rows)}, {"n", ScalarValue::i32(n)}});
  for (int row = 0; row < rows; ++row) {
    double sum = 0, best = -INFINITY;
    for (int i = 0; i < n; ++i) {
      sum += buffers["A"].get(row * n + i);
      best = std::max(best, buffers["A"].get(row * n + i));
    }
    EXPECT_NEAR(buffers["sums"].get(row), sum, 1e-4);
    EXPECT_EQ(buffers["maxima"].get(row), best);
  }
}

TEST(LiftVnni, OpenMpCollapseAndParallelRegionWithPrivateScratch) {
  constexpr const char* source = R"(#include <immintrin.h>
#include <omp.h>
#include <vector>
extern "C" void run_grid(const float* A, float* B, float* C, int rows, int cols) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      B[i * cols + j] = A[i * cols + j] * 2.0f + i;
#pragma omp parallel
  {
    std::vector<float> scratch(cols);
#pragma omp for schedule(dynamic)
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) scratch[j] = A[i * cols + j];
      for (int j = 0; j < cols; ++j) C[i * cols + j] = scratch[cols - 1 - j];
    }
  }
}
)";
  LiftResult r = lift_source(source, "grid.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const Kernel& kernel = only_kernel(r);
  EXPECT_EQ(count_loops(kernel.body, ForKind::Parallel), 3);  // two collapsed loops and the omp for
  const int rows = 5, cols = 7;
  std::mt19937 rng(3);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(rows * cols, rng)},
                                            {"B", HostBuffer(Type::f32(), {rows * cols})},
                                            {"C", HostBuffer(Type::f32(), {rows * cols})}};
  run(kernel, buffers, {{"rows", ScalarValue::i32(rows)}, {"cols", ScalarValue::i32(cols)}});
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) {
      ASSERT_FLOAT_EQ(buffers["B"].get(i * cols + j), static_cast<float>(buffers["A"].get(i * cols + j)) * 2.0f + i);
      ASSERT_FLOAT_EQ(buffers["C"].get(i * cols + j), buffers["A"].get(i * cols + cols - 1 - j));
    }
}

TEST(LiftVnni, DpbusdDotProductIsExact) {
  // C[n] = sum_k A[k] * B[n][k] over u8 x s8 in 32-bit lanes: four k per lane, 16 outputs at once.
  constexpr const char* source = R"(#include <immintrin.h>
#include <cstdint>
extern "C" void run_dot(const uint8_t* A, const int8_t* Bt, int32_t* C, int groups) {
  __m512i acc = _mm512_setzero_si512();
  for (int g = 0; g < groups; ++g) {
    const uint32_t word = uint32_t(A[4 * g]) | uint32_t(A[4 * g + 1]) << 8 | uint32_t(A[4 * g + 2]) << 16 |
                          uint32_t(A[4 * g + 3]) << 24;
    acc = _mm512_dpbusd_epi32(acc, _mm512_set1_epi32(static_cast<int>(word)), _mm512_loadu_si512(Bt + 64 * g));
  }
  _mm512_mask_storeu_epi32(C, 0xFFFF, acc);
}
)";
  LiftResult r = lift_source(source, "dot.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int groups = 6;
  std::mt19937 rng(5);
  HostBuffer a(Type::u8(), {4 * groups}), bt(Type::i8(), {64 * groups});
  std::uniform_int_distribution<int> byte(0, 255), signed_byte(-128, 127);
  for (int i = 0; i < 4 * groups; ++i) a.set(i, byte(rng));
  for (int i = 0; i < 64 * groups; ++i) bt.set(i, signed_byte(rng));
  std::map<std::string, HostBuffer> buffers{{"A", a}, {"Bt", bt}, {"C", HostBuffer(Type::i32(), {16})}};
  run(only_kernel(r), buffers, {{"groups", ScalarValue::i32(groups)}});
  for (int lane = 0; lane < 16; ++lane) {
    std::int64_t want = 0;
    for (int g = 0; g < groups; ++g)
      for (int k = 0; k < 4; ++k)
        want += static_cast<std::int64_t>(a.get(4 * g + k)) * static_cast<std::int64_t>(bt.get(64 * g + 4 * lane + k));
    EXPECT_EQ(static_cast<std::int64_t>(buffers["C"].get(lane)), want) << "lane " << lane;
  }
}

TEST(LiftVnni, HalfBitPatternsWidenExactly) {
  constexpr const char* source = R"(#include <immintrin.h>
#include <cstdint>
extern "C" void run_widen(const uint16_t* H, float* F, int n) {
  for (int i = 0; i < n; i += 16) {
    const __mmask16 lanes = n - i >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << (n - i)) - 1u);
    _mm512_mask_storeu_ps(F + i, lanes, _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(lanes, H + i)));
  }
}
)";
  LiftResult r = lift_source(source, "widen.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  // Normal, subnormal, zero and negative halves: 1.0, -2.5, 65504, 2^-24, 0, -0.0009765625, 0.333251953125.
  const std::vector<std::pair<std::uint16_t, float>> halves = {
      {0x3C00, 1.0f}, {0xC100, -2.5f}, {0x7BFF, 65504.0f}, {0x0001, 0x1p-24f},
      {0x0000, 0.0f}, {0x9400, -0.0009765625f}, {0x3555, 0.333251953125f}};
  const int n = 21;
  HostBuffer h(Type::u16(), {n});
  for (int i = 0; i < n; ++i) h.set(i, halves[i % halves.size()].first);
  std::map<std::string, HostBuffer> buffers{{"H", h}, {"F", HostBuffer(Type::f32(), {n})}};
  run(only_kernel(r), buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) EXPECT_EQ(buffers["F"].get(i), halves[i % halves.size()].second) << "at " << i;
}

TEST(LiftVnni, BreakEndsASerialLoop) {
  constexpr const char* source = R"(extern "C" void run_prefix(const float* A, float* C, int n) {
  for (int i = 0; i < n; ++i) {
    if (A[i] < 0.0f)
      break;
    C[i] = A[i] * 3.0f;
  }
}
)";
  LiftResult r = lift_source(source, "prefix.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int n = 12;
  HostBuffer a(Type::f32(), {n});
  for (int i = 0; i < n; ++i) a.set(i, i == 5 || i == 9 ? -1.0 : i + 0.5);
  std::map<std::string, HostBuffer> buffers{{"A", a}, {"C", HostBuffer(Type::f32(), {n})}};
  run(only_kernel(r), buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) EXPECT_EQ(buffers["C"].get(i), i < 5 ? (i + 0.5) * 3.0 : 0.0) << "at " << i;
}

TEST(LiftVnni, StructOfVectorsReturnedByValueAndPassedByReference) {
  // A function fills and returns a struct of scalars and std::vectors; a parallel loop reads it
  // through a const reference (the shape of the corpus's packed gemm operands).
  constexpr const char* source = R"(#include <cstddef>
#include <vector>
namespace {
struct Packed {
  int count = 0;
  int bias = 3;
  std::vector<int> doubled;
  std::vector<float> halves;
};
Packed pack(const int* A, int n) {
  Packed p;
  p.count = n;
  p.doubled.assign(static_cast<std::size_t>(n) + 2, 7);
  p.halves.resize(n);
  for (int i = 0; i < n; ++i) {
    p.doubled[i] = 2 * A[i];
    p.halves[i] = A[i] * 0.5f;
  }
  return p;
}
void consume(const Packed& p, int* C, float* D, int i) {
  C[i] = p.doubled[i] + p.bias + static_cast<int>(p.halves.size());
  const float* h = p.halves.data();
  if (i < p.count) D[i] = h[i];
}
}
extern "C" void run_pack(const int* A, int* C, float* D, int n) {
  const Packed packed = pack(A, n);
  const int total = static_cast<int>(packed.doubled.size());
#pragma omp parallel for schedule(static)
  for (int i = 0; i < total; ++i) consume(packed, C, D, i);
}
)";
  LiftResult r = lift_source(source, "pack.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  for (int n : {9, 1}) {
    HostBuffer a(Type::i32(), {n});
    for (int i = 0; i < n; ++i) a.set(i, 5 * i - 11);
    std::map<std::string, HostBuffer> buffers{
        {"A", a}, {"C", HostBuffer(Type::i32(), {n + 2})}, {"D", HostBuffer(Type::f32(), {n})}};
    run(only_kernel(r), buffers, {{"n", ScalarValue::i32(n)}});
    for (int i = 0; i < n + 2; ++i) {
      const int doubled = i < n ? 2 * (5 * i - 11) : 7;
      EXPECT_EQ(buffers["C"].get(i), doubled + 3 + n) << n << " at " << i;
    }
    for (int i = 0; i < n; ++i) EXPECT_EQ(buffers["D"].get(i), (5 * i - 11) * 0.5) << n << " at " << i;
  }
}

TEST(LiftVnni, StructWithPointerFieldsReturnedByValue) {
  constexpr const char* source = R"(#include <vector>
struct View {
  const float* base = nullptr;
  int stride = 0;
  std::vector<float> scratch;
};
View make_view(const float* A, int offset, int stride, int n) {
  View v;
  v.base = A + offset;
  v.base += 1;
  v.stride = stride;
  v.scratch.assign(n, 0.25f);
  return v;
}
extern "C" void run_view(const float* A, float* C, int n) {
  const View v = make_view(A, 1, 2, n);
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; ++i) C[i] = v.base[i * v.stride] + v.scratch[n - 1 - i];
}
)";
  LiftResult r = lift_source(source, "view.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int n = 7;
  std::mt19937 rng(3);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(2 * n + 1, rng)}, {"C", HostBuffer(Type::f32(), {n})}};
  run(only_kernel(r), buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(buffers["C"].get(i), static_cast<float>(buffers["A"].get(2 + 2 * i)) + 0.25f) << "at " << i;
}

TEST(LiftVnni, UnsupportedConstructsAreLocatedDiagnostics) {
  const auto first_error = [](const char* source) {
    LiftResult r = lift_source(source, "bad.cpp", Dialect::Vnni);
    EXPECT_FALSE(r.ok());
    return r.diagnostics.empty() ? std::string() : format_diagnostic_header(r.diagnostics.back());
  };
  EXPECT_EQ(first_error(R"(#include <immintrin.h>
extern "C" void run_total(const float* A, float* C, int n) {
  int k = 0;
#pragma omp parallel for linear(k : 1)
  for (int i = 0; i < n; ++i) C[i] = A[i] + k;
}
)"),
            "bad.cpp:4:1: error: the OpenMP clause `linear` is not supported by the vnni frontend");
  EXPECT_EQ(first_error(R"(#include <immintrin.h>
extern "C" void run_copy(const float* A, float* C) {
  _mm512_storeu_ps(C, _mm512_sqrt_ps(_mm512_rsqrt14_ps(_mm512_loadu_ps(A))));
}
)"),
            "bad.cpp:3:38: error: the intrinsic `_mm512_rsqrt14_ps` is not supported by the vnni frontend");
  EXPECT_EQ(first_error(R"(#include <vector>
struct Rows { std::vector<float> v; };
extern "C" void run_rows(float* C, int n) {
  Rows r;
  for (int i = 0; i < n; ++i) { r.v.assign(4, 1.0f); }
  C[0] = r.v[0];
}
)"),
            "bad.cpp:5:33: error: sizing a std::vector field in a loop or branch below its struct's declaration is not "
            "supported by the vnni frontend");
  EXPECT_EQ(first_error(R"(#include <vector>
struct Rows { std::vector<float> v; };
extern "C" void run_rows(float* C) {
  Rows r;
  C[0] = r.v[0];
}
)"),
            "bad.cpp:5:10: error: the std::vector field `v` before it is given a size is not supported by the vnni "
            "frontend");
}

// Clang accepts `$` and UTF-8 in identifiers, and the C ABI keeps them: the textual IR does too.
TEST(LiftVnni, NamesWithDollarAndUtf8RoundTripThroughText) {
  LiftResult r = lift_source(R"(#include <immintrin.h>
extern "C" void run_scale$(const float* x, float* y, int n, float gr\u00f6\u00dfe) {
  for (int i = 0; i < n; ++i) y[i] = x[i] * gr\u00f6\u00dfe;
}
)", "names.cpp", Dialect::Vnni);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  ASSERT_EQ(r.module->kernels.front().name, "run_scale$");
  const std::string printed = print(*r.module);
  ModuleParseResult again = parse_module(printed, "names.xir");
  ASSERT_TRUE(again) << format_diagnostic(*again.error, printed);
  EXPECT_EQ(print(*again.module), printed);
  EXPECT_NE(printed.find("f32 gr\xc3\xb6\xc3\x9f" "e"), std::string::npos) << printed;
}

} // namespace
} // namespace xir::frontend
