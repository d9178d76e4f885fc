#include "xir_runtime/fiber_team.h"

#include "fiber_switch.h"
#include "stack_pool.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace xir::runtime {
namespace {

enum class MemberState { runnable, at_barrier, in_collective, finished };

struct Member {
  MemberState state = MemberState::runnable;
};

struct Subgroup {
  std::uint64_t alive = 0;    // lanes whose member has not returned
  std::uint64_t arrived = 0;  // lanes waiting in the pending collective
  std::uint64_t expected = 0; // lanes the pending collective waits for
  CombineFn combine = nullptr;
  void *lane_data[64] = {};
};

} // namespace

struct Team {
  const TeamOptions *options = nullptr;
  MemberEntry entry = nullptr;
  void *context = nullptr;
  std::vector<Member> members;
  std::vector<Subgroup> subgroups;
  // Saved contexts: slot i for member i, the last slot for the scheduler. A member that blocks
  // switches straight to the next runnable member of the pass (one context switch per block), and
  // only the end of a pass goes back to the scheduler.
  std::vector<void *> slots;
  unsigned scheduler_slot = 0;
  std::vector<unsigned> order, reversed_order;
  const unsigned *cursor = nullptr;   // next entry of the pass's order to visit
  const unsigned *pass_end = nullptr; // end of the pass's order
  MemberView *view_slot = nullptr;
  const MemberView *member_views = nullptr;
  unsigned current = 0;
  unsigned alive = 0;
  unsigned at_barrier = 0;
  int barrier_sum = 0;
  int released_barrier_sum = 0;
  bool unwinding = false; // resuming deadlocked members only to unwind them
  std::string error;
};

__thread Team *running_team = nullptr;

namespace {

__attribute__((always_inline)) inline Team &checked(Team *team) {
  if (!team) throw std::logic_error("xir runtime: a block-level builtin was called outside a kernel");
  return *team;
}

__attribute__((always_inline)) inline Team &team() { return checked(running_team); }

// Starts loading the saved context of the member that will probably run after the next one: a
// switch otherwise stalls on its first pops from a stack that left the cache while the other
// members of the block ran. Four lines cover the saved registers and the kernel frame above them.
__attribute__((always_inline)) inline void prefetch_following(const Team &t) {
  if (t.cursor == t.pass_end) return;
  const char *saved = static_cast<const char *>(t.slots[*t.cursor]);
  for (int line = 0; line < 4; ++line) __builtin_prefetch(saved + 64 * line);
}

// Next runnable member of the pass (becoming the current one), or the scheduler at the pass end.
__attribute__((always_inline)) inline unsigned next_in_pass(Team &t) {
  while (t.cursor != t.pass_end) {
    const unsigned member = *t.cursor++;
    if (t.members[member].state == MemberState::runnable) {
      prefetch_following(t);
      t.current = member;
      if (t.view_slot) std::memcpy(t.view_slot, t.member_views[member], sizeof(MemberView));
      return member;
    }
  }
  return t.scheduler_slot;
}

// Suspends the running member `self` and continues the pass; returns the released barrier sum.
// Inlined into the barrier and the collective, whose last act it is: the switch is a tail call, so
// their frames are gone while the member is suspended and it resumes straight in the kernel.
__attribute__((always_inline)) inline int switch_away(Team &t, unsigned self) {
  const unsigned next = next_in_pass(t);
  return fiber_switch(&t.slots[self], t.slots[next], t.released_barrier_sum);
}

// A barrier or collective reached while deadlocked members unwind: from a destructor it returns at
// once (nothing else runs any more); otherwise the member swallowed the unwind and is sent again.
int unwinding_builtin() {
  if (std::uncaught_exceptions() == 0) throw FiberUnwind{};
  return 0;
}

std::uint64_t lane_bit(unsigned lane) { return std::uint64_t{1} << lane; }

void complete_collective(Team &t, Subgroup &group, unsigned subgroup_index, unsigned caller) {
  group.combine(group.lane_data, group.arrived, t.options->subgroup_size);
  const unsigned base = subgroup_index * t.options->subgroup_size;
  for (unsigned lane = 0; lane < t.options->subgroup_size; ++lane) {
    if (!(group.arrived & lane_bit(lane))) continue;
    group.lane_data[lane] = nullptr;
    if (base + lane != caller) t.members[base + lane].state = MemberState::runnable;
  }
  group.arrived = 0;
  group.expected = 0;
  group.combine = nullptr;
}

void member_returned(Team &t, unsigned member) {
  const unsigned width = t.options->subgroup_size;
  Subgroup &group = t.subgroups[member / width];
  group.alive &= ~lane_bit(member % width);
  t.members[member].state = MemberState::finished;
  --t.alive;
  // A collective that only waited for this member can now finish.
  if (group.combine && (group.expected & group.alive & ~group.arrived) == 0)
    complete_collective(t, group, member / width, ~0u);
}

// The first frame of every member's fiber; `t.current` is the member when it starts.
[[noreturn]] void member_main(void *team) {
  Team &t = *static_cast<Team *>(team);
  const unsigned index = t.current;
  try {
    t.entry(t.context, index);
  } catch (const FiberUnwind &) {
  } catch (const std::exception &e) {
    if (t.error.empty()) t.error = e.what();
  } catch (...) {
    if (t.error.empty()) t.error = "unknown exception escaped a kernel thread";
  }
  if (t.unwinding) {
    t.members[index].state = MemberState::finished;
    fiber_switch(&t.slots[index], t.slots[t.scheduler_slot], 0);
  } else {
    member_returned(t, index);
    fiber_switch(&t.slots[index], t.slots[next_in_pass(t)], t.released_barrier_sum);
  }
  __builtin_unreachable(); // a finished member is never resumed
}

std::uint64_t next_random(std::uint64_t &state) { // splitmix64
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void order_for_pass(std::vector<unsigned> &order, ScheduleOrder kind, std::uint64_t &rng) {
  const unsigned n = static_cast<unsigned>(order.size());
  std::iota(order.begin(), order.end(), 0u);
  if (kind == ScheduleOrder::reverse) {
    std::reverse(order.begin(), order.end());
  } else if (kind == ScheduleOrder::shuffled) {
    for (unsigned i = n; i > 1; --i) { // Fisher-Yates with a multiply-shift bound (no division)
      const auto pick = static_cast<unsigned>(((next_random(rng) >> 32) * i) >> 32);
      std::swap(order[i - 1], order[pick]);
    }
  }
}

std::size_t default_stack_bytes() {
  static const std::size_t bytes = [] {
    if (const char *kb = std::getenv("XIR_FIBER_STACK_KB")) {
      const long value = std::atol(kb);
      if (value >= 16) return static_cast<std::size_t>(value) * 1024;
    }
    return std::size_t{256} * 1024;
  }();
  return bytes;
}

std::string describe_deadlock(const Team &t) {
  unsigned in_collective = 0;
  for (const Member &m : t.members) in_collective += m.state == MemberState::in_collective;
  return "deadlock: " + std::to_string(t.at_barrier) + " of " + std::to_string(t.alive) +
         " running threads wait at the block barrier (__syncthreads) while " + std::to_string(in_collective) +
         " wait in a warp collective whose other lanes never arrive (barrier or collective in divergent code)";
}

} // namespace

ScheduleOrder default_schedule_order() {
  static const ScheduleOrder order = [] {
    const char *name = std::getenv("XIR_SCHEDULE");
    if (name && std::strcmp(name, "forward") == 0) return ScheduleOrder::forward;
    if (name && std::strcmp(name, "reverse") == 0) return ScheduleOrder::reverse;
    return ScheduleOrder::shuffled;
  }();
  return order;
}

TeamOutcome run_team(const TeamOptions &options, MemberEntry entry, void *context) {
  if (options.subgroup_size == 0 || options.subgroup_size > 64)
    return {false, "subgroup size must be between 1 and 64"};
  Team t;
  t.options = &options;
  t.view_slot = options.view_slot;
  t.member_views = options.member_views;
  t.entry = entry;
  t.context = context;
  t.members.resize(options.members);
  t.alive = options.members;
  const unsigned width = options.subgroup_size;
  t.subgroups.resize((options.members + width - 1) / width);
  for (unsigned i = 0; i < options.members; ++i) t.subgroups[i / width].alive |= lane_bit(i % width);

  const std::size_t stack_bytes = options.stack_bytes ? options.stack_bytes : default_stack_bytes();
  StackRegion *region = acquire_stack_region(options.members, stack_bytes);
  t.slots.resize(options.members + 1);
  t.scheduler_slot = options.members;
  for (unsigned i = 0; i < options.members; ++i)
    t.slots[i] = fiber_prepare(region->stack_top(i), region->stack_bytes(), &member_main, &t);

  Team *outer = running_team;
  running_team = &t;
  t.order.resize(options.members);
  t.reversed_order.resize(options.members);
  std::uint64_t rng = options.seed * 0x2545f4914f6cdd1dull + 1;
  TeamOutcome outcome;
  // Passes walk the order forwards and backwards in turn; a shuffled order is redrawn every
  // fourth pass. Either way some thread of every pair runs first in some phase.
  for (unsigned pass = 0; t.alive > 0; ++pass) {
    if (pass % 4 == 0) {
      order_for_pass(t.order, options.order, rng);
      std::reverse_copy(t.order.begin(), t.order.end(), t.reversed_order.begin());
    }
    const bool backwards = options.order == ScheduleOrder::shuffled && pass % 2 == 1;
    t.cursor = backwards ? t.reversed_order.data() : t.order.data();
    t.pass_end = t.cursor + options.members;
    const unsigned first = next_in_pass(t);
    const bool ran = first != t.scheduler_slot;
    if (ran) // runs the whole pass, members handing over to each other
      fiber_switch(&t.slots[t.scheduler_slot], t.slots[first], t.released_barrier_sum);
    if (t.alive > 0 && t.at_barrier == t.alive) {
      for (Member &m : t.members) // every member still alive is at the barrier
        m.state = m.state == MemberState::finished ? MemberState::finished : MemberState::runnable;
      t.released_barrier_sum = t.barrier_sum;
      t.barrier_sum = 0;
      t.at_barrier = 0;
      continue;
    }
    if (!ran && t.alive > 0) {
      outcome = {false, describe_deadlock(t)};
      break;
    }
  }
  // Unwind members left blocked by a deadlock, one at a time, each switching back when done.
  t.unwinding = true;
  for (unsigned i = 0; i < options.members; ++i) {
    if (t.members[i].state == MemberState::finished) continue;
    t.current = i;
    fiber_switch_unwinding(&t.slots[t.scheduler_slot], t.slots[i]);
  }
  running_team = outer;
  release_stack_region(region);
  if (outcome.ok && !t.error.empty()) outcome = {false, t.error};
  return outcome;
}

unsigned current_member() { return team().current; }

int team_barrier_of(Team *team, int contribution) {
  Team &t = checked(team);
  if (t.unwinding) [[unlikely]]
    return unwinding_builtin();
  const unsigned self = t.current;
  t.members[self].state = MemberState::at_barrier;
  ++t.at_barrier;
  t.barrier_sum += contribution;
  return switch_away(t, self);
}

void subgroup_collective_of(Team *team, void *lane_data, CombineFn combine, std::uint64_t lane_mask) {
  Team &t = checked(team);
  if (t.unwinding) [[unlikely]] {
    unwinding_builtin();
    return;
  }
  const unsigned self = t.current;
  const unsigned width = t.options->subgroup_size;
  const unsigned lane = self % width;
  const unsigned index = self / width;
  Subgroup &group = t.subgroups[index];
  if (!group.combine) {
    group.combine = combine;
    group.expected = (lane_mask | lane_bit(lane)) & group.alive;
  } else if (group.combine != combine) {
    throw std::runtime_error("lanes of one warp reached different warp collectives (divergent collective)");
  }
  group.lane_data[lane] = lane_data;
  group.arrived |= lane_bit(lane);
  if ((group.expected & group.alive & ~group.arrived) == 0) {
    complete_collective(t, group, index, self);
    return;
  }
  t.members[self].state = MemberState::in_collective;
  switch_away(t, self);
}


} // namespace xir::runtime
