// `xir-sim-cc --engine interp`: lift the file now (so a file the frontend cannot lift fails at
// build time with its diagnostics), then build the shim that forwards each entry to the engine.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "interp_build.h"
#include "interp_shim.h"
#include "xir/frontend/frontend.hpp"

namespace xir::sim_cc {
namespace fs = std::filesystem;

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
