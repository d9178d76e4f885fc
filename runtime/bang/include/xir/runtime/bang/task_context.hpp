// The state of one participant of a launch (an MLU core running a task, or the memory core
// (MPU) of a cluster in a UNION job) and the built-in variables that read it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "fiber.hpp"
#include "memory_spaces.hpp"

namespace xir::bang {

struct Barrier;
struct LaunchState;

enum class ParticipantState { ready, waiting, finished };

struct Participant {
  bool is_mpu = false;
  bool in_union = false; // a member of a UNION job's cluster (else a BLOCK task)
  unsigned task_id = 0, task_id_x = 0, task_id_y = 0, task_id_z = 0;
  unsigned cluster_id = 0;       // cluster number in the whole launch
  unsigned cluster_in_union = 0; // cluster index inside its UNION group (SRAM2SRAM targets)
  unsigned core_id = 0;
  Arena* nram = nullptr;
  Arena* wram = nullptr;
  Arena* sram = nullptr;
  LaunchState* launch = nullptr;
  std::unique_ptr<Fiber> fiber;
  ParticipantState state = ParticipantState::ready;
  Barrier* waiting_on = nullptr;
  SourceLoc wait_loc;
  // Phases arrived in with __sync_*_arrive and not yet waited for with __sync_*_wait.
  std::map<const Barrier*, unsigned> split_arrivals;
  // `__memcpy_async` copies issued but not yet complete (they complete at the next __sync*).
  std::vector<std::function<void()>> pending_copies;
};

// The participant whose code is running (one launch runs at a time, on fibers of one thread).
inline Participant* current_participant = nullptr;
// The launch being executed, for the launch-wide built-ins.
inline LaunchState* current_launch = nullptr;

inline std::string describe_participant(const Participant& p) {
  if (p.is_mpu)
    return "the MPU of cluster " + std::to_string(p.cluster_id);
  if (!p.in_union)
    return "taskId " + std::to_string(p.task_id);
  return "taskId " + std::to_string(p.task_id) + " on core " + std::to_string(p.core_id) +
         " of cluster " + std::to_string(p.cluster_id);
}

inline std::string describe_current_task() {
  return current_participant ? describe_participant(*current_participant)
                             : std::string("host code");
}

inline Participant& current(const char* builtin) {
  if (!current_participant)
    fail({}, builtin, "used outside a running kernel");
  return *current_participant;
}

} // namespace xir::bang
