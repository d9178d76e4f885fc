// xir-opt: the pass driver. Reads IN in one dialect, runs the passes, writes the other dialect.

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "options.hpp"
#include "xir/frontend/frontend.hpp"
#include "xir/ir/error.hpp"
#include "xir/support/diagnostic.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"
#include "xir/transform/pass.hpp"

namespace {

constexpr int exit_success = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

int usage_error(const std::string& message) {
  std::cerr << "error: " << message << "\n"
            << "run 'xir-opt --help' for usage\n";
  return exit_usage;
}

int failure(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return exit_failure;
}

bool read_input(const std::string& path, std::string& text) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

int run(const xir::opt::Options& options) {
  using namespace xir;
  if (options.to != "xir")
    return failure("the " + options.to + " backend is not available yet");

  PassManager manager(builtin_passes());
  if (options.passes) {
    PipelineParseResult pipeline = parse_pipeline(*options.passes);
    if (!pipeline)
      return usage_error("--passes: " + pipeline.error);
    for (const PassInvocation& pass : pipeline.passes)
      if (std::string problem = manager.add(pass); !problem.empty())
        return usage_error("--passes: " + problem);
  }

  std::string text;
  if (!read_input(options.input, text))
    return failure("cannot read '" + options.input + "'");
  std::string file_name = options.input == "-" ? "<stdin>" : options.input;
  Module input;
  if (options.from == "xir") {
    ModuleParseResult parsed = parse_module(text, file_name);
    if (!parsed) {
      std::cerr << format_diagnostic(*parsed.error, text);
      return exit_failure;
    }
    input = *parsed.module;
  } else {
    // A kernel file: lifted into the IR through Clang.
    frontend::LiftResult lifted = frontend::lift_source(text, file_name, *frontend::parse_dialect(options.from));
    for (const Diagnostic& d : lifted.diagnostics)
      std::cerr << format_diagnostic(d, d.file == file_name ? std::string_view(text) : std::string_view());
    if (!lifted.ok())
      return exit_failure;
    input = *lifted.module;
  }

  Module result;
  try {
    result = manager.run(input, options.print_after_all ? &std::cerr : nullptr);
  } catch (const PassParameterError& error) {
    return usage_error(std::string("--passes: ") + error.what());
  } catch (const IRError& error) {
    return failure(std::string("a pass built malformed IR: ") + error.what());
  }

  std::string printed = print(result);
  if (options.output.empty()) {
    std::cout << printed;
    std::cout.flush();
    return std::cout ? exit_success : failure("cannot write standard output");
  }
  std::ofstream out(options.output, std::ios::binary);
  out << printed;
  out.close();
  if (!out)
    return failure("cannot write '" + options.output + "'");
  return exit_success;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  xir::opt::OptionsResult parsed = xir::opt::parse_options(args);
  if (!parsed.error.empty())
    return usage_error(parsed.error);
  if (parsed.options.help) {
    std::cout << xir::opt::usage_text;
    return exit_success;
  }
  return run(parsed.options);
}
