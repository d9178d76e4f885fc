// HIP on 64-lane wavefronts, and every MFMA builtin of DIALECTS.md 3.2 (with BLGP patterns)
// against a double-precision reference of D = A B + C.
#include "kernel_library.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace xir::test {
namespace {

TEST(Hip, LaunchKernelGGL) {
  KernelLibrary library("basics_hip.so");
  const int n = 1000;
  std::vector<float> in(n), out(n);
  for (int i = 0; i < n; ++i) in[i] = i * 0.25f;
  ASSERT_EQ(library.get<int(const float *, float *, float, int)>("run_scale")(in.data(), out.data(), 3.0f, n), 0);
  for (int i = 0; i < n; ++i) EXPECT_EQ(out[i], in[i] * 3.0f);
}

TEST(Hip, WavefrontReductionThroughDynamicSharedMemory) {
  KernelLibrary library("basics_hip.so");
  const int blocks = 5, threads = 256;
  std::vector<float> in(blocks * threads), out(blocks);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(i % 13);
  ASSERT_EQ(library.get<int(const float *, float *, int, int)>("run_block_sum")(in.data(), out.data(), blocks, threads), 0);
  for (int b = 0; b < blocks; ++b) {
    float want = 0;
    for (int t = 0; t < threads; ++t) want += in[b * threads + t];
    EXPECT_EQ(out[b], want);
  }
}

TEST(Hip, ShufflesAndBallotSpan64Lanes) {
  KernelLibrary library("basics_hip.so");
  const int threads = 128;
  std::vector<int> predicates(threads);
  for (int t = 0; t < threads; ++t) predicates[t] = (t % 64) % 5 == 0 || t >= 64 + 40;
  std::vector<unsigned> out(threads * 5);
  ASSERT_EQ(library.get<int(const int *, unsigned *, int)>("run_wave")(predicates.data(), out.data(), threads), 0);
  for (int t = 0; t < threads; ++t) {
    const int wave = t / 64, lane = t % 64;
    unsigned long long ballot = 0;
    for (int l = 0; l < 64; ++l) ballot |= predicates[wave * 64 + l] ? 1ull << l : 0ull;
    const unsigned *row = &out[t * 5];
    EXPECT_EQ(row[0], static_cast<unsigned>((63 - lane) * 3)) << t;
    EXPECT_EQ(row[1], static_cast<unsigned>((lane ^ 32) * 3)) << t;
    EXPECT_EQ(row[2], static_cast<unsigned>(ballot)) << t;
    EXPECT_EQ(row[3], static_cast<unsigned>(ballot >> 32)) << t;
    EXPECT_EQ(row[4], 64u);
  }
}

TEST(Hip, OtherWavefrontIntrinsics) {
  KernelLibrary library("basics_hip.so");
  const int threads = 128;
  std::vector<int> predicates(threads, 1);
  predicates[104] = 0; // lane 40 of wave 1: that wave is not all-true
  std::vector<unsigned> out(threads * 8);
  ASSERT_EQ(library.get<int(const int *, unsigned *, int)>("run_wave_rest")(predicates.data(), out.data(), threads), 0);
  for (int t = 0; t < threads; ++t) {
    const unsigned lane = t % 64;
    const unsigned *row = &out[t * 8];
    EXPECT_EQ(row[0], lane);
    EXPECT_EQ(row[1], (lane % 16 >= 3 ? lane - 3 : lane) * 2) << t;
    EXPECT_EQ(row[2], (lane % 32 + 5 < 32 ? lane + 5 : lane) * 2) << t;
    EXPECT_EQ(row[3], 1u);
    EXPECT_EQ(row[4], t < 64 ? 1u : 0u) << t;
    EXPECT_EQ(row[5], t < 64 ? 0xffffffffu : ~(1u << (40 - 32))) << t; // high half of the ballot
    EXPECT_EQ(row[6], lane ^ 1u);
    EXPECT_EQ(row[7], lane / 16 * 16 + 1) << t;
  }
}

TEST(Hip, MaskedWavefrontIntrinsicsOfRocm62) {
  KernelLibrary library("masked_wave_hip.so");
  std::vector<int> predicates(64);
  unsigned ballot_low = 0;
  for (int l = 0; l < 64; ++l) {
    predicates[l] = l % 3 == 1;
    if (l < 32 && predicates[l]) ballot_low |= 1u << l;
  }
  std::vector<unsigned> out(64 * 6);
  ASSERT_EQ(library.get<int(const int *, unsigned *)>("run_masked_wave")(predicates.data(), out.data()), 0);
  for (unsigned lane = 0; lane < 64; ++lane) {
    const unsigned *row = &out[lane * 6];
    EXPECT_EQ(row[0], 0xffffffffu);
    EXPECT_EQ(row[1], ballot_low);
    EXPECT_EQ(row[2], lane / 16 * 16 + 1);
    EXPECT_EQ(row[3], lane >= 2 ? lane - 2 : lane);
    EXPECT_EQ(row[4], lane % 8 + 2 < 8 ? lane + 2 : lane) << lane;
    EXPECT_EQ(row[5], lane ^ 33u);
  }
}

TEST(Hip, AtomicHistogram) {
  KernelLibrary library("basics_hip.so");
  const int n = 5000, bins = 17;
  std::vector<int> values(n), out(bins), want(bins, 0);
  for (int i = 0; i < n; ++i) {
    values[i] = (i * 7919) % 1000;
    ++want[values[i] % bins];
  }
  ASSERT_EQ(library.get<int(const int *, int *, int, int)>("run_histogram")(values.data(), out.data(), n, bins), 0);
  EXPECT_EQ(out, want);
}

TEST(Hip, FloatAtomicExtrema) {
  KernelLibrary library("basics_hip.so");
  const int n = 999;
  std::vector<float> values(n), extrema(2);
  for (int i = 0; i < n; ++i) values[i] = std::sin(i * 0.37f) * 100.0f;
  ASSERT_EQ(library.get<int(const float *, float *, int)>("run_float_extrema")(values.data(), extrema.data(), n), 0);
  EXPECT_EQ(extrema[0], *std::max_element(values.begin(), values.end()));
  EXPECT_EQ(extrema[1], *std::min_element(values.begin(), values.end()));
}

TEST(Hip, VectorTypeOperators) {
  KernelLibrary library("basics_hip.so");
  const int count = 16;
  std::vector<float> a(count * 4), b(count * 4);
  for (int i = 0; i < count * 4; ++i) a[i] = i * 0.5f - 3.0f;
  ASSERT_EQ(library.get<int(const float *, float *, int)>("run_vector_ops")(a.data(), b.data(), count), 0);
  for (int i = 0; i < count * 4; ++i) EXPECT_EQ(b[i], (a[i] + float(i % 4 + 1)) * 2.0f - a[i]) << i;
}

struct MfmaCase {
  int variant, m, k, blgp;
  bool f16;
};

// Which lane's B data lane l uses under BLGP (DIALECTS.md 3.2).
int blgp_source(int lane, int blgp) {
  switch (blgp) {
  case 1: return lane % 32;
  case 3: return (lane + 16) % 64;
  default: return lane;
  }
}

class HipMfma : public ::testing::TestWithParam<MfmaCase> {};

TEST_P(HipMfma, MatchesReference) {
  const MfmaCase c = GetParam();
  KernelLibrary library("mfma_hip.so");
  const int m = c.m, n = c.m, k = c.k;
  std::mt19937 generator(static_cast<unsigned>(c.variant + 1));
  std::uniform_real_distribution<float> distribution(-1.0f, 1.0f);
  std::vector<float> A(m * k), B(k * n), C(m * n), D(m * n);
  for (auto *matrix : {&A, &B, &C})
    for (float &v : *matrix) v = distribution(generator);
  std::vector<_Float16> A16(A.begin(), A.end()), B16(B.begin(), B.end());
  if (c.f16) { // the reference uses the values the kernel sees
    for (int i = 0; i < m * k; ++i) A[i] = static_cast<float>(A16[i]);
    for (int i = 0; i < k * n; ++i) B[i] = static_cast<float>(B16[i]);
  }
  const void *a = c.f16 ? static_cast<const void *>(A16.data()) : A.data();
  const void *b = c.f16 ? static_cast<const void *>(B16.data()) : B.data();
  ASSERT_EQ(library.get<int(int, const void *, const void *, const float *, float *)>("run_mfma")(c.variant, a, b, C.data(),
                                                                                                D.data()),
            0);
  // B as the instruction reads it: lane l holds B[l/16][l%16] (16x16x4); BLGP redirects lanes.
  auto b_effective = [&](int kk, int j) {
    if (c.blgp == 0) return double(B[kk * n + j]);
    const int lane = kk * 16 + j, source = blgp_source(lane, c.blgp);
    return double(B[(source / 16) * n + source % 16]);
  };
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double want = C[i * n + j];
      for (int kk = 0; kk < k; ++kk) want += double(A[i * k + kk]) * b_effective(kk, j);
      EXPECT_NEAR(D[i * n + j], want, 1e-5) << "variant " << c.variant << " at " << i << "," << j;
    }
}

INSTANTIATE_TEST_SUITE_P(AllBuiltins, HipMfma,
                         ::testing::Values(MfmaCase{0, 16, 4, 0, false}, MfmaCase{1, 16, 16, 0, true},
                                           MfmaCase{2, 32, 8, 0, true}, MfmaCase{3, 32, 2, 0, false},
                                           MfmaCase{4, 16, 4, 1, false}, MfmaCase{5, 16, 4, 3, false}));

} // namespace
} // namespace xir::test
