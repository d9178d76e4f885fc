// The whole source pre-pass of one dialect: launch syntax, dynamic shared memory, vector type
// attributes, the BANG rewrite, and the generated launch wrappers of device-only kernels.
#pragma once

#include "compile_command.h"
#include "kernel_wrappers.h"
#include "rewrite.h"

#include <string>
#include <string_view>

namespace xir::sim_cc {

// Returns the translation unit to compile (starting with a #line naming `file_name`), or errors.
Rewritten prepass(std::string_view source, std::string_view file_name, Dialect dialect, const LaunchDefaults &defaults);

} // namespace xir::sim_cc
