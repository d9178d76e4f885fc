// __memcpy: every direction, the 2-D form (segnum = count - 1, dst_stride before src_stride),
// the 3-D form, and __memcpy_async completion at __sync_io.
#include <gtest/gtest.h>

#include <vector>

#include "bang_kernel_builder.hpp"

namespace {

class BangMemcpy : public testing::Test {
protected:
  static void SetUpTestSuite() { library_ = new xir::test::KernelLibrary("memcpy", 372); }
  static void TearDownTestSuite() { delete library_; }
  static xir::test::KernelLibrary* library_;
};
xir::test::KernelLibrary* BangMemcpy::library_ = nullptr;

TEST_F(BangMemcpy, EveryLegalDirectionMovesTheBytes) {
  const char* names[5] = {"GDRAM", "LDRAM", "SRAM", "NRAM", "WRAM"};
  auto run = library_->entry<int(int, int, const char*, char*, int)>("run_route");
  const int bytes = 272; // a multiple of 16, as 1-D copies touching WRAM need on 372
  int directions = 0;
  for (int from = 0; from < 5; ++from)
    for (int to = 0; to < 5; ++to) {
      if (from == 4 && to == 4)
        continue; // WRAM2WRAM is never legal (see failure_test)
      std::vector<char> in(bytes), out(bytes, 0);
      for (int i = 0; i < bytes; ++i)
        in[i] = static_cast<char>(i * 7 + from * 5 + to);
      ASSERT_EQ(run(from, to, in.data(), out.data(), bytes), 0) << names[from] << "2" << names[to];
      EXPECT_EQ(out, in) << names[from] << "2" << names[to];
      ++directions;
    }
  EXPECT_EQ(directions, 24);
}

TEST_F(BangMemcpy, TwoDimensionalFormCopiesSegnumPlusOneSegments) {
  auto run = library_->entry<int(const char*, int, char*, int, int, int, int, int, int, int)>(
      "run_copy_2d");
  struct Case {
    int size, nram_stride, in_stride, out_stride, segnum, in_offset;
  };
  // The last case walks the source backwards (src_stride is signed).
  for (const Case c :
       {Case{12, 16, 20, 12, 4, 0}, Case{5, 8, 7, 9, 9, 0}, Case{8, 8, -10, 8, 3, 30}}) {
    const int in_bytes = 200, out_bytes = 200;
    std::vector<char> in(in_bytes), out(out_bytes, 'z');
    for (int i = 0; i < in_bytes; ++i)
      in[i] = static_cast<char>(i);
    std::vector<char> want = out;
    for (int s = 0; s <= c.segnum; ++s)
      for (int b = 0; b < c.size; ++b)
        want[s * c.out_stride + b] = in[c.in_offset + s * c.in_stride + b];
    ASSERT_EQ(run(in.data(), in_bytes, out.data(), out_bytes, c.size, c.nram_stride, c.in_stride,
                  c.out_stride, c.segnum, c.in_offset),
              0);
    EXPECT_EQ(out, want) << "size " << c.size << " segnum " << c.segnum;
  }
}

TEST_F(BangMemcpy, ThreeDimensionalFormWalksInnerSegmentsFirst) {
  auto run =
      library_
          ->entry<int(const char*, int, char*, int, int, int, int, int, int, int, int, int, int)>(
              "run_copy_3d");
  const int size = 3;
  // Source: 4 x 3 segments (strides 5 and 40); destination: 2 x 6 segments (strides 4 and 10).
  const int src_stride0 = 5, src_segnum1 = 3, src_stride1 = 40, src_segnum2 = 2;
  const int dst_stride0 = 4, dst_segnum1 = 1, dst_stride1 = 10, dst_segnum2 = 5;
  std::vector<char> in(128), out(64);
  for (int i = 0; i < 128; ++i)
    in[i] = static_cast<char>(i + 1);
  std::vector<char> want(64, 0);
  for (int k = 0; k < 12; ++k) {
    const int src = (k % (src_segnum1 + 1)) * src_stride0 + (k / (src_segnum1 + 1)) * src_stride1;
    const int dst = (k % (dst_segnum1 + 1)) * dst_stride0 + (k / (dst_segnum1 + 1)) * dst_stride1;
    for (int b = 0; b < size; ++b)
      want[dst + b] = in[src + b];
  }
  ASSERT_EQ(run(in.data(), 128, out.data(), 64, size, dst_stride0, dst_segnum1, dst_stride1,
                dst_segnum2, src_stride0, src_segnum1, src_stride1, src_segnum2),
            0);
  EXPECT_EQ(out, want);
}

TEST_F(BangMemcpy, AsyncCopiesCompleteAtTheMatchingSync) {
  const int n = 40;
  std::vector<float> in(n), before(n, -1), after(n, -1);
  for (int i = 0; i < n; ++i)
    in[i] = 0.5f * i + 1;
  ASSERT_EQ(library_->entry<int(const float*, float*, float*, int)>("run_async")(
                in.data(), before.data(), after.data(), n),
            0);
  EXPECT_EQ(before, std::vector<float>(n, 0.0f));
  EXPECT_EQ(after, in);
}

TEST_F(BangMemcpy, BangMoveCopiesWithinNram) {
  const int bytes = 256, size = 10, dst_stride = 24, src_stride = 16, segnum = 6;
  std::vector<char> in(bytes), out(bytes);
  for (int i = 0; i < bytes; ++i)
    in[i] = static_cast<char>(3 * i + 1);
  std::vector<char> want(bytes, 0);
  for (int s = 0; s <= segnum; ++s)
    for (int b = 0; b < size; ++b)
      want[s * dst_stride + b] = in[s * src_stride + b];
  ASSERT_EQ(library_->entry<int(const char*, char*, int, int, int, int, int)>("run_move")(
                in.data(), out.data(), bytes, size, dst_stride, src_stride, segnum),
            0);
  EXPECT_EQ(out, want);
}

} // namespace
