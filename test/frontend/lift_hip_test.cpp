// The HIP frontend: hipLaunchKernelGGL launches, 64-lane wavefront shuffles and warpSize, and the
// four MFMA builtins, each lifted and run on the interpreter against plain C++ loops.

#include <gtest/gtest.h>

#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;

const Kernel& entry(const LiftResult& r, const std::string& name) {
  for (const Kernel& k : r.module->kernels)
    if (k.name == name) return k;
  throw std::runtime_error("no kernel " + name);
}

std::string first_error(const LiftResult& r) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::Error) return d.message;
  return "";
}

HostBuffer random_buffer(std::int64_t n, std::mt19937& rng) {
  HostBuffer b(Type::f32(), {n});
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng));
  return b;
}

// Multiples of 1/8 in [-2, 2]: exact in f16, and their products and short sums exact in f32.
HostBuffer eighths_buffer(std::int64_t n, std::mt19937& rng) {
  HostBuffer b(Type::f32(), {n});
  std::uniform_int_distribution<int> dist(-16, 16);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng) / 8.0);
  return b;
}

TEST(LiftHip, LaunchKernelGGLRunsLikeATripleChevronLaunch) {
  constexpr const char* source = R"(#include <hip/hip_runtime.h>
__global__ void __launch_bounds__(256) axpy(const float* x, float* y, float alpha, int n) {
  int i = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x;
  if (i < n) y[i] = alpha * x[i] + y[i];
}
extern "C" void run_axpy(const float* x, float* y, float alpha, int n) {
  float *dx, *dy;
  hipMalloc(&dx, n * sizeof(float)); hipMalloc(&dy, n * sizeof(float));
  hipMemcpy(dx, x, n * sizeof(float), hipMemcpyHostToDevice);
  hipMemcpy(dy, y, n * sizeof(float), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(HIP_KERNEL_NAME(axpy), dim3((n + 255) / 256), dim3(256), 0, 0, dx, dy, alpha, n);
  hipDeviceSynchronize();
  hipMemcpy(y, dy, n * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(dx); hipFree(dy);
}
)";
  LiftResult r = lift_source(source, "axpy.hip", Dialect::Hip);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const int n = 1000;
  std::mt19937 rng(5);
  std::map<std::string, HostBuffer> buffers{{"x", random_buffer(n, rng)}, {"y", random_buffer(n, rng)}};
  std::vector<float> want(n);
  for (int i = 0; i < n; ++i)
    want[i] = 0.5f * static_cast<float>(buffers["x"].get(i)) + static_cast<float>(buffers["y"].get(i));
  auto result = interp::run(entry(r, "run_axpy"), target_by_name("hip"), buffers,
                            {{"alpha", ScalarValue::f32(0.5f)}, {"n", ScalarValue::i32(n)}});
  ASSERT_TRUE(result) << result.error().message;
  for (int i = 0; i < n; ++i) ASSERT_FLOAT_EQ(buffers["y"].get(i), want[i]) << "at " << i;
}

TEST(LiftHip, ShufflesExchangeWithin64LaneWavefronts) {
  // Shuffles over a block of 160 threads: two whole wavefronts and a partial third one.
  constexpr const char* source = R"(#include <hip/hip_runtime.h>
__global__ void shuffles(const float* x, float* out, int threads) {
  int t = threadIdx.x;
  float v = x[t];
  out[t] = __shfl_xor(v, 37);
  out[threads + t] = __shfl_down(v, 40);
  out[2 * threads + t] = __shfl_up(v, 9, 64);
  out[3 * threads + t] = __shfl(v, 63 - t % 64);
  out[4 * threads + t] = warpSize;
  out[5 * threads + t] = __shfl_down(v, 3, 16);
  out[6 * threads + t] = __shfl(v, t + 5, 8);
}
extern "C" void run_shuffles(const float* x, float* out, int threads) {
  float *dx, *dout;
  hipMalloc(&dx, threads * sizeof(float)); hipMalloc(&dout, 7 * threads * sizeof(float));
  hipMemcpy(dx, x, threads * sizeof(float), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(shuffles, dim3(1), dim3(threads), 0, 0, dx, dout, threads);
  hipMemcpy(out, dout, 7 * threads * sizeof(float), hipMemcpyDeviceToHost);
}
)";
  LiftResult r = lift_source(source, "shuffles.hip", Dialect::Hip);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const int threads = 160;
  std::mt19937 rng(9);
  std::map<std::string, HostBuffer> buffers{{"x", random_buffer(threads, rng)},
                                            {"out", HostBuffer(Type::f32(), {7 * threads})}};
  // A source lane outside the segment (of `width` lanes) or the block leaves the thread its own value.
  const auto from = [&](int t, int source_lane, int width = 64) {
    const int source = t - t % width + source_lane;
    return buffers["x"].get(source_lane >= 0 && source_lane < width && source < threads ? source : t);
  };
  auto result = interp::run(entry(r, "run_shuffles"), target_by_name("hip"), buffers,
                            {{"threads", ScalarValue::i32(threads)}});
  ASSERT_TRUE(result) << result.error().message;
  const HostBuffer& out = buffers["out"];
  for (int t = 0; t < threads; ++t) {
    const int lane = t % 64;
    EXPECT_EQ(out.get(t), from(t, lane ^ 37)) << "xor, thread " << t;
    EXPECT_EQ(out.get(threads + t), from(t, lane + 40)) << "down, thread " << t;
    EXPECT_EQ(out.get(2 * threads + t), from(t, lane - 9)) << "up, thread " << t;
    EXPECT_EQ(out.get(3 * threads + t), from(t, 63 - lane)) << "indexed, thread " << t;
    EXPECT_EQ(out.get(4 * threads + t), 64.0) << "warpSize";
    EXPECT_EQ(out.get(5 * threads + t), from(t, t % 16 + 3, 16)) << "down in 16 lanes, thread " << t;
    EXPECT_EQ(out.get(6 * threads + t), from(t, (t + 5) % 8, 8)) << "indexed in 8 lanes, thread " << t;
  }
}

TEST(LiftHip, ButterflyReductionSumsEachWavefront) {
  constexpr const char* source = R"(#include <hip/hip_runtime.h>
__global__ void wave_sums(const float* x, float* sums) {
  float v = x[blockIdx.x * blockDim.x + threadIdx.x];
  for (int offset = warpSize / 2; offset > 0; offset /= 2) v += __shfl_xor(v, offset);
  if (threadIdx.x % warpSize == 0) sums[(blockIdx.x * blockDim.x + threadIdx.x) / warpSize] = v;
}
extern "C" void run_wave_sums(const float* x, float* sums, int blocks) {
  float *dx, *ds;
  hipMalloc(&dx, blocks * 256 * sizeof(float)); hipMalloc(&ds, blocks * 4 * sizeof(float));
  hipMemcpy(dx, x, blocks * 256 * sizeof(float), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(wave_sums, dim3(blocks), dim3(256), 0, 0, dx, ds);
  hipMemcpy(sums, ds, blocks * 4 * sizeof(float), hipMemcpyDeviceToHost);
}
)";
  LiftResult r = lift_source(source, "wave_sums.hip", Dialect::Hip);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const int blocks = 3;
  std::mt19937 rng(13);
  std::map<std::string, HostBuffer> buffers{{"x", random_buffer(blocks * 256, rng)},
                                            {"sums", HostBuffer(Type::f32(), {blocks * 4})}};
  std::vector<double> want(blocks * 4, 0.0);
  for (int i = 0; i < blocks * 256; ++i) want[i / 64] += buffers["x"].get(i);
  auto result = interp::run(entry(r, "run_wave_sums"), target_by_name("hip"), buffers,
                            {{"blocks", ScalarValue::i32(blocks)}});
  ASSERT_TRUE(result) << result.error().message;
  for (int w = 0; w < blocks * 4; ++w) EXPECT_NEAR(buffers["sums"].get(w), want[w], 1e-4) << "wavefront " << w;
}

struct MfmaVariant {
  const char* builtin;
  int m, n, k;
  int ab_elements, cd_elements;
  int blgp = 0;
};

void PrintTo(const MfmaVariant& v, std::ostream* os) { *os << v.builtin << " blgp " << v.blgp; }

// The lane whose B registers lane `lane` reads under BLGP, as DIALECTS.md 3.2 words it.
int blgp_source(int lane, int blgp) {
  if (blgp == 1) return lane < 32 ? lane : lane - 32;
  if (blgp == 2) return lane < 32 ? lane + 32 : lane;
  if (blgp == 3) return (lane + 16) % 64;
  if (blgp >= 4) return 16 * (blgp - 4) + lane % 16;
  return lane;
}

// A kernel of one wavefront that loads A (m x k), B (k x n) and C (m x n) with the lane layouts of
// DIALECTS.md 3.2, runs one MFMA and stores D with the same layout as C.
std::string mfma_source(const MfmaVariant& v) {
  const std::string m = std::to_string(v.m), n = std::to_string(v.n), k = std::to_string(v.k);
  const std::string e = std::to_string(v.ab_elements);
  const bool half = v.ab_elements == 4;
  const std::string cd_type = v.cd_elements == 4 ? "floatx4" : "floatx16";
  const std::string d_row = v.m == 16 ? "4 * (l / 16) + r" : "8 * (r / 4) + 4 * (l / 32) + r % 4";
  std::string operands = half ? "  half4 a, b;\n  for (int e = 0; e < 4; ++e) {\n"
                                "    a[e] = (_Float16)A[(l % " + m + ") * " + k + " + 4 * (l / " + m + ") + e];\n"
                                "    b[e] = (_Float16)B[(4 * (l / " + m + ") + e) * " + n + " + l % " + n + "];\n  }\n"
                              : "  float a = A[(l % " + m + ") * " + k + " + l / " + m + "];\n"
                                "  float b = B[(l / " + m + ") * " + n + " + l % " + n + "];\n";
  return "#include <hip/hip_runtime.h>\n"
         "__global__ void mfma(const float* A, const float* B, const float* C, float* D) {\n"
         "  const int l = threadIdx.x;\n" + operands +
         "  " + cd_type + " acc;\n"
         "  for (int r = 0; r < " + std::to_string(v.cd_elements) + "; ++r) acc[r] = C[(" + d_row + ") * " + n +
         " + l % " + n + "];\n"
         // The f16 forms assign the accumulator, the f32 forms initialize a new vector.
         + (half ? "  acc = " + std::string(v.builtin) + "(a, b, acc, 0, 0, " + std::to_string(v.blgp) + ");\n"
                 : "  " + cd_type + " d = " + v.builtin + "(a, b, acc, 0, 0, " + std::to_string(v.blgp) + ");\n") +
         "  for (int r = 0; r < " + std::to_string(v.cd_elements) + "; ++r) D[(" + d_row + ") * " + n + " + l % " +
         n + "] = " + (half ? "acc" : "d") + "[r];\n"
         "}\n"
         "extern \"C\" void run_mfma(const float* A, const float* B, const float* C, float* D) {\n"
         "  float *dA, *dB, *dC, *dD;\n"
         "  hipMalloc(&dA, " + m + " * " + k + " * sizeof(float)); hipMalloc(&dB, " + k + " * " + n +
         " * sizeof(float));\n"
         "  hipMalloc(&dC, " + m + " * " + n + " * sizeof(float)); hipMalloc(&dD, " + m + " * " + n +
         " * sizeof(float));\n"
         "  hipMemcpy(dA, A, " + m + " * " + k + " * sizeof(float), hipMemcpyHostToDevice);\n"
         "  hipMemcpy(dB, B, " + k + " * " + n + " * sizeof(float), hipMemcpyHostToDevice);\n"
         "  hipMemcpy(dC, C, " + m + " * " + n + " * sizeof(float), hipMemcpyHostToDevice);\n"
         "  hipLaunchKernelGGL(mfma, dim3(1), dim3(64), 0, 0, dA, dB, dC, dD);\n"
         "  hipMemcpy(D, dD, " + m + " * " + n + " * sizeof(float), hipMemcpyDeviceToHost);\n"
         "}\n";
}

class LiftHipMfma : public ::testing::TestWithParam<MfmaVariant> {};

TEST_P(LiftHipMfma, MatchesAMatrixProduct) {
  const MfmaVariant v = GetParam();
  LiftResult r = lift_source(mfma_source(v), "mfma.hip", Dialect::Hip);
  ASSERT_TRUE(r.ok()) << first_error(r);
  std::mt19937 rng(v.m * 100 + v.k);
  std::map<std::string, HostBuffer> buffers{{"A", eighths_buffer(v.m * v.k, rng)},
                                            {"B", eighths_buffer(v.k * v.n, rng)},
                                            {"C", eighths_buffer(v.m * v.n, rng)},
                                            {"D", HostBuffer(Type::f32(), {v.m * v.n})}};
  auto result = interp::run(entry(r, "run_mfma"), target_by_name("hip"), buffers, {});
  ASSERT_TRUE(result) << result.error().message;
  // B[kk][j] is read by lane j + m * (kk / ab); under BLGP that lane takes the B registers of
  // another lane, which holds B[ab * (source / m) + kk % ab][source % m].
  const auto b_used = [&](int kk, int j) {
    const int source = blgp_source(j + v.m * (kk / v.ab_elements), v.blgp);
    return buffers["B"].get((v.ab_elements * (source / v.m) + kk % v.ab_elements) * v.n + source % v.m);
  };
  for (int i = 0; i < v.m; ++i)
    for (int j = 0; j < v.n; ++j) {
      double want = buffers["C"].get(i * v.n + j);
      for (int kk = 0; kk < v.k; ++kk) want += buffers["A"].get(i * v.k + kk) * b_used(kk, j);
      ASSERT_EQ(buffers["D"].get(i * v.n + j), want) << v.builtin << " D[" << i << "][" << j << "]";
    }
}

// CDNA3 has no BLGP on the f16 forms: the same lifted call is refused on that part.
TEST(LiftHip, MfmaF16BlgpIsRefusedOnCdna3) {
  const MfmaVariant v{"__builtin_amdgcn_mfma_f32_16x16x16f16", 16, 16, 16, 4, 4, 2};
  LiftResult r = lift_source(mfma_source(v), "mfma.hip", Dialect::Hip);
  ASSERT_TRUE(r.ok()) << first_error(r);
  std::mt19937 rng(7);
  std::map<std::string, HostBuffer> buffers{{"A", eighths_buffer(256, rng)}, {"B", eighths_buffer(256, rng)},
                                            {"C", eighths_buffer(256, rng)}, {"D", HostBuffer(Type::f32(), {256})}};
  auto result = interp::run(entry(r, "run_mfma"), target_by_name("hip-gfx942"), buffers, {});
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("no BLGP"), std::string::npos) << result.error().message;
  EXPECT_TRUE(interp::run(entry(r, "run_mfma"), target_by_name("hip-gfx90a"), buffers, {}));
}

INSTANTIATE_TEST_SUITE_P(
    Builtins, LiftHipMfma,
    ::testing::Values(MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x4f32", 16, 16, 4, 1, 4},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x16f16", 16, 16, 16, 4, 4},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_32x32x8f16", 32, 32, 8, 4, 16},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_32x32x2f32", 32, 32, 2, 1, 16},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x4f32", 16, 16, 4, 1, 4, 1},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x4f32", 16, 16, 4, 1, 4, 2},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x4f32", 16, 16, 4, 1, 4, 3},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x4f32", 16, 16, 4, 1, 4, 4},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x4f32", 16, 16, 4, 1, 4, 7},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_16x16x16f16", 16, 16, 16, 4, 4, 5},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_32x32x8f16", 32, 32, 8, 4, 16, 2},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_32x32x2f32", 32, 32, 2, 1, 16, 3},
                      MfmaVariant{"__builtin_amdgcn_mfma_f32_32x32x2f32", 32, 32, 2, 1, 16, 6}),
    [](const ::testing::TestParamInfo<MfmaVariant>& info) {
      return std::string(info.param.builtin).substr(std::string("__builtin_amdgcn_mfma_").size()) + "_blgp" +
             std::to_string(info.param.blgp);
    });

TEST(LiftHip, UnsupportedWavefrontConstructsGetLocatedDiagnostics) {
  struct Bad {
    const char* name;
    const char* body;
    const char* expected;
  };
  const Bad inputs[] = {
      {"shuffle width", "a[t] = __shfl_xor(a[t], 1, 48);", "shuffle width that is not a constant power of two up to 64"},
      {"cbsz", "floatx4 acc = {}; acc = __builtin_amdgcn_mfma_f32_16x16x4f32(a[t], a[t], acc, 1, 0, 0); a[t] = acc[0];",
       "cbsz/abid modifier other than 0"},
      {"blgp", "floatx4 acc = {}; acc = __builtin_amdgcn_mfma_f32_16x16x4f32(a[t], a[t], acc, 0, 0, 8); a[t] = acc[0];",
       "blgp modifier that is not a constant 0..7"},
      {"blgp variable", "floatx4 acc = {}; acc = __builtin_amdgcn_mfma_f32_16x16x4f32(a[t], a[t], acc, 0, 0, t); a[t] = acc[0];",
       "blgp modifier that is not a constant 0..7"},
      {"mfma operand", "half4 h = {}; floatx4 acc = {}; acc = __builtin_amdgcn_mfma_f32_16x16x16f16(h + h, h, acc, 0, 0, 0);",
       "MFMA operand that is not a variable"},
      {"whole vector", "floatx4 x = {}, y = {}; y = x;", "assignment of a whole vector"},
  };
  for (const Bad& bad : inputs) {
    std::string source = std::string("#include <hip/hip_runtime.h>\n__global__ void k(float* a) {\n  int t = threadIdx.x;\n  ") +
                         bad.body + "\n}\n";
    LiftResult r = lift_source(source, "bad.hip", Dialect::Hip);
    ASSERT_FALSE(r.ok()) << bad.name;
    const Diagnostic* error = nullptr;
    for (const Diagnostic& d : r.diagnostics)
      if (d.severity == Severity::Error && !error) error = &d;
    ASSERT_NE(error, nullptr) << bad.name;
    EXPECT_EQ(error->location.line, 4) << bad.name << ": " << error->message;
    EXPECT_GT(error->location.column, 0) << bad.name;
    EXPECT_NE(error->message.find(bad.expected), std::string::npos) << bad.name << ": " << error->message;
  }
}

TEST(LiftHip, InlinedFunctionWithAnEarlyValueReturn) {
  constexpr const char* source = R"(#include <hip/hip_runtime.h>
__device__ inline float tap(const float* x, int i, int n) {
  if (i < 0 || i >= n) return 0.0f;
  float v = x[i];
  if (v < 0.0f) {
    return -2.0f * v;
  }
  return v;
}
__global__ void blur(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = tap(x, i - 1, n) + tap(x, i, n) + tap(x, i + 1, n);
}
extern "C" void run_blur(const float* x, float* y, int n) {
  float *dx, *dy;
  hipMalloc(&dx, n * sizeof(float)); hipMalloc(&dy, n * sizeof(float));
  hipMemcpy(dx, x, n * sizeof(float), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(blur, dim3((n + 63) / 64), dim3(64), 0, 0, dx, dy, n);
  hipMemcpy(y, dy, n * sizeof(float), hipMemcpyDeviceToHost);
}
)";
  LiftResult r = lift_source(source, "blur.hip", Dialect::Hip);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const int n = 150;
  std::mt19937 rng(17);
  std::map<std::string, HostBuffer> buffers{{"x", random_buffer(n, rng)}, {"y", HostBuffer(Type::f32(), {n})}};
  const auto tap = [&](int i) -> float {
    if (i < 0 || i >= n) return 0.0f;
    const float v = static_cast<float>(buffers["x"].get(i));
    return v < 0.0f ? -2.0f * v : v;
  };
  std::vector<float> want(n);
  for (int i = 0; i < n; ++i) want[i] = tap(i - 1) + tap(i) + tap(i + 1);
  auto result = interp::run(entry(r, "run_blur"), target_by_name("hip"), buffers, {{"n", ScalarValue::i32(n)}});
  ASSERT_TRUE(result) << result.error().message;
  for (int i = 0; i < n; ++i) ASSERT_FLOAT_EQ(buffers["y"].get(i), want[i]) << "at " << i;
}

TEST(LiftHip, MfmaInAPartialWavefrontIsRejected) {
  constexpr const char* source = R"(#include <hip/hip_runtime.h>
__global__ void k(float* a) {
  floatx4 acc = {};
  acc = __builtin_amdgcn_mfma_f32_16x16x4f32(a[threadIdx.x], a[threadIdx.x], acc, 0, 0, 0);
  a[threadIdx.x] = acc[0];
}
extern "C" void run(float* a) {
  float* d;
  hipMalloc(&d, 96 * sizeof(float));
  hipMemcpy(d, a, 96 * sizeof(float), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(k, dim3(1), dim3(96), 0, 0, d);
  hipMemcpy(a, d, 96 * sizeof(float), hipMemcpyDeviceToHost);
}
)";
  LiftResult r = lift_source(source, "partial.hip", Dialect::Hip);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(first_error(r).find("a block of 96 threads (not whole wavefronts of 64)"), std::string::npos)
      << first_error(r);
}

} // namespace
} // namespace xir::frontend
