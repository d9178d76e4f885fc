// A launch in execution: its task-grid shape, barriers and failure state, and the error path
// shared by every check (abort_launch).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "task_context.hpp"

namespace xir::bang {

// The grid of one launch as the kernel sees it through the built-in variables.
struct LaunchShape {
  unsigned dim_x = 1, dim_y = 1, dim_z = 1;
  bool is_union = false;
  unsigned union_clusters = 0; // N of UNION<N>; 0 for BLOCK
  unsigned task_dim() const { return dim_x * dim_y * dim_z; }
  unsigned core_dim() const { return is_union ? cores_per_cluster : 1; }
  unsigned cluster_dim() const { return is_union ? task_dim() / cores_per_cluster : 0; }
};

// A barrier with a fixed participant count; participants blocked on it wait as fibers.
struct Barrier {
  const char* name = "";
  std::string scope; // e.g. "cluster 1" or "UNION group of clusters 0-1"
  unsigned expected = 0;
  unsigned phase = 0;                // completed phases so far
  std::vector<Participant*> arrived; // arrivals in the current phase
  std::vector<Participant*> waiting; // blocked until the current phase completes
  std::function<void()> on_complete; // ends the SRAM access phase of those it orders
};

inline Barrier make_barrier(const char* name, std::string scope, unsigned expected,
                            std::function<void()> on_complete) {
  Barrier barrier;
  barrier.name = name;
  barrier.scope = std::move(scope);
  barrier.expected = expected;
  barrier.on_complete = std::move(on_complete);
  return barrier;
}

struct LaunchState {
  LaunchShape shape;
  bool aborted = false;
  std::string first_error;
};

// How a failed launch reaches the host: by default the process exits with status 1 after the
// message (a host program that ignores return codes cannot go on with wrong data); with
// XIR_BANG_ON_ERROR=return the launch's queue reports the failure through cnrtQueueSync.
inline bool exit_on_launch_failure() {
  const char* policy = std::getenv("XIR_BANG_ON_ERROR");
  return !(policy && std::string(policy) == "return");
}

[[noreturn]] inline void abort_launch(const std::string& message) {
  if (current_launch && current_launch->aborted)
    throw LaunchAborted{}; // report the first error only
  std::fprintf(stderr, "%s\n", message.c_str());
  std::fflush(stderr);
  if (!current_launch) { // an error outside any launch: nothing to unwind
    std::fflush(stdout);
    std::_Exit(1);
  }
  current_launch->first_error = message;
  current_launch->aborted = true;
  throw LaunchAborted{};
}

} // namespace xir::bang
