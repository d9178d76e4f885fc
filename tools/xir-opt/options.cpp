#include "options.hpp"

#include <array>
#include <string_view>

namespace xir::opt {

const char* const usage_text =
    "usage: xir-opt IN [-o OUT] --from D --to D [--passes P] [--print-after-all]\n"
    "\n"
    "Reads a kernel file, runs a pipeline of passes over it, and writes the result.\n"
    "\n"
    "  IN                   input file, or - for standard input\n"
    "  -o OUT               output file (default: standard output)\n"
    "  --from D, --to D     dialect of the input and of the output: xir (textual IR), cuda, hip,\n"
    "                       bang or vnni (default: xir)\n"
    "  --passes P           passes to run in order: name or name{key=value,...}, separated by\n"
    "                       commas, e.g. --passes 'simplify,simplify{max_iterations=2}'\n"
    "                       (default for xir to xir: none)\n"
    "  --print-after-all    print the IR after every pass to standard error\n"
    "  --help               this text\n"
    "\n"
    "passes:\n"
    "  simplify             fold constants and apply algebraic identities (C semantics)\n"
    "                       max_iterations=N  rounds until nothing changes (default 8)\n"
    "\n"
    "exit status: 0 success, 1 the input could not be read, parsed or translated, 2 bad usage\n";

bool is_known_dialect(const std::string& name) {
  constexpr std::array<std::string_view, 5> dialects = {"xir", "cuda", "hip", "bang", "vnni"};
  for (std::string_view d : dialects)
    if (d == name)
      return true;
  return false;
}

OptionsResult parse_options(const std::vector<std::string>& args) {
  OptionsResult result;
  Options& options = result.options;
  bool have_input = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // A flag's value comes as the next argument or after '=' (--from=cuda).
    auto value = [&](const std::string& flag) -> std::optional<std::string> {
      if (arg.size() > flag.size() && arg.compare(0, flag.size(), flag) == 0 &&
          arg[flag.size()] == '=')
        return arg.substr(flag.size() + 1);
      if (arg != flag)
        return std::nullopt;
      if (i + 1 >= args.size()) {
        result.error = "missing value after '" + flag + "'";
        return std::string();
      }
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--print-after-all") {
      options.print_after_all = true;
    } else if (auto v = value("-o")) {
      options.output = *v;
    } else if (auto v = value("--from")) {
      options.from = *v;
    } else if (auto v = value("--to")) {
      options.to = *v;
    } else if (auto v = value("--passes")) {
      options.passes = *v;
    } else if (arg.size() > 1 && arg[0] == '-') {
      result.error = "unknown option '" + arg + "'";
    } else if (have_input) {
      result.error = "more than one input file ('" + options.input + "' and '" + arg + "')";
    } else {
      options.input = arg;
      have_input = true;
    }
    if (!result.error.empty())
      return result;
  }
  if (options.help)
    return result;
  if (!have_input)
    result.error = "no input file";
  else if (!is_known_dialect(options.from))
    result.error = "unknown dialect '" + options.from + "' after --from";
  else if (!is_known_dialect(options.to))
    result.error = "unknown dialect '" + options.to + "' after --to";
  return result;
}

} // namespace xir::opt
