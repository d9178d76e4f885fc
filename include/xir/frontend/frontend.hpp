#pragma once
// Frontends: lift a CUDA, HIP, BANG C or VNNI C++ kernel file into the IR, through Clang.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xir/ir/kernel.hpp"
#include "xir/support/diagnostic.hpp"

namespace xir::frontend {

enum class Dialect { Cuda, Hip, Bang, Vnni };

std::optional<Dialect> parse_dialect(std::string_view name);
std::string_view to_string(Dialect dialect);

/// A lifted module, or the diagnostics that explain why there is none (clang's own errors, or
/// `<construct> is not supported by the <dialect> frontend`).
struct LiftResult {
  std::optional<Module> module;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return module.has_value(); }
};

/// Lifts `source` (named `file_name` in diagnostics; its #include lines resolve to xir's own
/// declaration headers for the dialect, so no vendor SDK is needed).
LiftResult lift_source(std::string_view source, const std::string& file_name, Dialect dialect);
/// Reads and lifts a file; a file that cannot be read is a diagnostic.
LiftResult lift_file(const std::string& path, Dialect dialect);

} // namespace xir::frontend
