// Every emulated intrinsic against the native instruction, on seeded random operands that mix
// ordinary values with the cases where semantics differ (signed zeros, infinities, NaNs, denormals,
// rounding ties, out-of-range conversions, saturation limits). Results, scalars, masks and stored
// memory must match bit for bit, with one allowance: where an f32 result lane is NaN on both sides,
// the payloads may differ, because with several NaN operands the native result depends on the
// operand order the compiler encodes (it may commute an add or pick any of the three FMA forms).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>

#include "probe.h"

namespace xir::vnni_test {
namespace {

bool cpu_has_native_intrinsics() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bf16");
}

std::uint32_t random_lane(std::mt19937& rng) {
  auto pick = [&](std::uint32_t bound) {
    return std::uniform_int_distribution<std::uint32_t>(0, bound - 1)(rng);
  };
  auto bits_of = [](float value) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, 4);
    return bits;
  };
  switch (pick(10)) {
  case 0:
    return bits_of(std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng));
  case 1: { // any sign, exponent within 2^-40 .. 2^40
    const std::uint32_t exponent = 127 - 40 + pick(81);
    return (pick(2) << 31) | (exponent << 23) | pick(1u << 23);
  }
  case 2: {
    static const std::uint32_t specials[] = {
        0x00000000u, 0x80000000u, 0x7F800000u, 0xFF800000u, 0x7FC00000u, 0xFFC00000u, 0x7F800001u,
        0x7FA12345u, 0x00000001u, 0x807FFFFFu, 0x00400000u, 0x7F7FFFFFu, 0x00800000u, 0x3F800000u,
        0xBF800000u, 0x4F000000u, 0xCF000000u, 0x4EFFFFFFu, 0x0000FFFFu, 0x00010001u};
    const std::uint32_t special = specials[pick(sizeof specials / sizeof specials[0])];
    return pick(4) == 0 ? (special ^ pick(1u << 16)) : special;
  }
  case 3: { // multiples of 2^-5 around zero: rounding ties at every roundscale precision
    const int numerator = static_cast<int>(pick(161)) - 80;
    return bits_of(std::ldexp(static_cast<float>(numerator), -static_cast<int>(pick(6))));
  }
  case 4:
    return static_cast<std::uint32_t>(rng());
  case 5: { // s32 near the saturation limits
    const std::uint32_t offset = pick(300000);
    return pick(2) == 0 ? 0x7FFFFFFFu - offset : 0x80000000u + offset;
  }
  case 6:
    return static_cast<std::uint32_t>(static_cast<int>(pick(601)) - 300);
  case 7: { // two ordinary bf16 values
    const std::uint32_t high =
        bits_of(std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng)) >> 16;
    const std::uint32_t low =
        bits_of(std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng)) >> 16;
    return (high << 16) | low;
  }
  case 8:
    return (static_cast<std::uint32_t>(rng()) & 0xFFFF0000u) | 0x8000u; // f32 -> bf16 rounding tie
  default: { // two ordinary f16 values: sign, exponent 1..30, mantissa
    auto half = [&] { return (pick(2) << 15) | ((1 + pick(30)) << 10) | pick(1u << 10); };
    return (half() << 16) | half();
  }
  }
}

void fill_random(ProbeInput& in, std::mt19937& rng) {
  for (auto& vector : in.vector)
    for (int j = 0; j < 16; ++j) {
      const std::uint32_t lane = random_lane(rng);
      std::memcpy(vector + 4 * j, &lane, 4);
    }
  for (int j = 0; j < 64; ++j) {
    const std::uint32_t lane = random_lane(rng);
    std::memcpy(in.memory + 4 * j, &lane, 4);
  }
  for (auto& index : in.gather_index)
    index = std::uniform_int_distribution<std::int32_t>(0, 30)(rng);
  const int mask_kind = std::uniform_int_distribution<int>(0, 9)(rng);
  in.mask = mask_kind == 0   ? 0u
            : mask_kind == 1 ? 0xFFFFu
                             : std::uniform_int_distribution<unsigned>(0, 0xFFFF)(rng);
}

std::string hex_dump(const unsigned char* bytes, int count) {
  std::ostringstream text;
  for (int i = count - 4; i >= 0; i -= 4) {
    std::uint32_t word;
    std::memcpy(&word, bytes + i, 4);
    text << std::hex << word << (i == 0 ? "" : " ");
  }
  return text.str();
}

std::string describe_input(const ProbeInput& in) {
  std::ostringstream text;
  for (int i = 0; i < 3; ++i)
    text << "\n  operand " << i << " (lane 15..0): " << hex_dump(in.vector[i], 64);
  text << "\n  mask: " << std::hex << in.mask;
  return text.str();
}

bool is_nan_bits(std::uint32_t bits) {
  return (bits & 0x7F800000u) == 0x7F800000u && (bits & 0x007FFFFFu) != 0;
}

// Copies the native NaN payload into lanes where both results are NaN.
void equate_nan_lanes(unsigned char* got, const unsigned char* want) {
  for (int j = 0; j < 16; ++j) {
    std::uint32_t got_lane, want_lane;
    std::memcpy(&got_lane, got + 4 * j, 4);
    std::memcpy(&want_lane, want + 4 * j, 4);
    if (is_nan_bits(got_lane) && is_nan_bits(want_lane))
      std::memcpy(got + 4 * j, want + 4 * j, 4);
  }
}

class EmulatedIntrinsic : public ::testing::TestWithParam<int> {};

TEST(EmulatedIntrinsicList, MatchesTheNativeList) {
  const auto native_list = native::probes();
  const auto emulated_list = emulated::probes();
  ASSERT_EQ(native_list.size(), emulated_list.size());
  for (std::size_t i = 0; i < native_list.size(); ++i)
    EXPECT_STREQ(native_list[i].name, emulated_list[i].name);
}

TEST_P(EmulatedIntrinsic, MatchesNativeInstructionBitForBit) {
  if (!cpu_has_native_intrinsics())
    GTEST_SKIP() << "this CPU lacks AVX-512 F/BW/VL/DQ/VNNI/BF16: no native reference";
  const Probe& native_probe = native::probes()[GetParam()];
  const Probe& emulated_probe = emulated::probes()[GetParam()];
  std::mt19937 rng(0x5EED0000u + static_cast<unsigned>(GetParam()));
  // XIR_VNNI_EMULATION_TRIALS raises the number of random operand sets for a deeper run.
  const char* trials_override = std::getenv("XIR_VNNI_EMULATION_TRIALS");
  const int trials = trials_override != nullptr ? std::atoi(trials_override) : 2000;
  for (int trial = 0; trial < trials; ++trial) {
    ProbeInput in;
    fill_random(in, rng);
    ProbeOutput want, got;
    std::memset(&want, 0xA5, sizeof want);
    std::memset(&got, 0xA5, sizeof got);
    native_probe.run(in, want);
    emulated_probe.run(in, got);
    if (native_probe.float_result)
      equate_nan_lanes(got.result, want.result);
    ASSERT_EQ(hex_dump(got.result, 64), hex_dump(want.result, 64))
        << native_probe.name << " result differs at trial " << trial << describe_input(in);
    ASSERT_EQ(hex_dump(got.memory, 128), hex_dump(want.memory, 128))
        << native_probe.name << " stored memory differs at trial " << trial << describe_input(in);
  }
}

std::string probe_name(const ::testing::TestParamInfo<int>& info) {
  return native::probes()[info.param].name;
}

INSTANTIATE_TEST_SUITE_P(AllIntrinsics, EmulatedIntrinsic,
                         ::testing::Range(0, static_cast<int>(native::probes().size())),
                         probe_name);

} // namespace
} // namespace xir::vnni_test
