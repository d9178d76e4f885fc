// Convolution, MLP and matmul in their documented layouts, float and fixed point, against
// direct loop nests computed here.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "bang_kernel_builder.hpp"

namespace {

class BangTensorOps : public testing::Test {
protected:
  static void SetUpTestSuite() { library_ = new xir::test::KernelLibrary("tensor_ops", 372); }
  static void TearDownTestSuite() { delete library_; }
  static xir::test::KernelLibrary* library_;
};
xir::test::KernelLibrary* BangTensorOps::library_ = nullptr;

template <class T>
std::vector<T> random_values(std::size_t n, double low, double high, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> distribution(low, high);
  std::vector<T> values(n);
  for (T& v : values)
    v = static_cast<T>(std::lround(distribution(generator) * 1000) /
                       (std::is_integral_v<T> ? 1000 : 1000.0));
  return values;
}

struct Conv {
  int ci, h, w, kh, kw, sw, sh, co, dilation;
  int ho() const { return (h - ((kh - 1) * dilation + 1)) / sh + 1; }
  int wo() const { return (w - ((kw - 1) * dilation + 1)) / sw + 1; }
};

// src [H][W][Ci], kernel [Co][Kh][Kw][Ci], dst [Ho][Wo][Co].
template <class T>
std::vector<double> reference_conv(const std::vector<T>& src, const std::vector<T>& kernel,
                                   const std::vector<float>* bias, Conv c) {
  std::vector<double> out(static_cast<std::size_t>(c.ho()) * c.wo() * c.co);
  for (int y = 0; y < c.ho(); ++y)
    for (int x = 0; x < c.wo(); ++x)
      for (int o = 0; o < c.co; ++o) {
        double acc = bias ? (*bias)[o] : 0.0;
        for (int ky = 0; ky < c.kh; ++ky)
          for (int kx = 0; kx < c.kw; ++kx)
            for (int i = 0; i < c.ci; ++i)
              acc +=
                  double(
                      src[((y * c.sh + ky * c.dilation) * c.w + x * c.sw + kx * c.dilation) * c.ci +
                          i]) *
                  double(kernel[((o * c.kh + ky) * c.kw + kx) * c.ci + i]);
        out[(y * c.wo() + x) * c.co + o] = acc;
      }
  return out;
}

TEST_F(BangTensorOps, FloatConvolutionWithStridesBiasAndDilation) {
  auto run = library_->entry<int(int, const float*, const float*, const float*, float*, int, int,
                                 int, int, int, int, int, int, int, int)>("run_conv_f32");
  for (const auto& [mode, c] : {std::pair{0, Conv{3, 9, 8, 3, 2, 2, 3, 5, 1}},
                                std::pair{1, Conv{4, 8, 9, 2, 3, 1, 2, 6, 2}}}) {
    const auto src = random_values<float>(std::size_t(c.ci) * c.h * c.w, -1, 1, 1);
    const auto kernel = random_values<float>(std::size_t(c.co) * c.kh * c.kw * c.ci, -1, 1, 2);
    const auto bias = random_values<float>(c.co, -1, 1, 3);
    const auto want = reference_conv(src, kernel, mode == 1 ? &bias : nullptr, c);
    std::vector<float> out(want.size());
    ASSERT_EQ(run(mode, src.data(), kernel.data(), bias.data(), out.data(), c.ci, c.h, c.w, c.kh,
                  c.kw, c.sw, c.sh, c.co, c.dilation, static_cast<int>(out.size())),
              0);
    for (std::size_t i = 0; i < want.size(); ++i)
      ASSERT_NEAR(out[i], want[i], 1e-4) << "mode " << mode << " at " << i;
  }
}

TEST_F(BangTensorOps, FixedPointConvolutionScalesByTwoToTheFixPosition) {
  const Conv c{8, 5, 5, 3, 3, 1, 1, 4, 1};
  const auto src = random_values<signed char>(std::size_t(c.ci) * c.h * c.w, -100, 100, 4);
  const auto kernel =
      random_values<signed char>(std::size_t(c.co) * c.kh * c.kw * c.ci, -100, 100, 5);
  const auto exact = reference_conv(src, kernel, nullptr, c);
  std::vector<float> out(exact.size());
  const int fix = -6;
  ASSERT_EQ(library_->entry<int(const signed char*, const signed char*, float*, int, int, int, int,
                                int, int, int, int, int, int)>("run_conv_i8")(
                src.data(), kernel.data(), out.data(), c.ci, c.h, c.w, c.kh, c.kw, c.sw, c.sh, c.co,
                fix, static_cast<int>(out.size())),
            0);
  for (std::size_t i = 0; i < exact.size(); ++i)
    ASSERT_EQ(out[i], static_cast<float>(exact[i] / 64.0)) << i;
}

TEST_F(BangTensorOps, MlpHeightIsOutputsWidthIsInputs) {
  const int height = 10, width = 37;
  const auto src = random_values<float>(width, -1, 1, 6),
             filter = random_values<float>(height * width, -1, 1, 7),
             bias = random_values<float>(height, -1, 1, 8);
  std::vector<float> out(height);
  ASSERT_EQ(library_->entry<int(const float*, const float*, const float*, float*, int, int)>(
                "run_mlp_f32")(src.data(), filter.data(), bias.data(), out.data(), height, width),
            0);
  for (int h = 0; h < height; ++h) {
    double want = bias[h];
    for (int w = 0; w < width; ++w)
      want += double(filter[h * width + w]) * src[w];
    EXPECT_NEAR(out[h], want, 1e-4) << h;
  }
  const auto src16 = random_values<short>(width, -3000, 3000, 9),
             filter16 = random_values<short>(height * width, -3000, 3000, 10);
  ASSERT_EQ(library_->entry<int(const short*, const short*, float*, int, int, int)>("run_mlp_i16")(
                src16.data(), filter16.data(), out.data(), height, width, 3),
            0);
  for (int h = 0; h < height; ++h) {
    long long dot = 0;
    for (int w = 0; w < width; ++w)
      dot += static_cast<long long>(filter16[h * width + w]) * src16[w];
    EXPECT_EQ(out[h], static_cast<float>(dot * 8.0)) << h;
  }
}

TEST_F(BangTensorOps, MatmulReadsTheWramOperandAsBTransposed) {
  const int M = 8, K = 19, N = 6;
  const auto a = random_values<float>(M * K, -1, 1, 11),
             bt = random_values<float>(N * K, -1, 1, 12),
             c = random_values<float>(M * N, -1, 1, 13);
  auto run =
      library_->entry<int(const float*, const float*, const float*, float*, int, int, int, int)>(
          "run_matmul_f32");
  for (int with_c : {0, 1}) {
    std::vector<float> out(M * N);
    ASSERT_EQ(run(a.data(), bt.data(), c.data(), out.data(), M, K, N, with_c), 0);
    for (int m = 0; m < M; ++m)
      for (int n = 0; n < N; ++n) {
        double want = with_c ? c[m * N + n] : 0.0;
        for (int k = 0; k < K; ++k)
          want += double(a[m * K + k]) * bt[n * K + k];
        ASSERT_NEAR(out[m * N + n], want, 1e-4) << m << "," << n << " with_c " << with_c;
      }
  }
  const auto a8 = random_values<signed char>(M * K, -120, 120, 14),
             bt8 = random_values<signed char>(N * K, -120, 120, 15);
  std::vector<float> out(M * N);
  ASSERT_EQ(
      library_->entry<int(const signed char*, const signed char*, float*, int, int, int, int)>(
          "run_matmul_i8")(a8.data(), bt8.data(), out.data(), M, K, N, 2),
      0);
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      long long dot = 0;
      for (int k = 0; k < K; ++k)
        dot += static_cast<long long>(a8[m * K + k]) * bt8[n * K + k];
      ASSERT_EQ(out[m * N + n], static_cast<float>(dot * 4)) << m << "," << n;
    }
}

} // namespace
