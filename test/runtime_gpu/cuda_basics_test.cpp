// Indexing, memcpy kinds, memset, shared memory (static and dynamic), barriers, tiled GEMM, and
// the failure modes: a missing __syncthreads changes the result, an out-of-bounds write is reported.
#include "kernel_library.h"

#include <cmath>
#include <random>
#include <vector>

namespace xir::test {
namespace {

std::vector<float> random_floats(std::size_t n, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> distribution(-1.0f, 1.0f);
  std::vector<float> values(n);
  for (float &v : values) v = distribution(generator);
  return values;
}

class CudaBasics : public ::testing::Test {
protected:
  KernelLibrary library{"basics_cu.so"};
};

TEST_F(CudaBasics, AddThroughEveryMemcpyKind) {
  const int n = 1000;
  auto a = random_floats(n, 1), b = random_floats(n, 2);
  std::vector<float> c(n, -7.0f);
  ASSERT_EQ(library.get<int(const float *, const float *, float *, int)>("run_add")(a.data(), b.data(), c.data(), n), 0);
  for (int i = 0; i < n; ++i) EXPECT_EQ(c[i], a[i] + b[i]) << i;
}

TEST_F(CudaBasics, CopyKindMismatchIsAnError) {
  std::vector<float> host(16);
  const int status = library.get<int(float *, int)>("run_wrong_copy_kind")(host.data(), 16);
  EXPECT_EQ(status, 1); // cudaErrorInvalidValue: the destination is not device memory
}

TEST_F(CudaBasics, BuiltinIndicesIn3D) {
  const int gx = 2, gy = 3, gz = 2, bx = 4, by = 2, bz = 3;
  const int threads = bx * by * bz, count = gx * gy * gz * threads;
  std::vector<int> out(count);
  ASSERT_EQ(library.get<int(int *, int, int, int, int, int, int)>("run_linear_ids")(out.data(), gx, gy, gz, bx, by, bz), 0);
  for (int i = 0; i < count; ++i) EXPECT_EQ(out[i], (i / threads) * 1000 + i % threads) << i;
}

TEST_F(CudaBasics, Memset) {
  std::vector<unsigned char> out(77, 0);
  ASSERT_EQ(library.get<int(unsigned char *, int, int)>("run_memset")(out.data(), 77, 0x5c), 0);
  for (unsigned char byte : out) EXPECT_EQ(byte, 0x5c);
}

std::vector<float> reversed_blocks(const std::vector<float> &in, float scale) {
  std::vector<float> out(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = in[(i / 256) * 256 + 255 - i % 256] * scale;
  return out;
}

TEST_F(CudaBasics, StaticSharedMemoryWithBarrier) {
  const int blocks = 5;
  auto in = random_floats(blocks * 256, 3);
  std::vector<float> out(in.size());
  ASSERT_EQ(library.get<int(const float *, float *, int, int)>("run_reverse")(in.data(), out.data(), blocks, 0), 0);
  EXPECT_EQ(out, reversed_blocks(in, 1.0f));
}

TEST_F(CudaBasics, DynamicSharedMemory) {
  const int blocks = 3;
  auto in = random_floats(blocks * 256, 4);
  std::vector<float> out(in.size());
  ASSERT_EQ(library.get<int(const float *, float *, int, int)>("run_reverse")(in.data(), out.data(), blocks, 2), 0);
  EXPECT_EQ(out, reversed_blocks(in, 2.0f));
}

TEST_F(CudaBasics, MissingSyncthreadsChangesTheResult) {
  const int blocks = 4;
  auto in = random_floats(blocks * 256, 5);
  std::vector<float> out(in.size());
  ASSERT_EQ(library.get<int(const float *, float *, int, int)>("run_reverse")(in.data(), out.data(), blocks, 1), 0);
  const auto expected = reversed_blocks(in, 1.0f);
  int wrong = 0;
  for (std::size_t i = 0; i < out.size(); ++i) wrong += out[i] != expected[i];
  // Threads run to the barrier one after another in a shuffled order: a read of a slot whose
  // writer has not run yet sees stale data, which happens for about half of them.
  EXPECT_GT(wrong, static_cast<int>(out.size()) / 4);
}

TEST_F(CudaBasics, TiledGemmMatchesReference) {
  for (auto [M, N, K] : {std::tuple{16, 16, 16}, std::tuple{37, 29, 45}, std::tuple{64, 8, 33}}) {
    auto A = random_floats(M * K, 6), B = random_floats(K * N, 7);
    std::vector<float> C(M * N);
    ASSERT_EQ(library.get<int(const float *, const float *, float *, int, int, int)>("run_gemm")(A.data(), B.data(),
                                                                                              C.data(), M, N, K),
              0);
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) {
        double want = 0;
        for (int k = 0; k < K; ++k) want += double(A[i * K + k]) * B[k * N + j];
        EXPECT_NEAR(C[i * N + j], want, 1e-4) << M << "x" << N << "x" << K << " at " << i << "," << j;
      }
  }
}

TEST_F(CudaBasics, OutOfBoundsWriteIsReported) {
  int later = 0;
  const int status = library.get<int(int, int *)>("run_out_of_bounds")(100, &later);
  EXPECT_EQ(status, 700); // cudaErrorIllegalAddress at the synchronize
  EXPECT_EQ(later, 700);  // and sticky afterwards, like a real context
  const std::string diagnostics = library.diagnostics();
  EXPECT_NE(diagnostics.find("out-of-bounds write past the end of a 400-byte device allocation"), std::string::npos)
      << diagnostics;
  EXPECT_NE(diagnostics.find("(byte offsets 400 to 403)"), std::string::npos) << diagnostics;
  EXPECT_NE(diagnostics.find("off_by_one_kernel"), std::string::npos) << diagnostics;
  EXPECT_STREQ(library.get<const char *(int)>("error_string")(700), "an illegal memory access was encountered");
}

TEST_F(CudaBasics, BarrierPredicates) {
  std::vector<int> flags(96, 0);
  for (int i = 0; i < 96; i += 3) flags[i] = 1;
  std::vector<int> out(3);
  ASSERT_EQ(library.get<int(const int *, int *, int)>("run_barrier_predicates")(flags.data(), out.data(), 96), 0);
  EXPECT_EQ(out, (std::vector<int>{32, 0, 1}));
  std::fill(flags.begin(), flags.end(), 1);
  ASSERT_EQ(library.get<int(const int *, int *, int)>("run_barrier_predicates")(flags.data(), out.data(), 96), 0);
  EXPECT_EQ(out, (std::vector<int>{96, 1, 1}));
}

TEST_F(CudaBasics, OversizedBlockIsAConfigurationError) {
  EXPECT_EQ(library.get<int()>("run_invalid_launch")(), 9); // cudaErrorInvalidConfiguration
}

TEST_F(CudaBasics, LaunchBoundsAreEnforced) {
  std::vector<int> out(128, -1);
  auto *run = library.get<int(int, int *)>("run_launch_bounds");
  EXPECT_EQ(run(64, out.data()), 0);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(out[i], i);
  EXPECT_EQ(run(128, out.data()), 701); // cudaErrorLaunchOutOfResources
  EXPECT_EQ(out[100], 0);               // the kernel did not run
}

TEST_F(CudaBasics, TrapFailsTheLaunch) {
  EXPECT_EQ(library.get<int(int)>("run_faulting_kernel")(0), 719); // cudaErrorLaunchFailure
  EXPECT_NE(library.diagnostics().find("__trap() called"), std::string::npos) << library.diagnostics();
}

TEST_F(CudaBasics, DivergentBarrierIsReportedNotHung) {
  EXPECT_EQ(library.get<int(int)>("run_faulting_kernel")(1), 719);
  EXPECT_NE(library.diagnostics().find("deadlock"), std::string::npos) << library.diagnostics();
}

TEST_F(CudaBasics, StreamsAndEvents) {
  const int n = 300;
  auto a = random_floats(n, 8), b = random_floats(n, 9);
  std::vector<float> c(n);
  float elapsed = -1.0f;
  ASSERT_EQ(library.get<int(const float *, const float *, float *, int, float *)>("run_stream_add")(a.data(), b.data(),
                                                                                                  c.data(), n, &elapsed),
            0);
  for (int i = 0; i < n; ++i) EXPECT_EQ(c[i], a[i] + b[i]);
  EXPECT_GE(elapsed, 0.0f);
}

} // namespace
} // namespace xir::test
