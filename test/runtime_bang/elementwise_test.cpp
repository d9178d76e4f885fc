// Element-wise intrinsics and fills against results computed here, per element type.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "bang_kernel_builder.hpp"

namespace {

enum Op {
  ADD,
  SUB,
  MUL,
  ADD_SCALAR,
  SUB_SCALAR,
  MUL_SCALAR,
  ADD_CONST,
  SUB_CONST,
  MUL_CONST,
  DIV,
  DIV_SCALAR,
  DIV_WITH_TMP,
  RECIP,
  SQRT,
  SIN,
  SIGMOID
};

template <class T> using Entry = int(int, const T*, const T*, T*, int);

double reference(int op, double a, double b, double scalar) {
  switch (op) {
  case ADD:
    return a + b;
  case SUB:
    return a - b;
  case MUL:
    return a * b;
  case ADD_SCALAR:
  case ADD_CONST:
    return a + scalar;
  case SUB_SCALAR:
  case SUB_CONST:
    return a - scalar;
  case MUL_SCALAR:
  case MUL_CONST:
    return a * scalar;
  case DIV:
  case DIV_WITH_TMP:
    return a / b;
  case DIV_SCALAR:
    return a / scalar;
  case RECIP:
    return 1.0 / a;
  case SQRT:
    return std::sqrt(a);
  case SIN:
    return std::sin(a);
  case SIGMOID:
    return 1.0 / (1.0 + std::exp(-a));
  }
  return 0;
}

std::uint16_t bfloat16_bits(float value) { // round to nearest even on the upper 16 bits
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  const std::uint32_t remainder = bits & 0xffffu, low = bits >> 16;
  return static_cast<std::uint16_t>(
      remainder > 0x8000u || (remainder == 0x8000u && (low & 1u)) ? low + 1 : low);
}
float bfloat16_value(std::uint16_t bits) {
  const std::uint32_t wide = std::uint32_t{bits} << 16;
  float value;
  std::memcpy(&value, &wide, 4);
  return value;
}

std::vector<float> random_floats(int n, float low, float high, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> distribution(low, high);
  std::vector<float> values(n);
  for (float& v : values)
    v = distribution(generator);
  return values;
}

class BangElementwise : public testing::Test {
protected:
  static void SetUpTestSuite() { library_ = new xir::test::KernelLibrary("elementwise", 372); }
  static void TearDownTestSuite() { delete library_; }
  static xir::test::KernelLibrary* library_;
};
xir::test::KernelLibrary* BangElementwise::library_ = nullptr;

TEST_F(BangElementwise, FloatArithmeticMatchesFloatComputation) {
  const int n = 333; // not a multiple of any block size: no size rule on 372
  const auto a = random_floats(n, -4, 4, 1), b = random_floats(n, 0.5f, 4, 2);
  auto run = library_->entry<Entry<float>>("run_elementwise_f32");
  for (int op :
       {ADD, SUB, MUL, ADD_SCALAR, SUB_SCALAR, MUL_SCALAR, ADD_CONST, SUB_CONST, MUL_CONST}) {
    std::vector<float> out(n);
    ASSERT_EQ(run(op, a.data(), b.data(), out.data(), n), 0);
    for (int i = 0; i < n; ++i)
      ASSERT_EQ(out[i], static_cast<float>(reference(op, a[i], b[i], b[0])))
          << "op " << op << " at " << i;
  }
}

TEST_F(BangElementwise, SurpassFunctionsAreAccurate) {
  const int n = 200;
  const auto a = random_floats(n, 0.1f, 6, 3), b = random_floats(n, 1, 2, 4);
  auto run = library_->entry<Entry<float>>("run_elementwise_f32");
  for (int op : {RECIP, SQRT, SIN, SIGMOID}) {
    std::vector<float> out(n);
    ASSERT_EQ(run(op, a.data(), b.data(), out.data(), n), 0);
    for (int i = 0; i < n; ++i) {
      const double want = reference(op, a[i], 0, 0);
      ASSERT_NEAR(out[i], want, 2e-6 * std::abs(want) + 1e-7) << "op " << op << " at " << i;
    }
  }
}

TEST_F(BangElementwise, HalfResultsAreRoundedToNearestEven) {
  const int n = 256;
  const auto af = random_floats(n, -8, 8, 5), bf = random_floats(n, 0.25f, 8, 6);
  std::vector<_Float16> a(af.begin(), af.end()), b(bf.begin(), bf.end());
  auto run = library_->entry<Entry<_Float16>>("run_elementwise_f16");
  for (int op :
       {ADD, SUB, MUL, ADD_SCALAR, SUB_SCALAR, MUL_SCALAR, ADD_CONST, SUB_CONST, MUL_CONST}) {
    std::vector<_Float16> out(n);
    ASSERT_EQ(run(op, a.data(), b.data(), out.data(), n), 0);
    for (int i = 0; i < n; ++i) {
      const auto want = static_cast<_Float16>(
          static_cast<float>(reference(op, float(a[i]), float(b[i]), float(b[0]))));
      ASSERT_EQ(float(out[i]), float(want)) << "op " << op << " at " << i;
    }
  }
}

template <class T>
void check_integer_ops(xir::test::KernelLibrary& library, const char* entry, int low, int high) {
  const int n = 100;
  std::mt19937 generator(9);
  std::uniform_int_distribution<int> values(low, high);
  std::vector<T> a(n), b(n);
  for (int i = 0; i < n; ++i) {
    a[i] = static_cast<T>(values(generator));
    b[i] = static_cast<T>(values(generator));
  }
  auto run = library.entry<Entry<T>>(entry);
  for (int op : {ADD, SUB, MUL, ADD_SCALAR, SUB_SCALAR, MUL_SCALAR}) {
    std::vector<T> out(n);
    ASSERT_EQ(run(op, a.data(), b.data(), out.data(), n), 0);
    for (int i = 0; i < n; ++i)
      ASSERT_EQ(out[i], static_cast<T>(reference(op, a[i], b[i], b[0])))
          << entry << " op " << op << " at " << i;
  }
}

TEST_F(BangElementwise, IntegerOverloadsComputeExactly) {
  check_integer_ops<int>(*library_, "run_elementwise_i32", -30000, 30000);
  check_integer_ops<short>(*library_, "run_elementwise_i16", -150, 150);
  check_integer_ops<signed char>(*library_, "run_elementwise_i8", -10, 10);
  std::vector<unsigned char> a(64), b(64), out(64);
  for (int i = 0; i < 64; ++i) {
    a[i] = static_cast<unsigned char>(100 + i);
    b[i] = static_cast<unsigned char>(i * 3 / 2);
  }
  ASSERT_EQ(library_->entry<int(const unsigned char*, const unsigned char*, unsigned char*, int)>(
                "run_sub_u8")(a.data(), b.data(), out.data(), 64),
            0);
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(out[i], a[i] - b[i]);
}

TEST_F(BangElementwise, TransposeSwapsRowsAndColumns) {
  const int h = 5, w = 7;
  std::vector<float> in(h * w), out(h * w);
  std::vector<short> in16(h * w), out16(h * w);
  for (int i = 0; i < h * w; ++i) {
    in[i] = static_cast<float>(i) * 0.5f;
    in16[i] = static_cast<short>(i - 9);
  }
  ASSERT_EQ(library_->entry<int(const float*, float*, int, int)>("run_transpose_f32")(
                in.data(), out.data(), h, w),
            0);
  ASSERT_EQ(library_->entry<int(const short*, short*, int, int)>("run_transpose_i16")(
                in16.data(), out16.data(), h, w),
            0);
  for (int i = 0; i < h; ++i)
    for (int j = 0; j < w; ++j) {
      EXPECT_EQ(out[j * h + i], in[i * w + j]);
      EXPECT_EQ(out16[j * h + i], in16[i * w + j]);
    }
}

TEST_F(BangElementwise, FillsTakeTheElementTypeFromTheValue) {
  const int n = 96;
  std::vector<float> f(n);
  std::vector<int> ints(n);
  std::vector<_Float16> h(n);
  ASSERT_EQ(library_->entry<int(float*, int*, _Float16*, int)>("run_fill")(f.data(), ints.data(),
                                                                           h.data(), n),
            0);
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(f[i], i < n / 2 ? 0.0f : 2.5f);
    EXPECT_EQ(ints[i], i < n / 4 ? -3 : 7);
    EXPECT_EQ(float(h[i]), 1.5f);
  }
}

// The half nearest to zero among those not larger in magnitude than x, by bisection on the
// ordered bit patterns of the positive halves.
_Float16 toward_zero_oracle(float x) {
  const float magnitude = std::abs(x);
  unsigned low = 0, high = 0x7bff; // 0 .. the largest finite half
  while (low < high) {
    const unsigned middle = (low + high + 1) / 2;
    std::uint16_t bits = static_cast<std::uint16_t>(middle);
    _Float16 candidate;
    std::memcpy(&candidate, &bits, 2);
    if (float(candidate) <= magnitude)
      low = middle;
    else
      high = middle - 1;
  }
  std::uint16_t bits = static_cast<std::uint16_t>(low | (std::signbit(x) ? 0x8000u : 0u));
  _Float16 result;
  std::memcpy(&result, &bits, 2);
  return result;
}

TEST_F(BangElementwise, HalfConversionsRoundAsNamed) {
  auto values = random_floats(500, -70000, 70000, 21);
  const auto small = random_floats(500, -0.001f, 0.001f, 22);
  values.insert(values.end(), small.begin(), small.end());
  const int n = static_cast<int>(values.size());
  std::vector<_Float16> nearest(n), toward_zero(n), scalar(n);
  std::vector<float> back(n);
  ASSERT_EQ(library_->entry<int(const float*, _Float16*, _Float16*, float*, _Float16*, int)>(
                "run_convert")(values.data(), nearest.data(), toward_zero.data(), back.data(),
                               scalar.data(), n),
            0);
  for (int i = 0; i < n; ++i) {
    const _Float16 want_nearest = static_cast<_Float16>(values[i]);
    const _Float16 want_toward_zero = toward_zero_oracle(values[i]);
    ASSERT_EQ(float(nearest[i]), float(want_nearest)) << values[i];
    ASSERT_EQ(back[i], float(want_nearest)) << values[i];
    ASSERT_EQ(float(toward_zero[i]), float(want_toward_zero)) << values[i];
    ASSERT_EQ(float(scalar[i]), float(static_cast<_Float16>(float(want_toward_zero) * 2.0f)))
        << values[i];
  }
}

// __bang_div exists on arch >= 322 except 372, and bf16 on 5xx: these run the 592 build.
TEST(BangElementwise592, DivisionAndBfloat16) {
  xir::test::KernelLibrary library("elementwise", 592);
  const int n = 128;
  const auto a = random_floats(n, -5, 5, 11), b = random_floats(n, 0.5f, 3, 12);
  auto run = library.entry<Entry<float>>("run_elementwise_f32");
  for (int op : {DIV, DIV_SCALAR, DIV_WITH_TMP}) {
    std::vector<float> out(n);
    ASSERT_EQ(run(op, a.data(), b.data(), out.data(), n), 0);
    for (int i = 0; i < n; ++i)
      ASSERT_EQ(out[i], static_cast<float>(reference(op, a[i], b[i], b[0]))) << op;
  }
  std::vector<int> ia(n), ib(n), iout(n);
  for (int i = 0; i < n; ++i) {
    ia[i] = i * 37 - 2000;
    ib[i] = i % 7 + 1;
  }
  ASSERT_EQ(
      library.entry<Entry<int>>("run_elementwise_i32")(DIV, ia.data(), ib.data(), iout.data(), n),
      0);
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(iout[i], ia[i] / ib[i]);

  std::vector<std::uint16_t> ba(n), bb(n), bout(n);
  for (int i = 0; i < n; ++i) {
    ba[i] = bfloat16_bits(a[i]);
    bb[i] = bfloat16_bits(b[i]);
  }
  auto run_bf16 = library.entry<Entry<std::uint16_t>>("run_elementwise_bf16");
  for (int op : {ADD, MUL, SUB_SCALAR, DIV, SQRT}) {
    if (op == SQRT)
      for (auto& bits : ba)
        bits &= 0x7fff; // sqrt of |a|
    ASSERT_EQ(run_bf16(op, ba.data(), bb.data(), bout.data(), n), 0);
    for (int i = 0; i < n; ++i) {
      const float want = static_cast<float>(
          reference(op, bfloat16_value(ba[i]), bfloat16_value(bb[i]), bfloat16_value(bb[0])));
      ASSERT_EQ(bout[i], bfloat16_bits(want)) << "op " << op << " at " << i;
    }
  }
}

} // namespace
