// Element access on nvcuda::wmma fragments (`f.x[i]`, `f.num_elements`): lifted CUDA runs on the
// interpreter and agrees with C++ loops; lane l's x[i] is tile element (l * num_elements + i) mod
// the tile size, as in the CPU runtime; element-wise code mixing fragment types is diagnosed.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;

void run_entry(const LiftResult& r, const std::string& name, std::map<std::string, HostBuffer>& buffers,
               const std::map<std::string, ScalarValue>& scalars) {
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().message;
  const Kernel* kernel = nullptr;
  for (const Kernel& k : r.module->kernels)
    if (k.name == name) kernel = &k;
  ASSERT_NE(kernel, nullptr) << name;
  auto result = interp::run(*kernel, target_by_name("cuda"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
}

// Values in [-1, 1] rounded to the buffer's type (f16 here): the reference reads them back.
HostBuffer random_buffer(Type type, std::int64_t n, unsigned seed) {
  HostBuffer b(type, {n});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng));
  return b;
}

// One warp per 16x16 tile of D = epilogue(alpha * A.B + beta * C), A (M x K) and B (K x N) __half
// row-major, accumulated in f32 fragments; the epilogue works on x[i] of the fragments.
constexpr const char* gemm_prologue = R"(#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
using namespace nvcuda;
__global__ void gemm(const __half* a, const __half* b, const float* c, OUT* d, int n, int k, float alpha, float beta) {
  const int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  const int tile_row = warp / (n / 16), tile_col = warp % (n / 16);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc, cf;
  wmma::fill_fragment(acc, 0.0f);
  for (int kk = 0; kk < k; kk += 16) {
    wmma::load_matrix_sync(fa, a + tile_row * 16 * k + kk, k);
    wmma::load_matrix_sync(fb, b + kk * n + tile_col * 16, n);
    wmma::mma_sync(acc, fa, fb, acc);
  }
  wmma::load_matrix_sync(cf, c + tile_row * 16 * n + tile_col * 16, n, wmma::mem_row_major);
)";

constexpr const char* gemm_epilogue = R"(
}
extern "C" void run_gemm(const __half* A, const __half* B, const float* C, OUT* D, int m, int n, int k,
                         float alpha, float beta) {
  __half *da, *db; float* dc; OUT* dd;
  cudaMalloc(&da, m * k * sizeof(__half)); cudaMalloc(&db, k * n * sizeof(__half));
  cudaMalloc(&dc, m * n * sizeof(float)); cudaMalloc(&dd, m * n * sizeof(OUT));
  cudaMemcpy(da, A, m * k * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(db, B, k * n * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(dc, C, m * n * sizeof(float), cudaMemcpyHostToDevice);
  gemm<<<(m / 16) * (n / 16) / 2, 64>>>(da, db, dc, dd, n, k, alpha, beta);
  cudaMemcpy(D, dd, m * n * sizeof(OUT), cudaMemcpyDeviceToHost);
  cudaFree(da); cudaFree(db); cudaFree(dc); cudaFree(dd);
}
)";

struct GemmRun {
  HostBuffer a, b, c, d;
};

// Lifts the GEMM with `body` after the C fragment load and runs it: M = 48, N = 32, K = 64 (six
// warps in three blocks of two).
GemmRun run_gemm(const std::string& out_type, const std::string& body, Type out, float alpha, float beta) {
  constexpr int m = 48, n = 32, k = 64;
  GemmRun run{random_buffer(Type::f16(), m * k, 1), random_buffer(Type::f16(), k * n, 2),
              random_buffer(Type::f32(), m * n, 3), HostBuffer(out, {m * n})};
  const std::string source = "#define OUT " + out_type + "\n" + gemm_prologue + body + gemm_epilogue;
  std::map<std::string, HostBuffer> buffers{{"A", run.a}, {"B", run.b}, {"C", run.c}, {"D", run.d}};
  run_entry(lift_source(source, "gemm.cu", Dialect::Cuda), "run_gemm", buffers,
            {{"m", ScalarValue::i32(m)}, {"n", ScalarValue::i32(n)}, {"k", ScalarValue::i32(k)},
             {"alpha", ScalarValue::f32(alpha)}, {"beta", ScalarValue::f32(beta)}});
  run.d = buffers.at("D");
  return run;
}

// alpha * A.B + beta * C in double from the f16 inputs (products of f16 values are exact).
std::vector<double> reference_gemm(const GemmRun& run, int m, int n, int k, double alpha, double beta) {
  std::vector<double> want(static_cast<std::size_t>(m * n));
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double sum = 0.0;
      for (int kk = 0; kk < k; ++kk) sum += run.a.get(i * k + kk) * run.b.get(kk * n + j);
      want[static_cast<std::size_t>(i * n + j)] = alpha * sum + beta * run.c.get(i * n + j);
    }
  return want;
}

// f32 accumulation of K = 64 products of magnitude <= 1 errs by far less than 1e-4; an f16 result
// adds one rounding (relative 2^-11).
void expect_near(const HostBuffer& got, const std::vector<double>& want, double relative) {
  int nonzero = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const double value = got.get(static_cast<std::int64_t>(i));
    ASSERT_NEAR(value, want[i], 1e-4 + relative * std::abs(want[i])) << "at " << i;
    nonzero += std::abs(want[i]) > 1e-3;
  }
  EXPECT_GT(nonzero, static_cast<int>(want.size()) / 4);
}

TEST(LiftWmmaElements, AlphaBetaEpilogueThenReluOverFragmentElements) {
  const float alpha = 1.5f, beta = -0.75f;
  GemmRun run = run_gemm("float",
                         "  for (int i = 0; i < cf.num_elements; ++i) cf.x[i] = alpha * acc.x[i] + beta * cf.x[i];\n"
                         "  for (int i = 0; i < cf.num_elements; ++i) cf.x[i] = fmaxf(cf.x[i], 0.0f);\n"
                         "  wmma::store_matrix_sync(d + tile_row * 16 * n + tile_col * 16, cf, n, wmma::mem_row_major);\n",
                         Type::f32(), alpha, beta);
  std::vector<double> want = reference_gemm(run, 48, 32, 64, alpha, beta);
  const auto negative = std::count_if(want.begin(), want.end(), [](double v) { return v < 0.0; });
  EXPECT_GT(negative, 100) << "the ReLU must clip something";
  for (double& v : want) v = std::max(v, 0.0);
  expect_near(run.d, want, 1e-5);
}

TEST(LiftWmmaElements, EpilogueConvertsToAHalfAccumulatorBeforeTheStore) {
  const float alpha = 0.5f, beta = 2.0f;
  GemmRun run = run_gemm("__half",
                         "  wmma::fragment<wmma::accumulator, 16, 16, 16, __half> out;\n"
                         "  for (int i = 0; i < out.num_elements; ++i) {\n"
                         "    const float v = alpha * acc.x[i] + beta * cf.x[i];\n"
                         "    out.x[i] = __float2half(v > 0.0f ? v : 0.0f);\n"
                         "  }\n"
                         "  wmma::store_matrix_sync(d + tile_row * 16 * n + tile_col * 16, out, n, wmma::mem_row_major);\n",
                         Type::f16(), alpha, beta);
  std::vector<double> want = reference_gemm(run, 48, 32, 64, alpha, beta);
  for (double& v : want) v = std::max(v, 0.0);
  expect_near(run.d, want, 1.0 / 2048);
}

// Element-wise updates of every operand before mma_sync: D = (2A) . B + (2C + 1). A's __half
// fragment holds each tile element in two lanes (16 elements per lane, 256 per tile); both copies
// are doubled once, not twice.
constexpr const char* round_trip_cuda = R"(#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
using namespace nvcuda;
__global__ void round_trip(const __half* a, const __half* b, const float* c, float* d) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  const int warp = threadIdx.x / 32;
  wmma::load_matrix_sync(fa, a + warp * 256, 16);
  wmma::load_matrix_sync(fb, b, 16);
  wmma::load_matrix_sync(acc, c + warp * 256, 16, wmma::mem_col_major);
  for (int i = 0; i < fa.num_elements; i++) fa.x[i] = __hmul(fa.x[i], __float2half(2.0f));
  for (int i = 0; i < acc.num_elements; i++) {
    acc.x[i] *= 2.0f;
    acc.x[i] += 1.0f;
  }
  wmma::mma_sync(acc, fa, fb, acc);
  wmma::store_matrix_sync(d + warp * 256, acc, 16, wmma::mem_row_major);
}
extern "C" void run_round_trip(const __half* A, const __half* B, const float* C, float* D) {
  __half *da, *db; float *dc, *dd;
  cudaMalloc(&da, 512 * sizeof(__half)); cudaMalloc(&db, 256 * sizeof(__half));
  cudaMalloc(&dc, 512 * sizeof(float)); cudaMalloc(&dd, 512 * sizeof(float));
  cudaMemcpy(da, A, 512 * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(db, B, 256 * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(dc, C, 512 * sizeof(float), cudaMemcpyHostToDevice);
  round_trip<<<1, 64>>>(da, db, dc, dd);
  cudaMemcpy(D, dd, 512 * sizeof(float), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftWmmaElements, ElementUpdatesOfLoadedOperandsRoundTripThroughMmaAndStore) {
  std::map<std::string, HostBuffer> buffers{{"A", random_buffer(Type::f16(), 512, 4)},
                                            {"B", random_buffer(Type::f16(), 256, 5)},
                                            {"C", random_buffer(Type::f32(), 512, 6)},
                                            {"D", HostBuffer(Type::f32(), {512})}};
  const HostBuffer a = buffers.at("A"), b = buffers.at("B"), c = buffers.at("C");
  run_entry(lift_source(round_trip_cuda, "round_trip.cu", Dialect::Cuda), "run_round_trip", buffers, {});
  std::vector<double> want(512);
  for (int w = 0; w < 2; ++w)
    for (int i = 0; i < 16; ++i)
      for (int j = 0; j < 16; ++j) {
        double sum = 2.0 * c.get(w * 256 + j * 16 + i) + 1.0;  // C loaded column-major
        for (int kk = 0; kk < 16; ++kk) sum += 2.0 * a.get(w * 256 + i * 16 + kk) * b.get(j * 16 + kk);  // B col_major
        want[static_cast<std::size_t>(w * 256 + i * 16 + j)] = sum;
      }
  expect_near(buffers.at("D"), want, 1e-5);
}

// The mapping itself: lane l writes (l * num_elements + i) into its x[i]. An accumulator stores it
// row-major at that tile index. For the __half matrix_a (16 elements per lane, two copies of the
// tile), mma_sync with B = identity reads each element from the lowest lane holding it: a value
// tagged with the lane shows which lane won. A loaded __half matrix_b gives every lane its copy.
// The kernel is the runtime test's (test/runtime_gpu/kernels/wmma_elements.cu), so both engines
// are held to one mapping.

TEST(LiftWmmaElements, LaneElementsFollowTheRuntimeMapping) {
  HostBuffer identity(Type::f16(), {256});
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j) identity.set(i * 16 + j, i == j ? 1.0 : 0.0);
  std::map<std::string, HostBuffer> buffers{{"identity", identity},
                                            {"acc_out", HostBuffer(Type::f32(), {256})},
                                            {"a_out", HostBuffer(Type::f32(), {256})},
                                            {"b_registers", HostBuffer(Type::f16(), {512})}};
  run_entry(lift_file(std::string(XIR_SOURCE_DIR) + "/test/runtime_gpu/kernels/wmma_elements.cu", Dialect::Cuda),
            "run_mapping", buffers, {});
  for (int slot = 0; slot < 512; ++slot)
    EXPECT_EQ(buffers.at("b_registers").get(slot), identity.get(slot % 256)) << "lane " << slot / 16 << ", x[" << slot % 16 << "]";
  for (int t = 0; t < 256; ++t) {
    EXPECT_EQ(buffers.at("acc_out").get(t), t) << "accumulator tile element " << t;
    EXPECT_EQ(buffers.at("a_out").get(t), t) << "matrix_a tile element " << t << " (lanes 0-15 hold it first)";
  }
}

// Elements of fragments in arrays, and num_elements of another fragment type used as a plain number
// (it pairs no elements): acc[r][s] = ((r + s) + A_r . B) * (s + 1) - 16, stored column-major.
constexpr const char* fragment_arrays_cuda = R"(#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
using namespace nvcuda;
__global__ void arrays(const __half* a, const __half* b, float* c) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa[2];
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
  wmma::load_matrix_sync(fb, b, 16);
  for (int r = 0; r < 2; ++r) {
    wmma::load_matrix_sync(fa[r], a + r * 256, 16);
    for (int s = 0; s < 2; ++s) {
      wmma::fill_fragment(acc[r][s], float(r + s));
      wmma::mma_sync(acc[r][s], fa[r], fb, acc[r][s]);
      for (int i = 0; i < acc[r][s].num_elements; ++i) acc[r][s].x[i] = acc[r][s].x[i] * (s + 1) - fa[0].num_elements;
      wmma::store_matrix_sync(c + (r * 2 + s) * 256, acc[r][s], 16, wmma::mem_col_major);
    }
  }
}
extern "C" void run_arrays(const __half* A, const __half* B, float* C) {
  __half *da, *db; float* dc;
  cudaMalloc(&da, 512 * sizeof(__half)); cudaMalloc(&db, 256 * sizeof(__half)); cudaMalloc(&dc, 1024 * sizeof(float));
  cudaMemcpy(da, A, 512 * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(db, B, 256 * sizeof(__half), cudaMemcpyHostToDevice);
  arrays<<<1, 32>>>(da, db, dc);
  cudaMemcpy(C, dc, 1024 * sizeof(float), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftWmmaElements, ElementsOfFragmentArraysAndNumElementsAsANumber) {
  std::mt19937 rng(8);
  std::uniform_int_distribution<int> value(-4, 4);  // integers: every result is exact
  HostBuffer a(Type::f16(), {512}), b(Type::f16(), {256});
  for (int i = 0; i < 512; ++i) a.set(i, value(rng));
  for (int i = 0; i < 256; ++i) b.set(i, value(rng));
  std::map<std::string, HostBuffer> buffers{{"A", a}, {"B", b}, {"C", HostBuffer(Type::f32(), {1024})}};
  run_entry(lift_source(fragment_arrays_cuda, "arrays.cu", Dialect::Cuda), "run_arrays", buffers, {});
  for (int r = 0; r < 2; ++r)
    for (int s = 0; s < 2; ++s)
      for (int i = 0; i < 16; ++i)
        for (int j = 0; j < 16; ++j) {
          double sum = r + s;
          for (int kk = 0; kk < 16; ++kk) sum += a.get(r * 256 + i * 16 + kk) * b.get(j * 16 + kk);
          EXPECT_EQ(buffers.at("C").get((r * 2 + s) * 256 + j * 16 + i), sum * (s + 1) - 16)
              << "acc[" << r << "][" << s << "] at " << i << "," << j;
        }
}

struct ElementCount {
  const char* fragment;  // template arguments
  int elements;          // DIALECTS.md 2.4
};

// num_elements of every supported fragment type (lifted) and the length of x (Clang's view of the
// header) agree with the table of DIALECTS.md 2.4.
TEST(LiftWmmaElements, NumElementsFollowsTheFragmentTable) {
  const std::vector<ElementCount> table = {
      {"matrix_a, 16, 16, 16, __half, wmma::row_major", 16},     {"matrix_b, 16, 16, 16, __half, wmma::col_major", 16},
      {"accumulator, 16, 16, 16, float", 8},                      {"accumulator, 16, 16, 16, __half", 8},
      {"matrix_a, 32, 8, 16, __half, wmma::row_major", 16},      {"matrix_b, 8, 32, 16, __half, wmma::row_major", 16},
      {"matrix_a, 16, 16, 16, signed char, wmma::row_major", 8}, {"matrix_b, 16, 16, 16, unsigned char, wmma::row_major", 8},
      {"matrix_a, 32, 8, 16, signed char, wmma::row_major", 16}, {"matrix_b, 32, 8, 16, signed char, wmma::row_major", 4},
      {"matrix_a, 8, 32, 16, unsigned char, wmma::row_major", 4}, {"matrix_b, 8, 32, 16, unsigned char, wmma::row_major", 16},
      {"matrix_a, 32, 8, 16, __nv_bfloat16, wmma::row_major", 16}, {"matrix_b, 8, 32, 16, __nv_bfloat16, wmma::col_major", 16},
      {"matrix_a, 16, 16, 16, __nv_bfloat16, wmma::row_major", 8}, {"accumulator, 32, 8, 16, int", 8},
      {"accumulator, 8, 32, 16, float", 8}};
  for (const ElementCount& entry : table) {
    const std::string source = std::string("#include <cuda_runtime.h>\n#include <cuda_fp16.h>\n#include <cuda_bf16.h>\n") +
                               "#include <mma.h>\nusing namespace nvcuda;\n"
                               "__global__ void count(int* out) {\n  wmma::fragment<wmma::" + entry.fragment + "> f;\n"
                               "  if (threadIdx.x == 0) {\n    out[0] = f.num_elements;\n    out[1] = sizeof(f.x) / sizeof(f.x[0]);\n  }\n}\n"
                               "extern \"C\" void run_count(int* out) {\n  int* d; cudaMalloc(&d, 8);\n"
                               "  count<<<1, 32>>>(d);\n  cudaMemcpy(out, d, 8, cudaMemcpyDeviceToHost);\n}\n";
    std::map<std::string, HostBuffer> buffers{{"out", HostBuffer(Type::i32(), {2})}};
    run_entry(lift_source(source, "count.cu", Dialect::Cuda), "run_count", buffers, {});
    EXPECT_EQ(buffers.at("out").get(0), entry.elements) << entry.fragment;
    EXPECT_EQ(buffers.at("out").get(1), entry.elements) << entry.fragment;
  }
}

TEST(LiftWmmaElements, MappingDependentElementCodeGetsLocatedDiagnostics) {
  const std::string prefix =
      "#include <cuda_runtime.h>\n#include <cuda_fp16.h>\n#include <mma.h>\nusing namespace nvcuda;\n"
      "__global__ void k(const __half* a, float* c) {\n"
      "  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;\n"
      "  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::col_major> fa_col;\n"
      "  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;\n"
      "  wmma::load_matrix_sync(fa, a, 16);\n  wmma::load_matrix_sync(fa_col, a, 16);\n"
      "  wmma::fill_fragment(acc, 0.0f);\n";  // lines 1-11
  const auto expect_error = [&](const std::string& body, int line, int column, const std::string& expected) {
    LiftResult r = lift_source(prefix + body + "  wmma::store_matrix_sync(c, acc, 16, wmma::mem_row_major);\n}\n",
                               "bad.cu", Dialect::Cuda);
    ASSERT_FALSE(r.ok()) << expected;
    auto error = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                              [](const Diagnostic& d) { return d.severity == Severity::Error; });
    ASSERT_NE(error, r.diagnostics.end()) << expected;
    const Diagnostic& d = *error;
    EXPECT_EQ(d.location.line, line) << d.message;
    EXPECT_EQ(d.location.column, column) << d.message;
    EXPECT_NE(d.message.find(expected), std::string::npos) << d.message;
  };
  // An accumulator's x[i] and a matrix_a's x[i] are different matrix elements.
  expect_error("  for (int i = 0; i < acc.num_elements; ++i) acc.x[i] = fa.x[i];\n", 12, 57,
               "mixing wmma fragments whose x[i] name different matrix elements");
  // So are those of a row-major and a column-major matrix_a, also through a temporary.
  expect_error("  for (int i = 0; i < fa.num_elements; ++i) {\n    __half v = fa_col.x[i];\n    fa.x[i] = v;\n  }\n",
               13, 16, "matrix_a m16n16k16 row_major with 16 elements, matrix_a m16n16k16 col_major");
  // The loop bound counts one fragment's elements and the body indexes another's.
  expect_error("  for (int i = 0; i < fa.num_elements; ++i) c[i] = acc.x[i];\n", 12, 52, "in one loop");
  // A constant index past num_elements.
  expect_error("  acc.x[8] = 1.0f;\n", 12, 3, "the fragment element x[8] outside its 8 elements");
}

} // namespace
} // namespace xir::frontend
