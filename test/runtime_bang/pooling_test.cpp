// Pooling windows in HWC layout with width-first strides, against a direct loop nest.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "bang_kernel_builder.hpp"

namespace {

struct PoolCase {
  int c, h, w, kh, kw, sw, sh;
};

std::vector<double> reference_pool(int kind, const std::vector<float>& in, PoolCase p) {
  const int ho = (p.h - p.kh) / p.sh + 1, wo = (p.w - p.kw) / p.sw + 1;
  std::vector<double> out(static_cast<std::size_t>(ho) * wo * p.c);
  for (int oy = 0; oy < ho; ++oy)
    for (int ox = 0; ox < wo; ++ox)
      for (int ch = 0; ch < p.c; ++ch) {
        double acc = kind == 1 ? -1e30 : kind == 2 ? 1e30 : 0;
        for (int ky = 0; ky < p.kh; ++ky)
          for (int kx = 0; kx < p.kw; ++kx) {
            const double v = in[((oy * p.sh + ky) * p.w + ox * p.sw + kx) * p.c + ch];
            acc = kind == 1 ? std::max(acc, v) : kind == 2 ? std::min(acc, v) : acc + v;
          }
        out[(oy * wo + ox) * p.c + ch] = kind == 3 ? acc / (p.kh * p.kw) : acc;
      }
  return out;
}

TEST(BangPooling, AllKindsWithAndWithoutStrides) {
  xir::test::KernelLibrary library("pooling", 372);
  auto run =
      library.entry<int(int, int, const float*, float*, int, int, int, int, int, int, int, int)>(
          "run_pool_f32");
  // Unequal strides and an uneven remainder: width-first order and dropped leftovers both show.
  const PoolCase strided{3, 9, 11, 3, 2, 3, 2};
  const PoolCase plain{4, 6, 8, 2, 3, 3, 2};
  std::mt19937 generator(1);
  std::uniform_real_distribution<float> values(-1, 1);
  for (const auto& [pool_case, with_strides] : {std::pair{strided, 1}, std::pair{plain, 0}}) {
    std::vector<float> in(static_cast<std::size_t>(pool_case.c) * pool_case.h * pool_case.w);
    for (float& v : in)
      v = values(generator);
    PoolCase effective = pool_case;
    if (!with_strides) {
      effective.sw = pool_case.kw;
      effective.sh = pool_case.kh;
    }
    for (int kind = 0; kind < 4; ++kind) {
      const auto want = reference_pool(kind, in, effective);
      std::vector<float> out(want.size());
      ASSERT_EQ(run(kind, with_strides, in.data(), out.data(), static_cast<int>(out.size()),
                    pool_case.c, pool_case.h, pool_case.w, pool_case.kh, pool_case.kw, pool_case.sw,
                    pool_case.sh),
                0);
      for (std::size_t i = 0; i < want.size(); ++i)
        ASSERT_NEAR(out[i], want[i], 1e-5)
            << "kind " << kind << " strides " << with_strides << " at " << i;
    }
  }
}

TEST(BangPooling, SumpoolAsAReductionOverTheOuterAxis) {
  xir::test::KernelLibrary library("pooling", 372);
  auto run =
      library
          .entry<int(int, int, const _Float16*, _Float16*, int, int, int, int, int, int, int, int)>(
              "run_pool_f16");
  const int c = 64, w = 10; // __bang_sumpool(d, s, C, 1, W, 1, W, 1, 1): d[c] = sum_w s[w*C + c]
  std::vector<_Float16> in(c * w), out(c);
  for (int i = 0; i < c * w; ++i)
    in[i] = static_cast<_Float16>((i % 13) * 0.125f);
  ASSERT_EQ(run(0, 1, in.data(), out.data(), c, c, 1, w, 1, w, 1, 1), 0);
  for (int ch = 0; ch < c; ++ch) {
    float sum = 0;
    for (int x = 0; x < w; ++x)
      sum += float(in[x * c + ch]);
    EXPECT_EQ(float(out[ch]), sum) << ch; // multiples of 1/8 below 16: exact in half
  }
}

} // namespace
