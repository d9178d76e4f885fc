// Shuffles, votes, match and reduce of 32-lane warps against closed-form expectations.
#include "kernel_library.h"

#include <vector>

namespace xir::test {
namespace {

class CudaWarp : public ::testing::Test {
protected:
  KernelLibrary library{"warp_cu.so"};
  std::vector<int> shuffle(int threads, int kind, int arg, int width) {
    std::vector<int> out(threads);
    EXPECT_EQ(library.get<int(int *, int, int, int, int)>("run_shuffle")(out.data(), threads, kind, arg, width), 0);
    return out;
  }
};

int value_of(int lane_in_block) { return lane_in_block * 10 + 1; }

TEST_F(CudaWarp, ShuffleIndexWithWidths) {
  for (int width : {32, 16, 8}) {
    const auto out = shuffle(64, 0, 3, width);
    for (int t = 0; t < 64; ++t) {
      const int warp = t / 32, lane = t % 32;
      EXPECT_EQ(out[t], value_of(warp * 32 + (lane / width) * width + 3)) << "width " << width << " thread " << t;
    }
  }
}

TEST_F(CudaWarp, ShuffleUpKeepsOwnValueBelowTheSegment) {
  for (int width : {32, 8}) {
    const auto out = shuffle(64, 1, 2, width);
    for (int t = 0; t < 64; ++t) {
      const int lane = t % 32;
      EXPECT_EQ(out[t], lane % width >= 2 ? value_of(t - 2) : value_of(t)) << width << " " << t;
    }
  }
}

TEST_F(CudaWarp, ShuffleDownKeepsOwnValuePastTheSegment) {
  for (int width : {32, 16}) {
    const auto out = shuffle(64, 2, 5, width);
    for (int t = 0; t < 64; ++t) {
      const int lane = t % 32;
      EXPECT_EQ(out[t], lane % width + 5 < width ? value_of(t + 5) : value_of(t)) << width << " " << t;
    }
  }
}

TEST_F(CudaWarp, ShuffleXor) {
  const auto out = shuffle(32, 3, 5, 32);
  for (int t = 0; t < 32; ++t) EXPECT_EQ(out[t], value_of(t ^ 5));
  const auto narrow = shuffle(32, 3, 9, 8); // 9 = 8 | 1 leaves the 8-lane segment for later lanes
  for (int t = 0; t < 32; ++t) {
    const int source = t ^ 9;
    EXPECT_EQ(narrow[t], source < (t / 8) * 8 + 8 ? value_of(source) : value_of(t)) << t;
  }
}

TEST_F(CudaWarp, ButterflyReductionOfFloats) {
  std::vector<float> in(128), out(4);
  for (int i = 0; i < 128; ++i) in[i] = static_cast<float>(i % 7) * 0.5f;
  ASSERT_EQ(library.get<int(const float *, float *, int)>("run_warp_reduce")(in.data(), out.data(), 128), 0);
  for (int w = 0; w < 4; ++w) {
    float want = 0;
    for (int i = 0; i < 32; ++i) want += in[w * 32 + i];
    EXPECT_EQ(out[w], want);
  }
}

TEST_F(CudaWarp, BallotAnyAllMatchReduce) {
  const int threads = 64;
  std::vector<int> predicates(threads);
  for (int t = 0; t < threads; ++t) predicates[t] = t < 32 ? (t % 3 == 0) : 1; // warp 1: all true
  std::vector<unsigned> out(threads * 6);
  ASSERT_EQ(library.get<int(const int *, unsigned *, int)>("run_vote")(predicates.data(), out.data(), threads), 0);
  unsigned ballot0 = 0;
  for (int t = 0; t < 32; ++t) ballot0 |= predicates[t] ? 1u << t : 0u;
  for (int t = 0; t < threads; ++t) {
    const unsigned *row = &out[t * 6];
    const bool first_warp = t < 32;
    EXPECT_EQ(row[0], first_warp ? ballot0 : 0xffffffffu) << t;
    EXPECT_EQ(row[1], 1u) << t;
    EXPECT_EQ(row[2], first_warp ? 0u : 1u) << t;
    EXPECT_EQ(row[3], first_warp ? (predicates[t] ? ballot0 : ~ballot0) : 0xffffffffu) << t;
    EXPECT_EQ(row[4], first_warp ? 11u : 32u) << t;
    EXPECT_EQ(row[5], 1u) << t;
  }
}

} // namespace
} // namespace xir::test
