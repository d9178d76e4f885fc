// The shared runtime pieces used directly: fiber team barriers, collectives, schedule orders and
// deadlock reports; the guarded heap; float <-> 16-bit float conversions.
#include "xir_runtime/fiber_team.h"
#include "xir_runtime/float16.h"
#include "xir_runtime/guarded_heap.h"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace xir::runtime {
namespace {

struct PhaseLog {
  std::vector<int> arrivals; // member index in the order members reached a point
  int barrier_sum = 0;
};

void log_two_phases(void *context, unsigned member) {
  auto *log = static_cast<PhaseLog *>(context);
  log->arrivals.push_back(static_cast<int>(member));
  const int sum = team_barrier(static_cast<int>(member));
  log->barrier_sum = sum;
  log->arrivals.push_back(100 + static_cast<int>(member));
}

TEST(FiberTeam, BarrierSeparatesPhasesInEveryOrder) {
  for (ScheduleOrder order : {ScheduleOrder::forward, ScheduleOrder::reverse, ScheduleOrder::shuffled}) {
    PhaseLog log;
    TeamOptions options;
    options.members = 40;
    options.order = order;
    options.seed = 7;
    ASSERT_TRUE(run_team(options, &log_two_phases, &log).ok);
    ASSERT_EQ(log.arrivals.size(), 80u);
    for (int i = 0; i < 40; ++i) EXPECT_LT(log.arrivals[i], 100) << "a member passed the barrier early";
    for (int i = 40; i < 80; ++i) EXPECT_GE(log.arrivals[i], 100);
    EXPECT_EQ(log.barrier_sum, 39 * 40 / 2);
    if (order == ScheduleOrder::forward) {
      EXPECT_EQ(log.arrivals.front(), 0);
    }
    if (order == ScheduleOrder::reverse) {
      EXPECT_EQ(log.arrivals.front(), 39);
    }
  }
}

struct SumSlot {
  int value;
  int total;
};

void combine_sum(void *const *lane_data, std::uint64_t lanes, unsigned width) {
  int total = 0;
  for (unsigned l = 0; l < width; ++l)
    if (lanes >> l & 1) total += static_cast<SumSlot *>(lane_data[l])->value;
  for (unsigned l = 0; l < width; ++l)
    if (lanes >> l & 1) static_cast<SumSlot *>(lane_data[l])->total = total;
}

void subgroup_sums(void *context, unsigned member) {
  SumSlot slot{static_cast<int>(member), -1};
  subgroup_collective(&slot, &combine_sum, ~std::uint64_t{0});
  static_cast<int *>(context)[member] = slot.total;
}

TEST(FiberTeam, SubgroupCollectiveIncludingAPartialSubgroup) {
  std::vector<int> totals(20);
  TeamOptions options;
  options.members = 20;
  options.subgroup_size = 8; // subgroups 0-7, 8-15 and a partial 16-19
  ASSERT_TRUE(run_team(options, &subgroup_sums, totals.data()).ok);
  for (int m = 0; m < 20; ++m) {
    const int base = m / 8 * 8, end = std::min(base + 8, 20);
    int want = 0;
    for (int i = base; i < end; ++i) want += i;
    EXPECT_EQ(totals[m], want) << m;
  }
}

void divergent_barrier(void *, unsigned member) {
  if (member == 0) {
    SumSlot slot{0, 0};
    subgroup_collective(&slot, &combine_sum, ~std::uint64_t{0}); // lanes 1..7 never come
  } else {
    team_barrier();
  }
}

TEST(FiberTeam, DeadlockIsReportedNotHung) {
  TeamOptions options;
  options.members = 8;
  options.subgroup_size = 8;
  const TeamOutcome outcome = run_team(options, &divergent_barrier, nullptr);
  EXPECT_FALSE(outcome.ok);
  EXPECT_NE(outcome.error.find("deadlock"), std::string::npos) << outcome.error;
}

struct DestructionCount {
  int destroyed = 0;
  int passed = 0;
};

struct CountsDestruction {
  DestructionCount *count;
  ~CountsDestruction() { ++count->destroyed; }
};

// Members 0-3 leave early; the others wait at a barrier that also needs member 12, which instead
// waits in a collective with lane 13, who is at the barrier: neither ever completes.
void stuck_with_locals(void *context, unsigned member) {
  auto *count = static_cast<DestructionCount *>(context);
  CountsDestruction local{count};
  if (member < 4) return;
  if (member == 12) {
    SumSlot slot{0, 0};
    subgroup_collective(&slot, &combine_sum, std::uint64_t{1} << 13);
  } else {
    team_barrier();
  }
  ++count->passed;
}

TEST(FiberTeam, DeadlockedMembersUnwindAndRunDestructors) {
  for (ScheduleOrder order : {ScheduleOrder::forward, ScheduleOrder::shuffled}) {
    DestructionCount count;
    TeamOptions options;
    options.members = 16;
    options.subgroup_size = 16;
    options.order = order;
    const TeamOutcome outcome = run_team(options, &stuck_with_locals, &count);
    EXPECT_FALSE(outcome.ok);
    EXPECT_NE(outcome.error.find("deadlock"), std::string::npos) << outcome.error;
    EXPECT_EQ(count.passed, 0);
    EXPECT_EQ(count.destroyed, 16) << "every member's local is destroyed, blocked ones by unwinding";
  }
}

TEST(FiberTeam, BuiltinsOutsideATeamThrow) {
  EXPECT_EQ(running_team, nullptr);
  EXPECT_THROW(team_barrier(), std::logic_error);
  SumSlot slot{1, 0};
  EXPECT_THROW(subgroup_collective(&slot, &combine_sum, 1), std::logic_error);
}

TEST(GuardedHeap, ReportsWritesPastEitherEnd) {
  GuardedHeap heap;
  auto *p = static_cast<unsigned char *>(heap.allocate(100));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 256, 0u);
  EXPECT_EQ(p[0], GuardedHeap::fresh_pattern);
  p[99] = 1; // in bounds
  EXPECT_TRUE(heap.check_guards("check").empty());
  p[100] = 1;
  p[-3] = 1;
  const auto reports = heap.check_guards("check");
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_NE(reports[0].find("before the start of a 100-byte device allocation"), std::string::npos) << reports[0];
  EXPECT_NE(reports[1].find("past the end of a 100-byte device allocation"), std::string::npos) << reports[1];
  EXPECT_TRUE(heap.check_guards("again").empty()) << "reported once, then repaired";
  GuardedHeap::Block block;
  EXPECT_TRUE(heap.find(p + 10, 90, block));
  EXPECT_FALSE(heap.find(p + 10, 91, block));
  std::vector<std::string> free_reports;
  EXPECT_TRUE(heap.release(p, free_reports));
  EXPECT_FALSE(heap.release(p, free_reports));
}

TEST(Float16, HalfConversionAgreesWithCompilerFloat16) {
  // Every float whose top 20 bits vary (covers all half ranges, ties and overflow), low bits fixed.
  for (std::uint32_t high = 0; high < (1u << 20); high += 3) {
    for (std::uint32_t low : {0u, 0x800u, 0xfffu, 0x1000u}) {
      const std::uint32_t bits = (high << 12) | low;
      float x;
      std::memcpy(&x, &bits, 4);
      if (x != x) continue;
      const _Float16 h = static_cast<_Float16>(x);
      std::uint16_t want;
      std::memcpy(&want, &h, 2);
      ASSERT_EQ(float_to_half_bits(x), want) << std::hex << bits;
    }
  }
}

TEST(Float16, WideningIsExact) {
  for (std::uint32_t b = 0; b < 65536; ++b) {
    _Float16 h;
    const std::uint16_t bits = static_cast<std::uint16_t>(b);
    std::memcpy(&h, &bits, 2);
    const float want = static_cast<float>(h);
    if (want != want) continue;
    ASSERT_EQ(half_bits_to_float(bits), want) << b;
  }
}

TEST(Float16, BFloat16RoundsToNearestEven) {
  EXPECT_EQ(float_to_bfloat16_bits(1.0f), 0x3f80);
  float tie_to_even, tie_to_odd;
  std::uint32_t a = 0x3f808000u, b = 0x3f818000u; // exactly halfway: round to 0x3f80 and 0x3f82
  std::memcpy(&tie_to_even, &a, 4);
  std::memcpy(&tie_to_odd, &b, 4);
  EXPECT_EQ(float_to_bfloat16_bits(tie_to_even), 0x3f80);
  EXPECT_EQ(float_to_bfloat16_bits(tie_to_odd), 0x3f82);
  EXPECT_EQ(float_to_bfloat16_bits(tie_to_odd, Rounding::toward_zero), 0x3f81);
  EXPECT_EQ(float_to_bfloat16_bits(-1.00390625f, Rounding::down), 0xbf81);
}

} // namespace
} // namespace xir::runtime
