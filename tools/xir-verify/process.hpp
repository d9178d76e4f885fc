#pragma once
// Running a tool (compiler, xir-sim-cc) as a child process with a time limit.
#include <string>
#include <vector>

namespace xir::verify {

struct ProcessResult {
  bool started = false; // false: the program could not be executed
  bool timed_out = false;
  int exit_code = -1; // valid when it exited normally
  int signal = 0;     // nonzero when killed by a signal
  std::string output; // stdout and stderr together

  bool succeeded() const { return started && !timed_out && signal == 0 && exit_code == 0; }
};

ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds);

// "nvcc -c ..." for reports.
std::string command_line(const std::vector<std::string>& argv);

// Absolute path of `program` in PATH (or itself if it contains '/' and is executable); empty if
// none.
std::string find_program(const std::string& program);

} // namespace xir::verify
