// xir-sim-cc FILE --dialect cuda|hip|bang|vnni -o LIB.so [--engine runtime|interp] [--grid x,y,z]
//            [--block x,y,z] [--shared-bytes N] [--vnni-emulate] [--keep-source] [-Xcompiler FLAG]...
// Builds a kernel file into a shared library whose C entry points run it on the CPU.
#include "compile_command.h"
#include "interp_build.h"
#include "prepass.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;
using namespace xir::sim_cc;

constexpr const char *usage_text =
    "usage: xir-sim-cc FILE --dialect cuda|hip|bang|vnni -o LIB.so [--engine runtime|interp]\n"
    "                  [--grid x,y,z] [--block x,y,z] [--shared-bytes N] [--vnni-emulate] [--keep-source]\n"
    "                  [-Xcompiler FLAG]...\n"
    "Builds a kernel file into a shared library whose C entry points run it on the CPU: the file's\n"
    "extern \"C\" functions, and for each non-template __global__ kernel K an extern \"C\" K_launch with\n"
    "K's parameters that launches it with --grid (default 1,1,1), --block (default 256,1,1) and\n"
    "--shared-bytes of dynamic shared memory (default 0).\n"
    "--engine runtime (default) runs the file as written on the CPU runtimes; --engine interp lifts it\n"
    "to the IR and runs each call on the reference interpreter, with the same entries.\n";

int usage_error(const std::string &message) {
  std::cerr << "xir-sim-cc: error: " << message << "\n" << usage_text;
  return 2;
}

bool parse_triple(const std::string &text, unsigned out[3]) {
  std::stringstream stream(text);
  std::string part;
  unsigned values[3] = {1, 1, 1};
  int count = 0;
  while (std::getline(stream, part, ',')) {
    if (count == 3 || part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return false;
    values[count++] = static_cast<unsigned>(std::stoul(part));
    if (values[count - 1] == 0) return false;
  }
  if (count == 0) return false;
  for (int i = 0; i < 3; ++i) out[i] = values[i];
  return true;
}

int run(const std::vector<std::string> &command) {
  std::vector<char *> argv;
  for (const std::string &argument : command) argv.push_back(const_cast<char *>(argument.c_str()));
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    execvp(argv[0], argv.data());
    std::perror(argv[0]);
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

} // namespace

int main(int argc, char **argv) {
  std::string input, output, dialect_text;
  LaunchDefaults defaults;
  CompileRequest request;
  bool keep_source = false;
  std::string engine = "runtime";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << usage_text;
      return 0;
    } else if (arg == "--dialect") {
      auto v = value();
      if (!v) return usage_error("--dialect needs a value");
      dialect_text = *v;
    } else if (arg.rfind("--dialect=", 0) == 0) {
      dialect_text = arg.substr(10);
    } else if (arg == "-o") {
      auto v = value();
      if (!v) return usage_error("-o needs a file name");
      output = *v;
    } else if (arg == "--grid" || arg == "--block") {
      auto v = value();
      if (!v || !parse_triple(*v, arg == "--grid" ? defaults.grid : defaults.block))
        return usage_error(arg + " needs one to three positive integers separated by commas");
    } else if (arg == "--shared-bytes") {
      auto v = value();
      if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos)
        return usage_error("--shared-bytes needs a byte count");
      defaults.shared_bytes = std::stoul(*v);
    } else if (arg == "--engine" || arg.rfind("--engine=", 0) == 0) {
      auto v = arg == "--engine" ? value() : std::optional<std::string>(arg.substr(9));
      if (!v || (*v != "runtime" && *v != "interp"))
        return usage_error("--engine needs 'runtime' or 'interp'" + (v ? ", got '" + *v + "'" : std::string()));
      engine = *v;
    } else if (arg == "--vnni-emulate") {
      request.vnni_emulate = true;
    } else if (arg == "--keep-source") {
      keep_source = true;
    } else if (arg == "-Xcompiler") {
      auto v = value();
      if (!v) return usage_error("-Xcompiler needs a flag");
      request.extra_flags.push_back(*v);
    } else if (!arg.empty() && arg[0] == '-') {
      return usage_error("unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = arg;
    } else {
      return usage_error("more than one input file ('" + input + "' and '" + arg + "')");
    }
  }
  if (input.empty()) return usage_error("no input file");
  if (output.empty()) return usage_error("no output library (-o LIB.so)");
  std::optional<Dialect> dialect = dialect_text.empty() ? dialect_from_extension(input) : parse_dialect(dialect_text);
  if (!dialect)
    return usage_error(dialect_text.empty() ? "cannot tell the dialect of '" + input + "': pass --dialect"
                                            : "unknown dialect '" + dialect_text + "' (cuda, hip, bang or vnni)");
  request.dialect = *dialect;
  if (engine == "interp" && request.vnni_emulate) return usage_error("--vnni-emulate does not apply to --engine interp");

  std::ifstream file(input, std::ios::binary);
  if (!file) {
    std::cerr << "xir-sim-cc: error: cannot read '" << input << "'\n";
    return 2;
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string source = buffer.str();

  if (engine == "interp")
    return build_interp_library(input, source, *dialect, defaults, request.extra_flags, output, keep_source, run);

  const std::optional<RuntimeLayout> runtime = locate_runtime(fs::path("/proc/self/exe"));
  if (!runtime) {
    std::cerr << "xir-sim-cc: error: cannot find the xir CPU runtime (headers and libxir_runtime_gpu.a) in the build "
                 "tree or the install tree\n";
    return 1;
  }

  const Rewritten unit = prepass(source, input, *dialect, defaults);
  if (!unit.errors.empty()) {
    for (const SourceError &error : unit.errors)
      std::cerr << input << ":" << error.line << ":" << error.column << ": error: " << error.message << "\n";
    return 1;
  }

  std::string directory_template = "/tmp/xir-sim-cc-" + std::string(6, 'X');  // mkdtemp's pattern
  if (!mkdtemp(directory_template.data())) {
    std::cerr << "xir-sim-cc: error: cannot create a temporary directory\n";
    return 1;
  }
  const fs::path directory = directory_template;
  request.source = directory / (fs::path(input).stem().string() + ".xir.cpp");
  request.output = output;
  {
    std::ofstream translation_unit(request.source, std::ios::binary);
    translation_unit << unit.source;
  }
  const int status = run(compile_command(*runtime, request));
  if (keep_source) std::cerr << "xir-sim-cc: note: pre-passed source kept at " << request.source << "\n";
  else fs::remove_all(directory);
  if (status != 0) {
    std::cerr << "xir-sim-cc: error: compiling '" << input << "' as " << dialect_name(*dialect) << " failed\n";
    return 1;
  }
  return 0;
}
