// Entry points for device-only files: every non-template __global__ kernel `k` defined in the file
// gets `extern "C" void k_launch(<k's parameters>)` that launches it with the library's launch
// configuration (from --grid/--block, changeable at run time through xir_sim_set_launch) and
// waits for it. Host pointers pass straight through on the CPU runtime.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xir::sim_cc {

struct KernelSignature {
  std::string qualified_name;          // with enclosing namespaces
  std::string name;
  std::string parameters;              // the parameter list as written
  std::vector<std::string> parameter_names;
  std::string max_threads; // first __launch_bounds__ argument, empty if none
};

std::vector<KernelSignature> find_kernels(std::string_view source);

// The name a parameter declaration as written declares (`const float *x = nullptr` -> `x`).
std::string parameter_name(const std::string &parameter);

struct LaunchDefaults {
  unsigned grid[3] = {1, 1, 1};
  unsigned block[3] = {256, 1, 1};
  unsigned long shared_bytes = 0;
};

// C++ text appended to the translation unit; `api` is "cuda" or "hip".
std::string launch_wrappers(const std::vector<KernelSignature> &kernels, std::string_view source,
                            const LaunchDefaults &defaults, std::string_view api);

} // namespace xir::sim_cc
