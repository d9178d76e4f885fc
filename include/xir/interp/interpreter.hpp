#pragma once
// The reference interpreter: runs a Kernel on host buffers with the parallel semantics of its
// target. Bound (and parallel) loops run as concurrent threads; a barrier splits their execution
// into phases (each thread runs until its next barrier, then the group moves on together).
// Allocations live per block (shared), per cluster (SRAM) or per thread/core (local, NRAM, WRAM)
// as the target describes, with its capacities enforced. Out-of-bounds accesses, capacity
// overflows, barriers not reached by every thread of their scope, data races between threads in
// one barrier phase, and intrinsics without semantics are reported as errors, never a crash.

#include <map>
#include <string>
#include <utility>

#include "xir/interp/host_buffer.hpp"
#include "xir/interp/value.hpp"
#include "xir/ir/kernel.hpp"
#include "xir/target/target.hpp"

namespace xir::interp {

/// Why a run failed: one line naming the construct (buffer, index, statement, threads).
struct InterpError {
  std::string message;
};

/// The outcome of a run: success, or an InterpError (an expected<void, InterpError>).
class RunResult {
public:
  RunResult() = default;
  RunResult(InterpError error) : error_(std::move(error)), failed_(true) {}

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return !failed_; }
  /// The error; only meaningful when the run failed.
  const InterpError& error() const { return error_; }

private:
  InterpError error_;
  bool failed_ = false;
};

struct RunOptions {
  /// Track the last writer and readers of every shared and global element to report races.
  bool detect_races = true;
};

/// Runs `kernel` on `target`. Every buffer parameter must be in `buffers` with the parameter's
/// element type and shape (after substituting `scalars`); every scalar parameter in `scalars`.
/// Buffers are updated in place; on an error their contents are those at the failure.
RunResult run(const Kernel& kernel, const Target& target,
              std::map<std::string, HostBuffer>& buffers,
              const std::map<std::string, ScalarValue>& scalars = {},
              const RunOptions& options = {});

} // namespace xir::interp
