#pragma once
// The real compilers of each dialect (compile check) and the way a file becomes a host library.
#include <string>
#include <vector>

#include "build_cache.hpp"

namespace xir::verify {

enum class Dialect { cuda, hip, bang, vnni };

bool parse_dialect(const std::string& name, Dialect& dialect);
std::string dialect_name(Dialect dialect);

struct StageResult {
  enum class Status { passed, failed, skipped };
  Status status = Status::skipped;
  std::string tool;   // what ran: a compiler command, "xir-sim-cc ...", ...
  std::string detail; // diagnostics or the reason for skipping / failing
  bool cached = false;
  double seconds = 0;
};

std::string status_name(StageResult::Status status);

// (a) Compile with the real compiler: nvcc for sm_80 and sm_90, hipcc for gfx90a, g++ with
// VNNI/BF16; BANG has none here ("skipped: no real compiler available").
StageResult compile_check(const std::string& file, const std::string& contents, Dialect dialect,
                          const BuildCache& cache);

// (b) Build into a host shared library with xir-sim-cc (for VNNI: g++ when xir-sim-cc is absent
// and the native path is used). `launch_flags` go to xir-sim-cc (--grid/--block/--shared-bytes
// for device-only files); `engine` is its --engine. `library` receives the path on success.
StageResult build_library(const std::string& file, const std::string& contents, Dialect dialect,
                          bool vnni_emulate, const std::vector<std::string>& launch_flags,
                          const std::string& engine, const BuildCache& cache, std::string& library);

// xir-sim-cc: $XIR_SIM_CC, else next to this executable.
std::string sim_cc_path();

// Trims tool output for reports: at most `limit` characters, keeping the start.
std::string clip(const std::string& text, std::size_t limit = 4000);

} // namespace xir::verify
