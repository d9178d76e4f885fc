// `xir-sim-cc --engine interp`: lift the file now (so a file the frontend cannot lift fails at
// build time with its diagnostics), then build the shim that forwards each entry to the engine.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "interp_build.h"
#include "interp_shim.h"
#include "xir/frontend/frontend.hpp"
#include "xir_interp/entry_plan.hpp"

namespace xir::sim_cc {
namespace fs = std::filesystem;
namespace {

// A `<kernel>_launch` entry takes the kernel's parameters as written; the frontend splits a struct
// passed by value into one parameter per field, which no C signature of the entry could express.
std::optional<std::string> unsupported_launch_signature(const Module &module, const std::string &source) {
  const std::vector<KernelSignature> written = find_kernels(source);
  for (const interp_engine::EntryPlan &entry : interp_engine::c_entries(module)) {
    if (!entry.device_launch) continue;
    for (const KernelSignature &kernel : written) {
      if (kernel.name != entry.kernel->name) continue;
      bool same = kernel.parameter_names.size() == entry.c_arguments;
      for (std::size_t i = 0; same && i < entry.c_arguments; ++i)
        same = kernel.parameter_names[i] == param_name(entry.kernel->params[i]);
      if (!same) return kernel.name;
    }
  }
  return std::nullopt;
}

} // namespace

int build_interp_library(const std::string &input, const std::string &source, Dialect dialect,
                         const LaunchDefaults &defaults, const std::vector<std::string> &extra_flags,
                         const fs::path &output, bool keep_source,
                         const std::function<int(const std::vector<std::string> &)> &run) {
  const std::optional<InterpEngineLayout> engine = locate_interp_engine(fs::path("/proc/self/exe"));
  if (!engine) {
    std::cerr << "xir-sim-cc: error: cannot find the interpreter engine (libxir_interp_engine.so and "
                 "xir_interp/engine.h) in the build tree or the install tree\n";
    return 1;
  }
  const auto frontend_dialect = frontend::parse_dialect(dialect_name(dialect));
  frontend::LiftResult lifted = frontend::lift_source(source, input, *frontend_dialect);
  for (const Diagnostic &diagnostic : lifted.diagnostics)
    std::cerr << format_diagnostic(diagnostic, source);
  if (!lifted.ok()) return 1;
  if (const auto kernel = unsupported_launch_signature(*lifted.module, source)) {
    std::cerr << input << ": error: the parameters of kernel '" << *kernel
              << "' (a struct passed by value) are not supported by the interp engine's " << *kernel << "_launch\n";
    return 1;
  }

  std::string directory_template = "/tmp/xir-sim-cc-" + std::string(6, 'X');  // mkdtemp's pattern
  if (!mkdtemp(directory_template.data())) {
    std::cerr << "xir-sim-cc: error: cannot create a temporary directory\n";
    return 1;
  }
  const fs::path directory = directory_template;
  const fs::path shim = directory / (fs::path(input).stem().string() + ".interp.cpp");
  {
    std::ofstream out(shim, std::ios::binary);
    out << interp_shim_source(*lifted.module, input, source, dialect_name(dialect), defaults);
  }
  const int status = run(interp_compile_command(*engine, shim, output, extra_flags));
  if (keep_source) std::cerr << "xir-sim-cc: note: generated interpreter shim kept at " << shim << "\n";
  else fs::remove_all(directory);
  if (status != 0) {
    std::cerr << "xir-sim-cc: error: compiling the interpreter shim of '" << input << "' failed\n";
    return 1;
  }
  return 0;
}

} // namespace xir::sim_cc
