#pragma once
// Command line of xir-verify.
#include <optional>
#include <string>

#include "toolchain.hpp"

namespace xir::verify {

struct Options {
  std::string file;
  Dialect dialect = Dialect::vnni;
  std::string spec_path;
  bool json = false;
  bool vnni_emulate = false;
  // "runtime": run the file as written on the CPU runtimes; "interp": lift it and run the IR on
  // the reference interpreter (xir-sim-cc --engine interp).
  std::string engine = "runtime";
  bool use_cache = true;
  double timeout_seconds = 60;
  bool help = false;
};

// Throws std::invalid_argument with a one-line message on bad usage.
Options parse_options(int argc, char** argv);
const char* usage_text();

} // namespace xir::verify
