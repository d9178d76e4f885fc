#pragma once
// The command line of xir-opt.

#include <optional>
#include <string>
#include <vector>

namespace xir::opt {

struct Options {
  std::string input;  // "-" reads standard input
  std::string output; // empty writes standard output
  std::string from = "xir";
  std::string to = "xir";
  std::optional<std::string> passes;
  bool print_after_all = false;
  bool help = false;
};

/// The options, or a usage error message.
struct OptionsResult {
  Options options;
  std::string error;
};

OptionsResult parse_options(const std::vector<std::string>& args);

extern const char* const usage_text;

/// The dialects --from and --to accept.
bool is_known_dialect(const std::string& name);

} // namespace xir::opt
