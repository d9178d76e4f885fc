// `xir-sim-cc --engine interp`: lift the file now (so a file the frontend cannot lift fails at
// build time with its diagnostics), then build the shim that forwards each entry to the engine.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>

#include "function_signature.h"
#include "interp_build.h"
#include "interp_shim.h"
#include "xir/frontend/frontend.hpp"
#include "xir/text/parser.hpp"
#include "xir_interp/entry_plan.hpp"

namespace xir::sim_cc {
namespace fs = std::filesystem;
namespace {

bool same_parameters(const std::vector<std::string> &written, const interp_engine::EntryPlan &entry) {
  bool same = written.size() == entry.c_arguments;
  for (std::size_t i = 0; same && i < entry.c_arguments; ++i)
    same = text_safe_name(written[i]) == param_name(entry.kernel->params[i]);  // `in` lifts as `in_`
  return same;
}

// An entry takes the function's or kernel's parameters as written; the frontend splits a struct
// passed by value into one parameter per field, which the generated C signature cannot match (a
// struct of two floats travels in one register, two floats in two).
struct SignatureCheck {
  std::optional<std::string> error;     // an entry callers need cannot be offered
  std::set<std::string> omitted;        // `<kernel>_launch` entries left out, with a note each
};

SignatureCheck check_signatures(const Module &module, const std::string &source) {
  SignatureCheck check;
  const std::vector<KernelSignature> kernels = find_kernels(source);
  std::size_t offered = 0;
  for (const interp_engine::EntryPlan &entry : interp_engine::c_entries(module)) {
    if (entry.device_launch) {
      bool same = true;
      for (const KernelSignature &kernel : kernels)
        if (kernel.name == entry.kernel->name) same = same_parameters(kernel.parameter_names, entry);
      if (!same) check.omitted.insert(entry.symbol);
      else ++offered;
    } else if (const auto written = written_parameter_names(source, entry.symbol);
               written && !same_parameters(*written, entry)) {
      check.error = "the parameters of function '" + entry.symbol +
                    "' (a struct passed by value) are not supported by the interp engine";
      return check;
    } else {
      ++offered;
    }
  }
  // A device-only file whose kernels all take structs would give a library without entries.
  if (offered == 0 && !check.omitted.empty()) {
    const std::string symbol = *check.omitted.begin();
    const std::string kernel = symbol.substr(0, symbol.size() - 7);
    check.error = "the parameters of kernel '" + kernel +
                  "' (a struct passed by value) are not supported by the interp engine's " + symbol;
  }
  return check;
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
  const SignatureCheck signatures = check_signatures(*lifted.module, source);
  if (signatures.error) {
    std::cerr << input << ": error: " << *signatures.error << "\n";
    return 1;
  }
  for (const std::string &symbol : signatures.omitted)
    std::cerr << input << ": note: the interp library has no " << symbol
              << ": its kernel takes a struct by value, which the lifted parameters cannot match\n";

  std::string directory_template = "/tmp/xir-sim-cc-" + std::string(6, 'X');  // mkdtemp's pattern
  if (!mkdtemp(directory_template.data())) {
    std::cerr << "xir-sim-cc: error: cannot create a temporary directory\n";
    return 1;
  }
  const fs::path directory = directory_template;
  const fs::path shim = directory / (fs::path(input).stem().string() + ".interp.cpp");
  {
    std::ofstream out(shim, std::ios::binary);
    out << interp_shim_source(*lifted.module, input, source, dialect_name(dialect), defaults, signatures.omitted);
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
