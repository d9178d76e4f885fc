// nvcuda::wmma: every shape and type of DIALECTS.md 2.4 in every memory layout, against a double
// precision reference computed from the operands as the tensor cores see them.
#include "common/half_bits.h"
#include "kernel_library.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <vector>

namespace xir::test {
namespace {

struct Shape {
  int m, n, k;
};
constexpr Shape shapes[3] = {{16, 16, 16}, {32, 8, 16}, {8, 32, 16}};

using WmmaEntry = int(int, const void *, const void *, const void *, void *, int, int, int);
using WmmaFixedEntry = int(const void *, const void *, const void *, void *, int, int, int);

std::uint16_t bf16_bits(float v) { // inputs are exactly representable
  std::uint32_t b;
  std::memcpy(&b, &v, 4);
  return static_cast<std::uint16_t>(b >> 16);
}
double tf32_value(float v) { // the upper 19 bits, as read by the tensor cores
  std::uint32_t b;
  std::memcpy(&b, &v, 4);
  b &= 0xffffe000u;
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}

// Operands of one element type: how a random value is stored and what the hardware reads.
template <class Stored> struct Operand {
  std::function<Stored(std::mt19937 &)> make;
  std::function<double(Stored)> value;
};

template <class AB, class C, class D>
void check_wmma(const std::function<int(const void *, const void *, const void *, void *, int, int, int)> &run, Shape s,
                const Operand<AB> &ab, const Operand<C> &c_operand, const std::function<double(D)> &d_value,
                double tolerance, const std::string &what) {
  std::mt19937 generator(static_cast<unsigned>(s.m * 131 + s.n * 7 + s.k));
  for (int layout = 0; layout < 8; ++layout) {
    const bool a_col = layout & 1, b_col = layout & 2, c_col = layout & 4;
    std::vector<AB> a(s.m * s.k), b(s.k * s.n);
    std::vector<C> c(s.m * s.n);
    std::vector<D> d(s.m * s.n);
    for (auto &v : a) v = ab.make(generator);
    for (auto &v : b) v = ab.make(generator);
    for (auto &v : c) v = c_operand.make(generator);
    ASSERT_EQ(run(a.data(), b.data(), c.data(), d.data(), a_col, b_col, c_col), 0) << what;
    auto A = [&](int i, int k) { return ab.value(a_col ? a[k * s.m + i] : a[i * s.k + k]); };
    auto B = [&](int k, int j) { return ab.value(b_col ? b[j * s.k + k] : b[k * s.n + j]); };
    auto at = [&](int i, int j) { return c_col ? j * s.m + i : i * s.n + j; };
    for (int i = 0; i < s.m; ++i)
      for (int j = 0; j < s.n; ++j) {
        double want = c_operand.value(c[at(i, j)]);
        for (int k = 0; k < s.k; ++k) want += A(i, k) * B(k, j);
        ASSERT_NEAR(d_value(d[at(i, j)]), want, tolerance * (1 + std::fabs(want)))
            << what << " " << s.m << "x" << s.n << "x" << s.k << " layout " << layout << " at " << i << "," << j;
      }
  }
}

class CudaWmma : public ::testing::Test {
protected:
  KernelLibrary library{"wmma_cu.so"};
  std::function<int(const void *, const void *, const void *, void *, int, int, int)> entry(const char *name, int shape) {
    auto *function = library.get<WmmaEntry>(name);
    return [function, shape](const void *a, const void *b, const void *c, void *d, int ac, int bc, int cc) {
      return function(shape, a, b, c, d, ac, bc, cc);
    };
  }
};

const Operand<std::uint16_t> half_operand{
    [](std::mt19937 &g) { return half_bits(std::uniform_real_distribution<double>(-1, 1)(g)); }, half_value};
const Operand<float> float_operand{[](std::mt19937 &g) { return std::uniform_real_distribution<float>(-1, 1)(g); },
                                   [](float v) { return double(v); }};

TEST_F(CudaWmma, HalfInputsFloatAccumulator) {
  for (int shape = 0; shape < 3; ++shape)
    check_wmma<std::uint16_t, float, float>(entry("run_wmma_f16_f32", shape), shapes[shape], half_operand, float_operand,
                                            [](float v) { return double(v); }, 1e-6, "f16->f32");
}

TEST_F(CudaWmma, HalfInputsHalfAccumulator) {
  for (int shape = 0; shape < 3; ++shape)
    check_wmma<std::uint16_t, std::uint16_t, std::uint16_t>(entry("run_wmma_f16_f16", shape), shapes[shape], half_operand,
                                                            half_operand, half_value, 1e-3, "f16->f16");
}

TEST_F(CudaWmma, FloatAccumulatorStoredAsHalf) {
  for (int shape = 0; shape < 3; ++shape)
    check_wmma<std::uint16_t, float, std::uint16_t>(entry("run_wmma_f16_f32_to_f16", shape), shapes[shape], half_operand,
                                                    float_operand, half_value, 1e-3, "f16 (f32 C) -> f16 D");
}

TEST_F(CudaWmma, SignedAndUnsigned8BitIntegers) {
  const Operand<std::int8_t> s8{[](std::mt19937 &g) { return static_cast<std::int8_t>(std::uniform_int_distribution<int>(-128, 127)(g)); },
                                [](std::int8_t v) { return double(v); }};
  const Operand<std::uint8_t> u8{[](std::mt19937 &g) { return static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 255)(g)); },
                                 [](std::uint8_t v) { return double(v); }};
  const Operand<int> i32{[](std::mt19937 &g) { return std::uniform_int_distribution<int>(-100000, 100000)(g); },
                         [](int v) { return double(v); }};
  for (int shape = 0; shape < 3; ++shape) {
    check_wmma<std::int8_t, int, int>(entry("run_wmma_s8", shape), shapes[shape], s8, i32, [](int v) { return double(v); },
                                      0.0, "s8");
    check_wmma<std::uint8_t, int, int>(entry("run_wmma_u8", shape), shapes[shape], u8, i32, [](int v) { return double(v); },
                                       0.0, "u8");
  }
}

TEST_F(CudaWmma, BFloat16) {
  const Operand<std::uint16_t> bf16{[](std::mt19937 &g) {
                                      // Values with 8 significant bits are exact in bfloat16.
                                      return bf16_bits(std::uniform_int_distribution<int>(-255, 255)(g) / 256.0f);
                                    },
                                    [](std::uint16_t v) {
                                      const std::uint32_t bits = std::uint32_t{v} << 16;
                                      float f;
                                      std::memcpy(&f, &bits, 4);
                                      return double(f);
                                    }};
  for (int shape = 0; shape < 3; ++shape)
    check_wmma<std::uint16_t, float, float>(entry("run_wmma_bf16", shape), shapes[shape], bf16, float_operand,
                                            [](float v) { return double(v); }, 1e-6, "bf16");
}

TEST_F(CudaWmma, Tf32ReadsTheUpper19Bits) {
  auto *function = library.get<WmmaFixedEntry>("run_wmma_tf32");
  const Operand<float> tf32{[](std::mt19937 &g) { return std::uniform_real_distribution<float>(-1, 1)(g); }, tf32_value};
  check_wmma<float, float, float>(function, {16, 16, 8}, tf32, float_operand, [](float v) { return double(v); }, 1e-6,
                                  "tf32");
}

TEST_F(CudaWmma, Double) {
  auto *function = library.get<WmmaFixedEntry>("run_wmma_f64");
  const Operand<double> f64{[](std::mt19937 &g) { return std::uniform_real_distribution<double>(-1, 1)(g); },
                            [](double v) { return v; }};
  check_wmma<double, double, double>(function, {8, 8, 4}, f64, f64, [](double v) { return v; }, 1e-15, "f64");
}

TEST_F(CudaWmma, FillFragmentAndElementwiseScaling) {
  std::mt19937 generator(3);
  std::vector<std::uint16_t> a(256), b(256);
  for (auto &v : a) v = half_operand.make(generator);
  for (auto &v : b) v = half_operand.make(generator);
  std::vector<float> d(256);
  ASSERT_EQ(library.get<int(const void *, const void *, float *)>("run_wmma_fill_scale")(a.data(), b.data(), d.data()), 0);
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j) {
      double want = 1.5;
      for (int k = 0; k < 16; ++k) want += half_value(a[i * 16 + k]) * half_value(b[k * 16 + j]);
      EXPECT_NEAR(d[i * 16 + j], 2 * want, 1e-5);
    }
}

} // namespace
} // namespace xir::test

namespace xir::test {
namespace {

// Sub-byte operands, packed lowest element in the lowest bits: A row-major (8 x k), B
// column-major (k x 8); kind 0 = s4, 1 = u4, 2 = b1 XOR-popc, 3 = b1 AND-popc.
TEST(CudaWmmaSubByte, FourBitAndSingleBitOperands) {
  KernelLibrary library("wmma_subbyte_cu.so");
  auto *run = library.get<int(int, const void *, const void *, const int *, int *)>("run_wmma_subbyte");
  std::mt19937 generator(9);
  for (int kind = 0; kind < 4; ++kind) {
    std::vector<std::uint8_t> a(128), b(128);
    for (auto &v : a) v = static_cast<std::uint8_t>(generator());
    for (auto &v : b) v = static_cast<std::uint8_t>(generator());
    std::vector<int> c(64), d(64);
    for (int &v : c) v = static_cast<int>(generator() % 2001) - 1000;
    ASSERT_EQ(run(kind, a.data(), b.data(), c.data(), d.data()), 0);
    const int k_dim = kind < 2 ? 32 : 128;
    auto element = [&](const std::vector<std::uint8_t> &bytes, int index) {
      if (kind >= 2) return (bytes[index / 8] >> (index % 8)) & 1;
      const int nibble = (bytes[index / 2] >> (4 * (index % 2))) & 0xf;
      return kind == 0 && nibble >= 8 ? nibble - 16 : nibble;
    };
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 8; ++j) {
        int want = c[i * 8 + j];
        for (int k = 0; k < k_dim; ++k) {
          const int x = element(a, i * k_dim + k), y = element(b, j * k_dim + k);
          want += kind < 2 ? x * y : kind == 2 ? (x ^ y) : (x & y);
        }
        EXPECT_EQ(d[i * 8 + j], want) << "kind " << kind << " at " << i << "," << j;
      }
  }
}

} // namespace
} // namespace xir::test
