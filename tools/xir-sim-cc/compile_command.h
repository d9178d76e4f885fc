// Where the runtimes live (build tree or install tree) and the g++ command line that builds a
// pre-passed kernel file into a shared library for one dialect.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace xir::sim_cc {

enum class Dialect { cuda, hip, bang, vnni };

std::optional<Dialect> parse_dialect(const std::string &name);
std::optional<Dialect> dialect_from_extension(const std::filesystem::path &file);
const char *dialect_name(Dialect dialect);

struct RuntimeLayout {
  std::filesystem::path include_dir;      // runtime/include
  std::filesystem::path bang_include_dir; // runtime/bang/include
  std::filesystem::path vnni_include_dir; // runtime/vnni/include
  std::filesystem::path gpu_library;      // libxir_runtime_gpu.a
  std::filesystem::path common_library;   // libxir_runtime_common.a
};

// The build tree's runtime when it exists (compile definitions), else the installed one found
// relative to this executable, else under the configured install prefix.
std::optional<RuntimeLayout> locate_runtime(const std::filesystem::path &executable);

struct CompileRequest {
  Dialect dialect = Dialect::cuda;
  std::filesystem::path source;  // pre-passed translation unit
  std::filesystem::path output;  // shared library
  bool vnni_emulate = false;
  std::vector<std::string> extra_flags;
};

std::vector<std::string> compile_command(const RuntimeLayout &runtime, const CompileRequest &request);

} // namespace xir::sim_cc
