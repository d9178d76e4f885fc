// Reporting a BANG program error: print "file:line: error: <function>: <reason>" and abort the
// running launch (every task of it unwinds; the host sees the failure, see launch_policy.hpp).
#pragma once

#include <cstdio>
#include <string>

namespace xir::bang {

// The call site of an intrinsic, captured by the intrinsic macros.
struct SourceLoc {
  const char* file = nullptr;
  int line = 0;
};

#define XIR_BANG_HERE (::xir::bang::SourceLoc{__FILE__, __LINE__})

// Thrown inside a task to unwind it when its launch is aborted; caught at the task's entry.
struct LaunchAborted {};

inline std::string describe_current_task();
[[noreturn]] inline void abort_launch(const std::string& message);

// Reports `function: reason` at `loc` naming the task, then aborts the launch.
[[noreturn]] inline void fail(SourceLoc loc, const char* function, const std::string& reason) {
  std::string message;
  if (loc.file)
    message += std::string(loc.file) + ":" + std::to_string(loc.line) + ": ";
  message +=
      "error: " + std::string(function) + ": " + reason + " (" + describe_current_task() + ")";
  abort_launch(message);
}

} // namespace xir::bang
