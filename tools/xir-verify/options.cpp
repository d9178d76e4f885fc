#include "options.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace xir::verify {

const char* usage_text() {
  return "usage: xir-verify FILE --dialect cuda|hip|bang|vnni --spec SPEC.json [--json] [--timeout "
         "SECONDS]\n"
         "                  [--vnni-emulate] [--no-cache] [--engine runtime|interp]\n"
         "Compiles FILE with the dialect's real compiler, builds it with xir-sim-cc, calls the "
         "spec's entry\n"
         "point on seeded inputs in a child process and compares with the Halide reference.\n"
         "--engine interp runs the lifted IR on the reference interpreter instead of the "
         "CPU runtime.\n"
         "Exit status: 0 correct, 1 incorrect or failed (the report names the stage), 2 bad "
         "usage.\n"
         "Compile results and libraries are cached under $XIR_CACHE_DIR (default ~/.cache/xir).\n";
}

Options parse_options(int argc, char** argv) {
  Options options;
  bool have_dialect = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], value;
    bool has_inline_value = false;
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline_value = true;
    }
    auto next_value = [&]() -> std::string {
      if (has_inline_value)
        return value;
      if (i + 1 >= argc)
        throw std::invalid_argument("option '" + arg + "' needs a value");
      return argv[++i];
    };
    if (arg == "--dialect") {
      const std::string name = next_value();
      if (!parse_dialect(name, options.dialect))
        throw std::invalid_argument("unknown dialect '" + name +
                                    "' (expected cuda, hip, bang or vnni)");
      have_dialect = true;
    } else if (arg == "--spec") {
      options.spec_path = next_value();
    } else if (arg == "--timeout") {
      const std::string text = next_value();
      char* end = nullptr;
      options.timeout_seconds = std::strtod(text.c_str(), &end);
      if (text.empty() || *end || !(options.timeout_seconds > 0))
        throw std::invalid_argument("--timeout needs a positive number of seconds, got '" + text +
                                    "'");
    } else if (arg == "--engine") {
      options.engine = next_value();
      if (options.engine != "runtime" && options.engine != "interp")
        throw std::invalid_argument("--engine needs 'runtime' or 'interp', got '" + options.engine + "'");
    } else if (arg == "--json" && !has_inline_value) {
      options.json = true;
    } else if (arg == "--vnni-emulate" && !has_inline_value) {
      options.vnni_emulate = true;
    } else if (arg == "--no-cache" && !has_inline_value) {
      options.use_cache = false;
    } else if ((arg == "-h" || arg == "--help") && !has_inline_value) {
      options.help = true;
      return options;
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw std::invalid_argument("unknown option '" + arg + "'");
    } else if (options.file.empty()) {
      options.file = arg;
    } else {
      throw std::invalid_argument("more than one kernel file given ('" + options.file + "' and '" +
                                  arg + "')");
    }
  }
  if (options.file.empty())
    throw std::invalid_argument("no kernel file given");
  if (options.spec_path.empty())
    throw std::invalid_argument("no test-case spec given (--spec SPEC.json)");
  if (!have_dialect)
    throw std::invalid_argument("no dialect given (--dialect cuda|hip|bang|vnni)");
  if (options.vnni_emulate && options.dialect != Dialect::vnni)
    throw std::invalid_argument("--vnni-emulate applies to --dialect vnni only");
  if (options.engine == "interp" && options.vnni_emulate)
    throw std::invalid_argument("--vnni-emulate does not apply to --engine interp");
  return options;
}

} // namespace xir::verify
