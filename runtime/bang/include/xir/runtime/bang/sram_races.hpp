// Races on SRAM: within one barrier phase, two participants of a cluster touching overlapping
// SRAM bytes through __memcpy, at least one of them writing, is reported (the result would
// depend on the hardware's timing). A completed barrier ends the phase for those it orders:
// __sync_cluster for its cluster, __sync_all for the whole group, __sync_all_ipu for the MLU
// cores' accesses, __sync_all_mpu for the MPUs'.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "task_context.hpp"

namespace xir::bang {

struct SramAccess {
  std::size_t begin, end; // byte offsets in the cluster's SRAM
  const Participant* by;
  bool write;
  SourceLoc loc;
};

// Accesses since the last barrier, per cluster of the running UNION group. A phase with more
// than `tracked_accesses_limit` recorded segments in one cluster stops being checked.
struct SramPhaseLog {
  static constexpr std::size_t tracked_accesses_limit = 16384;
  std::vector<std::vector<SramAccess>> per_cluster;

  void end_phase_of_cluster(unsigned cluster) { per_cluster[cluster].clear(); }
  void end_phase_of_all() {
    for (auto& accesses : per_cluster)
      accesses.clear();
  }
  void end_phase_of_kind(bool mpu) {
    for (auto& accesses : per_cluster)
      std::erase_if(accesses, [mpu](const SramAccess& a) { return a.by->is_mpu == mpu; });
  }
};

inline SramPhaseLog* current_sram_log = nullptr;

inline std::string describe_access(const SramAccess& a) {
  std::string where =
      a.loc.file ? std::string(" at ") + a.loc.file + ":" + std::to_string(a.loc.line) : "";
  return std::string(a.write ? "written" : "read") + " by " + describe_participant(*a.by) + where;
}

// Records an access of bytes [begin, end) of cluster `cluster`'s SRAM and reports a race with an
// access of another participant in the same phase.
inline void record_sram_access(SourceLoc loc, const char* function, unsigned cluster,
                               std::size_t begin, std::size_t end, bool write) {
  if (!current_sram_log || begin >= end)
    return;
  Participant& self = current(function);
  auto& accesses = current_sram_log->per_cluster[cluster];
  if (accesses.size() >= SramPhaseLog::tracked_accesses_limit)
    return;
  for (const SramAccess& other : accesses) {
    if (other.by == &self || !(other.write || write) || other.end <= begin || end <= other.begin)
      continue;
    const SramAccess mine{begin, end, &self, write, loc};
    fail(loc, function,
         "SRAM race in cluster " + std::to_string(cluster) + ": bytes [" +
             std::to_string(std::max(begin, other.begin)) + ", " +
             std::to_string(std::min(end, other.end)) + ") are " + describe_access(other) +
             " and " + describe_access(mine) +
             " with no barrier between them (missing __sync_cluster?)");
  }
  accesses.push_back({begin, end, &self, write, loc});
}

} // namespace xir::bang
