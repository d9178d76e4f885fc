#include "toolchain.hpp"

#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <filesystem>

#include "process.hpp"

namespace xir::verify {
namespace {

constexpr double compile_timeout_seconds = 300;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// The real compiler of a dialect and its flags; empty program when the dialect has none.
struct RealCompiler {
  std::string program;
  std::vector<std::string> flags;
};

RealCompiler real_compiler(Dialect dialect) {
  switch (dialect) {
  case Dialect::cuda:
    return {env_or("XIR_NVCC", find_program("nvcc").empty() ? "/usr/local/cuda/bin/nvcc"
                                                            : find_program("nvcc")),
            {"-c", "-x", "cu", "-gencode", "arch=compute_80,code=sm_80", "-gencode",
             "arch=compute_90,code=sm_90"}};
  case Dialect::hip:
    return {env_or("XIR_HIPCC", "hipcc"), {"-c", "-x", "hip", "--offload-arch=gfx90a"}};
  case Dialect::vnni:
    return {env_or("XIR_CXX", "g++"),
            {"-c", "-x", "c++", "-std=c++17", "-O2", "-fPIC", "-fopenmp", "-mavx512f", "-mavx512vl",
             "-mavx512bw", "-mavx512vnni", "-mavx512bf16"}};
  case Dialect::bang:
    return {};
  }
  return {};
}

} // namespace

bool parse_dialect(const std::string& name, Dialect& dialect) {
  if (name == "cuda")
    dialect = Dialect::cuda;
  else if (name == "hip")
    dialect = Dialect::hip;
  else if (name == "bang")
    dialect = Dialect::bang;
  else if (name == "vnni")
    dialect = Dialect::vnni;
  else
    return false;
  return true;
}

std::string dialect_name(Dialect dialect) {
  switch (dialect) {
  case Dialect::cuda:
    return "cuda";
  case Dialect::hip:
    return "hip";
  case Dialect::bang:
    return "bang";
  case Dialect::vnni:
    return "vnni";
  }
  return "?";
}

std::string status_name(StageResult::Status status) {
  switch (status) {
  case StageResult::Status::passed:
    return "passed";
  case StageResult::Status::failed:
    return "failed";
  case StageResult::Status::skipped:
    return "skipped";
  }
  return "?";
}

std::string clip(const std::string& text, std::size_t limit) {
  return text.size() <= limit ? text
                              : text.substr(0, limit) + "\n... (" +
                                    std::to_string(text.size() - limit) + " more bytes)";
}

StageResult compile_check(const std::string& file, const std::string& contents, Dialect dialect,
                          const BuildCache& cache) {
  StageResult result;
  const RealCompiler compiler = real_compiler(dialect);
  if (compiler.program.empty()) {
    result.detail = "no real compiler available for " + dialect_name(dialect);
    return result;
  }
  const std::string program = find_program(compiler.program);
  if (program.empty()) {
    result.detail = compiler.program + " not found";
    return result;
  }
  const std::string key =
      cache.key(contents, {"compile", dialect_name(dialect), tool_identity(program),
                           command_line(compiler.flags)});
  const std::string object = cache.scratch_path(key, ".o");
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), compiler.flags.begin(), compiler.flags.end());
  argv.insert(argv.end(), {file, "-o", object});
  result.tool = command_line(std::vector<std::string>(argv.begin(), argv.end() - 2));
  if (const auto entry = cache.find_compile(key)) {
    result.status = entry->succeeded ? StageResult::Status::passed : StageResult::Status::failed;
    result.detail = entry->diagnostics;
    result.cached = true;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult run = run_process(argv, compile_timeout_seconds);
  result.seconds = seconds_since(start);
  std::error_code ignored;
  std::filesystem::remove(object, ignored);
  result.detail = clip(run.output);
  if (!run.started) {
    result.status = StageResult::Status::failed;
    result.detail = "could not execute " + program;
    return result;
  }
  if (run.timed_out)
    result.detail += "\n(compiler timed out)";
  result.status = run.succeeded() ? StageResult::Status::passed : StageResult::Status::failed;
  if (!run.timed_out)
    cache.store_compile(key, {run.succeeded(), result.detail});
  return result;
}

std::string sim_cc_path() {
  if (const char* path = std::getenv("XIR_SIM_CC"); path && *path)
    return path;
  char self[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  if (length <= 0)
    return "xir-sim-cc";
  return std::filesystem::path(std::string(self, static_cast<std::size_t>(length))).parent_path() /
         "xir-sim-cc";
}

StageResult build_library(const std::string& file, const std::string& contents, Dialect dialect,
                          bool vnni_emulate, const std::vector<std::string>& launch_flags,
                          const std::string& engine, const BuildCache& cache, std::string& library) {
  StageResult result;
  std::vector<std::string> argv;
  const std::string sim_cc = sim_cc_path();
  const bool have_sim_cc = access(sim_cc.c_str(), X_OK) == 0;
  if (have_sim_cc) {
    argv = {sim_cc, file, "--dialect", dialect_name(dialect)};
    if (engine != "runtime")
      argv.insert(argv.end(), {"--engine", engine});
    if (dialect == Dialect::vnni && vnni_emulate)
      argv.push_back("--vnni-emulate");
    argv.insert(argv.end(), launch_flags.begin(), launch_flags.end());
  } else if (dialect == Dialect::vnni && !vnni_emulate && engine == "runtime") {
    // The native VNNI path needs no runtime: the real compiler builds the library directly.
    argv = {find_program(env_or("XIR_CXX", "g++")),
            "-shared",
            "-x",
            "c++",
            "-std=c++17",
            "-O2",
            "-fPIC",
            "-fopenmp",
            "-mavx512f",
            "-mavx512vl",
            "-mavx512bw",
            "-mavx512vnni",
            "-mavx512bf16",
            file};
  } else {
    result.status = StageResult::Status::failed;
    result.detail =
        "xir-sim-cc not found at " + sim_cc +
        " (set XIR_SIM_CC or build the xir-sim-cc target); it is needed to run " +
        dialect_name(dialect) +
        (engine == "interp"            ? " files on the interpreter"
         : dialect == Dialect::vnni ? " files through the intrinsic emulation"
                                    : " files");
    return result;
  }
  result.tool = command_line(argv);
  const std::string key = cache.key(
      contents, {"build", command_line(std::vector<std::string>(argv.begin() + 1, argv.end())),
                 tool_identity(argv[0]), file});
  library = cache.library_path(key);
  if (cache.has_library(key)) {
    result.status = StageResult::Status::passed;
    result.cached = true;
    return result;
  }
  const std::string scratch = cache.scratch_path(key, ".so");
  argv.insert(argv.end(), {"-o", scratch});
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult run = run_process(argv, compile_timeout_seconds);
  result.seconds = seconds_since(start);
  result.detail = clip(run.output);
  if (!run.succeeded() || access(scratch.c_str(), R_OK) != 0) {
    std::error_code ignored;
    std::filesystem::remove(scratch, ignored);
    result.status = StageResult::Status::failed;
    if (run.timed_out)
      result.detail += "\n(build timed out)";
    if (run.succeeded())
      result.detail += "\n(the builder reported success but wrote no library)";
    return result;
  }
  cache.publish_library(scratch, key);
  result.status = StageResult::Status::passed;
  return result;
}

} // namespace xir::verify
