// Every remaining device intrinsic against host references: fast float math within its error
// bounds, conversions and half / bfloat16 arithmetic exactly (or within a 16-bit ulp where the
// device evaluates a transcendental), integer intrinsics bit for bit, 16-bit and float atomics,
// and the remaining warp votes and reductions.
#include "kernel_library.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace xir::test {
namespace {

constexpr int float_slots = 40;

float h(double v) { return static_cast<float>(static_cast<_Float16>(v)); } // round to half

float bf16_nearest(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, 4);
  std::uint32_t lower = bits & 0xffff0000u, upper = lower + 0x10000u;
  float lo, up;
  std::memcpy(&lo, &lower, 4);
  std::memcpy(&up, &upper, 4);
  const double dl = std::fabs(double(x) - lo), du = std::fabs(double(up) - x);
  if (dl < du || (dl == du && ((lower >> 16) & 1) == 0)) return lo;
  return up;
}

float bf16_truncated(float x) { // toward zero, which is toward -inf for the positive inputs here
  std::uint32_t bits;
  std::memcpy(&bits, &x, 4);
  bits &= 0xffff0000u;
  float r;
  std::memcpy(&r, &bits, 4);
  return r;
}

TEST(CudaIntrinsics, FloatHalfAndBFloat16Functions) {
  KernelLibrary library("intrinsics_cu.so");
  std::vector<float> in;
  for (int i = 1; i <= 200; ++i) in.push_back(i * 0.02f);
  const int n = static_cast<int>(in.size());
  std::vector<float> out(n * float_slots);
  ASSERT_EQ(library.get<int(const float *, float *, int)>("run_float_intrinsics")(in.data(), out.data(), n), 0);
  for (int i = 0; i < n; ++i) {
    const float x = in[i];
    const float hx = h(x), bx = bf16_nearest(x), bc = 0.75f;
    const float *o = &out[i * float_slots];
    auto near = [&](int slot, double want, double relative) {
      EXPECT_NEAR(o[slot], want, relative * (1.0 + std::fabs(want))) << "slot " << slot << " x=" << x;
    };
    near(0, std::log(double(x)), 1e-5);
    near(1, std::log2(double(x)), 1e-5);
    near(2, std::log10(double(x)), 1e-5);
    near(3, std::sin(double(x)), 1e-5);
    near(4, std::cos(double(x)), 1e-5);
    near(5, std::pow(double(x), 1.5), 1e-5);
    near(6, std::pow(10.0, x * 0.25), 1e-5);
    near(7, std::sqrt(double(x)) + 1.0 / x + 1.0 / std::sqrt(double(x)), 1e-6);
    near(8, (3.0 * x - 1) + (x + 1.0) + 2.0 * x + (x - 0.5) + x / 4.0, 1e-6);
    EXPECT_EQ(o[9], 2 * x);
    const float scaled = x * 2.5f;
    EXPECT_EQ(o[10], std::nearbyint(scaled) + 10 * std::trunc(scaled) + 100 * std::floor(-scaled) + 1000 * std::ceil(scaled));
    near(11, h(std::exp(double(hx))), 1e-3);
    near(12, h(std::log(double(hx))), 1e-3);
    near(13, h(std::sqrt(double(hx))), 1e-3);
    near(14, h(1.0 / std::sqrt(double(hx))), 1e-3);
    near(15, h(1.0 / hx), 1e-3);
    near(16, h(std::sin(double(hx))) + h(std::cos(double(hx))), 2e-3);
    EXPECT_EQ(o[17], std::floor(hx) + 10 * std::ceil(hx) + 100 * std::trunc(hx) + 1000 * std::nearbyint(hx));
    EXPECT_EQ(o[18], h(double(hx) / 0.75));
    EXPECT_EQ(o[19], h(double(hx) - 0.75));
    near(20, h(double(hx) * 0.75 + hx), 1e-3);
    EXPECT_EQ(o[21], std::max(hx, 0.75f) + std::min(hx, 0.75f));
    EXPECT_EQ(o[22], (hx < 0.75f) + 2 * (hx <= 0.75f) + 4 * (hx > 0.75f) + 8 * (hx >= 0.75f) + 16 * (hx == 0.75f) +
                         32 * (hx != 0.75f));
    EXPECT_EQ(o[23], hx);
    EXPECT_EQ(o[24], 3.0f);
    near(25, h(double(hx) + 0.5) + 100.0f * h(-double(hx) + 2.0), 1e-6);
    near(26, h(double(hx) - 0.5) + 100.0f * h(-double(hx) / 2.0), 1e-6);
    near(27, hx + 100.0f * 2.0f + 10000.0f * std::min(hx, 0.5f), 1e-6);
    near(28, h(std::exp(0.5)) + 100.0f * h(std::sqrt(2.0)), 1e-6);
    EXPECT_EQ(o[29], bf16_nearest(bx + bc)) << x;
    EXPECT_EQ(o[30], bf16_nearest(bx * bc)) << x;
    near(31, bf16_nearest(static_cast<float>(double(bx) * bc + bx)), 1e-2);
    near(32, bf16_nearest(std::exp(bx)), 1e-2);
    near(33, h(double(x / 3.0f)) + h(static_cast<int>(x * 7)), 1e-6);
    EXPECT_EQ(o[34], std::nearbyint(h(double(hx) * 2.5)));
    EXPECT_EQ(o[35], hx + 100.0f * hx);
    EXPECT_EQ(o[36], std::min(x, 2.0f) + std::max(static_cast<int>(x), 1) + std::min(3u, static_cast<unsigned>(x * 10)));
    near(37, 1.0 / std::sqrt(double(x)) + 0.5 * std::erfc(-(x - 2.0) / std::sqrt(2.0)), 1e-5);
    EXPECT_EQ(o[38], std::clamp(x - 1.5f, 0.0f, 1.0f));
    const float third = x / 3.0f, low = bf16_truncated(third);
    float high = low;
    if (low != third) {
      std::uint32_t bits;
      std::memcpy(&bits, &low, 4);
      bits += 0x10000u;
      std::memcpy(&high, &bits, 4);
    }
    EXPECT_EQ(o[39], low + high) << x;
  }
}

TEST(CudaIntrinsics, IntegerIntrinsics) {
  KernelLibrary library("intrinsics_cu.so");
  std::vector<unsigned> v = {0u, 1u, 0x80000000u, 0xffffffffu, 0x12345678u, 0xdeadbeefu, 0x00f000f0u, 7u, 0x40000000u};
  const int n = static_cast<int>(v.size());
  std::vector<unsigned> out(n * 8);
  ASSERT_EQ(library.get<int(const unsigned *, unsigned *, int)>("run_integer_intrinsics")(v.data(), out.data(), n), 0);
  for (int i = 0; i < n; ++i) {
    const unsigned x = v[i], y = v[(i + 1) % n];
    const unsigned *o = &out[i * 8];
    EXPECT_EQ(o[0], unsigned(__builtin_popcount(x) + 100 * __builtin_popcountll((unsigned long long)x << 20)));
    EXPECT_EQ(o[1], unsigned((x ? __builtin_clz(x) : 32) + 100 * (x ? 32 + __builtin_clz(x) : 64)));
    EXPECT_EQ(o[2], unsigned(__builtin_ffs(int(x)) + 100 * __builtin_ffsll((long long)x << 3)));
    unsigned reversed = 0;
    for (int b = 0; b < 32; ++b) reversed |= ((x >> b) & 1u) << (31 - b);
    EXPECT_EQ(o[3], reversed);
    const int x24 = static_cast<int>((x & 0xffffffu) << 8) >> 8;
    EXPECT_EQ(o[4], static_cast<unsigned>(x24 * 3));
    const unsigned umulhi = static_cast<unsigned>((static_cast<unsigned long long>(x) * y) >> 32);
    const unsigned mulhi = static_cast<unsigned>((static_cast<long long>(int(x)) * int(y)) >> 32);
    EXPECT_EQ(o[5], umulhi ^ mulhi);
    const unsigned perm = (x & 0xffu) | ((y & 0xffu) << 8) | (((x >> 8) & 0xffu) << 16) | (((y >> 8) & 0xffu) << 24);
    EXPECT_EQ(o[6], perm ^ ((x & 0xffffffu) * (y & 0xffffffu)));
    EXPECT_EQ(o[7], x + y);
  }
}

TEST(CudaIntrinsics, FloatAndSixteenBitAtomics) {
  KernelLibrary library("intrinsics_cu.so");
  const int blocks = 8, threads = 128, total = blocks * threads;
  std::vector<float> results(7);
  ASSERT_EQ(library.get<int(int, int, float *)>("run_float_atomics")(blocks, threads, results.data()), 0);
  float maximum = 0;
  for (int i = 0; i < total; ++i) maximum = std::max(maximum, ((i * 37) % 1000) * 0.5f);
  EXPECT_EQ(results[0], maximum); // integer max on the bits of non-negative floats
  EXPECT_EQ(results[1], 1000.0f - 0.5f * total);
  EXPECT_EQ(results[2], 7.0f);
  EXPECT_EQ(results[3], 1024.0f); // half2 low lane: +1 per thread, exact below 2048
  EXPECT_EQ(results[4], 512.0f);  // high lane: +0.5
  EXPECT_EQ(results[5], 256.0f);  // bfloat16 stops at 256: 256 + 1 is a tie that rounds to even
  EXPECT_EQ(results[6], 3.0f * total);
}

TEST(CudaIntrinsics, RemainingWarpReductions) {
  KernelLibrary library("intrinsics_cu.so");
  std::vector<unsigned> values(64), out(64 * 6);
  for (int t = 0; t < 64; ++t) values[t] = (t * 2654435761u) >> 7 | 0x100u;
  ASSERT_EQ(library.get<int(const unsigned *, unsigned *)>("run_warp_rest")(values.data(), out.data()), 0);
  for (int t = 0; t < 64; ++t) {
    const int base = t / 32 * 32;
    unsigned minimum = ~0u, all = ~0u, any = 0, parity = 0;
    for (int l = base; l < base + 32; ++l) {
      minimum = std::min(minimum, values[l]);
      all &= values[l];
      any |= values[l];
      parity ^= values[l];
    }
    const unsigned *o = &out[t * 6];
    EXPECT_EQ(o[0], 0xffffffffu);
    EXPECT_EQ(o[1], minimum);
    EXPECT_EQ(o[2], all);
    EXPECT_EQ(o[3], any);
    EXPECT_EQ(o[4], parity);
    EXPECT_EQ(o[5], values[base + 31]);
  }
}

} // namespace
} // namespace xir::test
