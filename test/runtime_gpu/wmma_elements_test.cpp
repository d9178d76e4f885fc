// Fragment element access (`f.x[i]`, `f.num_elements`) on the CUDA CPU runtime and lifted by the
// CUDA frontend onto the reference interpreter (kernels/wmma_elements.cu, built with both engines):
// the same lane mapping, and the same GEMM epilogue results as a double-precision reference.
#include "common/half_bits.h"
#include "kernel_library.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace xir::test {
namespace {

constexpr const char *engines[2] = {"wmma_elements_cu.so", "wmma_elements_interp.so"};


struct Mapping {
  std::vector<float> acc = std::vector<float>(256), a = std::vector<float>(256);
  std::vector<std::uint16_t> b_registers = std::vector<std::uint16_t>(512);
};

TEST(CudaWmmaElements, RuntimeAndLiftedKernelShareTheLaneMapping) {
  std::vector<std::uint16_t> identity(256);
  for (int i = 0; i < 256; ++i) identity[i] = half_bits(i / 16 == i % 16 ? 1.0 : 0.0);
  Mapping results[2];
  for (int e = 0; e < 2; ++e) {
    KernelLibrary library(engines[e]);
    auto *run = library.get<void(const std::uint16_t *, float *, float *, std::uint16_t *)>("run_mapping");
    ASSERT_NE(run, nullptr);
    run(identity.data(), results[e].acc.data(), results[e].a.data(), results[e].b_registers.data());
    for (int t = 0; t < 256; ++t) {
      EXPECT_EQ(results[e].acc[t], t) << engines[e] << ": lane " << t / 8 << " x[" << t % 8 << "]";
      EXPECT_EQ(results[e].a[t], t) << engines[e] << ": matrix_a element " << t << " from lanes 0-15";
    }
    for (int slot = 0; slot < 512; ++slot)
      EXPECT_EQ(results[e].b_registers[slot], identity[slot % 256]) << engines[e] << ": lane " << slot / 16;
  }
  EXPECT_EQ(results[0].b_registers, results[1].b_registers);
}

TEST(CudaWmmaElements, AlphaBetaReluEpilogueOnBothEngines) {
  constexpr int m = 48, n = 32, k = 64;
  const float alpha = 1.5f, beta = -0.75f;
  std::mt19937 generator(17);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<std::uint16_t> a(m * k), b(k * n);
  std::vector<float> c(m * n);
  for (auto &v : a) v = half_bits(dist(generator));
  for (auto &v : b) v = half_bits(dist(generator));
  for (auto &v : c) v = static_cast<float>(dist(generator));
  std::vector<double> want(m * n);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double sum = 0.0;
      for (int kk = 0; kk < k; ++kk) sum += half_value(a[i * k + kk]) * half_value(b[kk * n + j]);
      want[i * n + j] = std::max(0.0, alpha * sum + beta * c[i * n + j]);
    }
  ASSERT_GT(std::count(want.begin(), want.end(), 0.0), 100) << "the ReLU must clip something";
  for (const char *engine : engines) {
    KernelLibrary library(engine);
    auto *run = library.get<void(const std::uint16_t *, const std::uint16_t *, const float *, float *, std::uint16_t *,
                                 int, int, int, float, float)>("run_gemm_epilogue");
    ASSERT_NE(run, nullptr);
    std::vector<float> d(m * n, -1.0f);
    std::vector<std::uint16_t> d_half(m * n);
    run(a.data(), b.data(), c.data(), d.data(), d_half.data(), m, n, k, alpha, beta);
    // f32 accumulation of 64 products of magnitude <= 1; the f16 output adds one rounding.
    for (int i = 0; i < m * n; ++i) {
      ASSERT_NEAR(d[i], want[i], 1e-4 + 1e-5 * std::abs(want[i])) << engine << " at " << i;
      ASSERT_NEAR(half_value(d_half[i]), want[i], 1e-4 + std::abs(want[i]) / 2048) << engine << " at " << i;
    }
  }
}

} // namespace
} // namespace xir::test
