// `--engine interp`: where libxir_interp_engine and its header live, and the g++ command that
// builds a generated shim against them.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compile_command.h"
#include "kernel_wrappers.h"

namespace xir::sim_cc {

struct InterpEngineLayout {
  std::filesystem::path include_dir;  // holds xir_interp/engine.h
  std::filesystem::path library;      // libxir_interp_engine.so
};

// The build tree's engine when it exists, else the installed one next to this executable.
std::optional<InterpEngineLayout> locate_interp_engine(const std::filesystem::path &executable);

std::vector<std::string> interp_compile_command(const InterpEngineLayout &engine, const std::filesystem::path &shim,
                                                const std::filesystem::path &output,
                                                const std::vector<std::string> &extra_flags);

// Lifts `source` (diagnostics to stderr, exit status 1 when it does not lift), writes the shim
// and builds it into `output` with `run` (fork and exec; returns the exit status). Returns the
// tool's exit status.
int build_interp_library(const std::string &input, const std::string &source, Dialect dialect,
                         const LaunchDefaults &defaults, const std::vector<std::string> &extra_flags,
                         const std::filesystem::path &output, bool keep_source,
                         const std::function<int(const std::vector<std::string> &)> &run);

} // namespace xir::sim_cc
