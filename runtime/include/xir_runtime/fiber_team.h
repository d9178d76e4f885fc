// A team of cooperatively scheduled fibers on the calling host thread: the threads of one GPU
// block (or the cores of one MLU cluster). Members run until they block at the team barrier or at
// a subgroup (warp / wavefront) collective; the scheduler resumes them in an adversarial order
// so that code missing a barrier observes stale data instead of silently working.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace xir::runtime {

enum class ScheduleOrder { forward, reverse, shuffled };

// Per-member state made visible in a thread-local slot while the member runs (for a GPU thread:
// its threadIdx and lane). The scheduler copies member_views[m] into *view_slot before it
// starts or resumes member m.
using MemberView = std::uint32_t[4];

struct TeamOptions {
  unsigned members = 1;
  unsigned subgroup_size = 32; // lanes per warp / wavefront, at most 64
  ScheduleOrder order = ScheduleOrder::shuffled;
  std::uint64_t seed = 0;       // seeds the shuffled order
  std::size_t stack_bytes = 0;  // 0: the default (XIR_FIBER_STACK_KB or 256 KiB)
  MemberView *view_slot = nullptr;
  const MemberView *member_views = nullptr;
};

using MemberEntry = void (*)(void *context, unsigned member);

// Computes a subgroup collective once every participating lane has arrived. lane_data[l] is the
// pointer lane l passed (null for lanes that did not take part); `lanes` is their bit mask.
using CombineFn = void (*)(void *const *lane_data, std::uint64_t lanes, unsigned subgroup_size);

struct TeamOutcome {
  bool ok = true;
  std::string error; // deadlock or an exception escaping a member
};

// Runs `members` fibers, member i calling entry(context, i), until all return.
TeamOutcome run_team(const TeamOptions &options, MemberEntry entry, void *context);

// --- Called from inside a member ---

// Index of the calling member in its team.
unsigned current_member();

struct Team; // a running team (fiber_team.cpp)

// The team running on this host thread, null outside a kernel. Hidden and plain __thread (no
// C++ thread_local wrapper): the runtime is linked into each kernel library, so kernel code reads
// it from the library's own TLS block, whose address it already has for __shared__ storage.
extern __thread Team *running_team __attribute__((visibility("hidden"), tls_model("local-dynamic")));

// Waits until every member of `team` that has not returned arrives; returns the sum of the
// contributions. `team` is running_team (a block-level builtin called outside a kernel throws).
// The *_of functions take it from the caller, whose TLS lookup the compiler can share.
int team_barrier_of(Team *team, int contribution);
inline int team_barrier(int contribution = 0) { return team_barrier_of(running_team, contribution); }

// Deposits `lane_data`, waits for every lane of `lane_mask` (restricted to lanes still running) to
// arrive at a collective of the same subgroup, and returns after `combine` ran over all deposits.
void subgroup_collective_of(Team *team, void *lane_data, CombineFn combine, std::uint64_t lane_mask);
inline void subgroup_collective(void *lane_data, CombineFn combine, std::uint64_t lane_mask) {
  subgroup_collective_of(running_team, lane_data, combine, lane_mask);
}

// Default order from XIR_SCHEDULE (forward|reverse|shuffled), shuffled when unset.
ScheduleOrder default_schedule_order();

} // namespace xir::runtime
