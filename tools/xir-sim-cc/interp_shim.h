// `--engine interp`: the C++ source of a library whose entries forward to libxir_interp_engine,
// which lifts the embedded kernel file and runs the entry on the reference interpreter.
#pragma once

#include <set>
#include <string>

#include "kernel_wrappers.h"
#include "xir/ir/kernel.hpp"

namespace xir::sim_cc {

// One extern "C" function per C entry of `module` (host entries under their names, device kernels
// K as K_launch) but those in `omitted`, with the C parameter types of the runtime build, plus
// xir_sim_set_launch.
std::string interp_shim_source(const Module &module, const std::string &file_name, const std::string &source,
                               const std::string &dialect, const LaunchDefaults &defaults,
                               const std::set<std::string> &omitted);

} // namespace xir::sim_cc
