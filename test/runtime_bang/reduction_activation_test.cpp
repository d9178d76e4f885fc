// Reductions (per-128-byte-block sums, argmax/argmin output format) and activations with their
// documented cut-offs, against values computed here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "bang_kernel_builder.hpp"

namespace {

class BangReductionActivation : public testing::Test {
protected:
  static void SetUpTestSuite() {
    library_ = new xir::test::KernelLibrary("reduction_activation", 372);
  }
  static void TearDownTestSuite() { delete library_; }
  static xir::test::KernelLibrary* library_;
};
xir::test::KernelLibrary* BangReductionActivation::library_ = nullptr;

std::vector<float> random_floats(int n, float low, float high, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> distribution(low, high);
  std::vector<float> values(n);
  for (float& v : values)
    v = distribution(generator);
  return values;
}

TEST_F(BangReductionActivation, ReduceSumSumsEach128ByteBlockSeparately) {
  const int n = 32 * 5; // five blocks of 32 floats
  const auto in = random_floats(n, -1, 1, 1);
  std::vector<float> out(n);
  ASSERT_EQ(library_->entry<int(const float*, float*, int)>("run_reduce_sum_f32")(in.data(),
                                                                                  out.data(), n),
            0);
  for (int block = 0; block < 5; ++block) {
    double sum = 0;
    for (int i = 0; i < 32; ++i)
      sum += in[block * 32 + i];
    EXPECT_NEAR(out[block * 32], sum, 1e-5) << block;
    for (int i = 1; i < 32; ++i)
      EXPECT_EQ(out[block * 32 + i], in[block * 32 + i]) << "unchanged on 3xx";
  }
  const int halves = 64 * 2; // two blocks of 64 halves
  const auto values = random_floats(halves, -1, 1, 2);
  std::vector<_Float16> hin(values.begin(), values.end()), hout(halves);
  ASSERT_EQ(library_->entry<int(const _Float16*, _Float16*, int)>("run_reduce_sum_f16")(
                hin.data(), hout.data(), halves),
            0);
  for (int block = 0; block < 2; ++block) {
    double sum = 0;
    for (int i = 0; i < 64; ++i)
      sum += float(hin[block * 64 + i]);
    EXPECT_NEAR(float(hout[block * 64]), sum, 0.02) << block;
  }
}

TEST(BangReduction270, ReduceSumZeroesTheRestOfEachBlockOn2xx) {
  xir::test::KernelLibrary library("reduction_activation", 270);
  const int n = 32 * 3;
  const auto in = random_floats(n, -1, 1, 7);
  std::vector<float> out(n, 5.0f);
  ASSERT_EQ(
      library.entry<int(const float*, float*, int)>("run_reduce_sum_f32")(in.data(), out.data(), n),
      0);
  for (int block = 0; block < 3; ++block) {
    double sum = 0;
    for (int i = 0; i < 32; ++i)
      sum += in[block * 32 + i];
    EXPECT_NEAR(out[block * 32], sum, 1e-5) << block;
    for (int i = 1; i < 32; ++i)
      EXPECT_EQ(out[block * 32 + i], 0.0f) << "zeroed on 2xx";
  }
}

TEST_F(BangReductionActivation, ArgmaxStoresValueThenFirstIndex) {
  std::vector<float> in = random_floats(300, -10, 10, 3);
  in[17] = 42.0f;
  in[211] = 42.0f; // a later tie: the first occurrence wins
  in[99] = -50.0f;
  in[5] = std::nanf(""); // NaN is ignored
  auto run = library_->entry<int(int, const float*, char*, int)>("run_extreme_f32");
  for (int which : {0, 1, 2, 3}) {
    char raw[128];
    ASSERT_EQ(run(which, in.data(), raw, 300), 0);
    float value;
    std::uint32_t index;
    std::memcpy(&value, raw, 4);
    std::memcpy(&index, raw + 4, 4);
    const bool max = which % 2 == 0;
    EXPECT_EQ(value, max ? 42.0f : -50.0f) << which;
    EXPECT_EQ(index, max ? 17u : 99u) << which;
  }
  std::vector<_Float16> half_in(100);
  for (int i = 0; i < 100; ++i)
    half_in[i] = static_cast<_Float16>(std::sin(i * 0.3f));
  half_in[63] = static_cast<_Float16>(3.0f);
  char raw[128];
  ASSERT_EQ(library_->entry<int(int, const _Float16*, char*, int)>("run_extreme_f16")(
                0, half_in.data(), raw, 100),
            0);
  _Float16 value;
  std::uint16_t index_low; // Cambricon code reads ((uint16_t *)d)[1]: the index starts at byte 2
  std::memcpy(&value, raw, 2);
  std::memcpy(&index_low, raw + 2, 2);
  EXPECT_EQ(float(value), 3.0f);
  EXPECT_EQ(index_low, 63);
}

double active_reference(int which, double x) {
  switch (which) {
  case 0:
    return x < -7.75 ? 5.96e-8 : std::exp(x);
  case 1:
    return x < -7.75 ? 0.0 : x > 7.75 ? 1.0 : 1.0 / (1.0 + std::exp(-x));
  case 2:
    return x > 0 ? x : 0;
  case 3:
    return std::signbit(x) && x != 0 ? -1.0 : 1.0;
  case 4:
    return 1.0 / x;
  default:
    return x < -3.875 ? -5.96e-8 : 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
  }
}

TEST_F(BangReductionActivation, ActivationsFollowTheDocumentedCutOffs) {
  auto in = random_floats(400, -9, 9, 4);
  in[0] = -0.0f;
  in[1] = 0.0f;
  in[2] = -7.8f;
  in[3] = 7.8f;
  in[4] = -4.0f;
  auto run = library_->entry<int(int, const float*, float*, int)>("run_active_f32");
  for (int which = 0; which <= 6; ++which) {
    std::vector<float> x = in;
    if (which == 4)
      for (float& v : x)
        v = std::abs(v) + 0.01f; // recip's domain is [1/128, 65472]
    std::vector<float> out(x.size());
    ASSERT_EQ(run(which, x.data(), out.data(), static_cast<int>(x.size())), 0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double want = active_reference(which, x[i]);
      ASSERT_NEAR(out[i], want, 1e-5 * std::abs(want) + 1e-9)
          << "function " << which << " x " << x[i];
    }
  }
  std::vector<_Float16> hx(in.begin(), in.end()), hout(in.size());
  ASSERT_EQ(library_->entry<int(int, const _Float16*, _Float16*, int)>("run_active_f16")(
                1, hx.data(), hout.data(), 400),
            0);
  for (int i = 0; i < 400; ++i)
    ASSERT_NEAR(float(hout[i]), active_reference(1, float(hx[i])), 1e-3);
}

} // namespace
