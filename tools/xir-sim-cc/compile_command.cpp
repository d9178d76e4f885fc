#include "compile_command.h"

#include <cstdlib>

namespace xir::sim_cc {
namespace fs = std::filesystem;

std::optional<Dialect> parse_dialect(const std::string &name) {
  if (name == "cuda") return Dialect::cuda;
  if (name == "hip") return Dialect::hip;
  if (name == "bang") return Dialect::bang;
  if (name == "vnni") return Dialect::vnni;
  return std::nullopt;
}

std::optional<Dialect> dialect_from_extension(const fs::path &file) {
  const std::string extension = file.extension().string();
  if (extension == ".cu" || extension == ".cuh") return Dialect::cuda;
  if (extension == ".hip") return Dialect::hip;
  if (extension == ".mlu") return Dialect::bang;
  if (extension == ".cpp" || extension == ".cc" || extension == ".cxx") return Dialect::vnni;
  return std::nullopt;
}

const char *dialect_name(Dialect dialect) {
  switch (dialect) {
  case Dialect::cuda: return "cuda";
  case Dialect::hip: return "hip";
  case Dialect::bang: return "bang";
  case Dialect::vnni: return "vnni";
  }
  return "?";
}

namespace {

bool complete(const RuntimeLayout &layout) {
  std::error_code error;
  return fs::exists(layout.include_dir / "xir_cuda_prelude.h", error) && fs::exists(layout.gpu_library, error) &&
         fs::exists(layout.common_library, error);
}

RuntimeLayout installed_layout(const fs::path &prefix) {
  RuntimeLayout layout;
  const fs::path runtime = prefix / XIR_SIM_CC_INSTALL_DATADIR / "xir" / "runtime";
  layout.include_dir = runtime / "include";
  layout.bang_include_dir = runtime / "bang" / "include";
  layout.vnni_include_dir = runtime / "vnni" / "include";
  layout.gpu_library = prefix / XIR_SIM_CC_INSTALL_LIBDIR / "libxir_runtime_gpu.a";
  layout.common_library = prefix / XIR_SIM_CC_INSTALL_LIBDIR / "libxir_runtime_common.a";
  return layout;
}

} // namespace

std::optional<RuntimeLayout> locate_runtime(const fs::path &executable) {
  RuntimeLayout build;
  const fs::path source_runtime = XIR_SIM_CC_SOURCE_RUNTIME_DIR;
  build.include_dir = source_runtime / "include";
  build.bang_include_dir = source_runtime / "bang" / "include";
  build.vnni_include_dir = source_runtime / "vnni" / "include";
  build.gpu_library = XIR_SIM_CC_BUILD_GPU_LIBRARY;
  build.common_library = XIR_SIM_CC_BUILD_COMMON_LIBRARY;
  // XIR_SIM_CC_IGNORE_BUILD_TREE lets the install test prove the installed layout is enough.
  const char *ignore_build = std::getenv("XIR_SIM_CC_IGNORE_BUILD_TREE");
  if (!(ignore_build && *ignore_build == '1') && complete(build)) return build;
  std::error_code error;
  const fs::path resolved = fs::canonical(executable, error);
  if (!error) {
    RuntimeLayout relative = installed_layout(resolved.parent_path().parent_path());
    if (complete(relative)) return relative;
  }
  RuntimeLayout installed = installed_layout(XIR_SIM_CC_INSTALL_PREFIX);
  if (complete(installed)) return installed;
  return std::nullopt;
}

std::vector<std::string> compile_command(const RuntimeLayout &runtime, const CompileRequest &request) {
  const char *compiler = std::getenv("XIR_SIM_CC_CXX");
  std::vector<std::string> command{compiler && *compiler ? compiler : "g++"};
  const bool bang = request.dialect == Dialect::bang;
  const bool vnni = request.dialect == Dialect::vnni;
  command.push_back(bang || vnni ? "-std=gnu++20" : "-std=gnu++17");
  // -Wno-psabi: the 64-byte MFMA vector types trigger a note about an ABI change of GCC 4.6.
  // -fno-plt: kernels reach __shared__ (thread_local) storage through __tls_get_addr at every
  // barrier; calling it through the GOT saves the PLT jump.
  for (const char *flag : {"-O2", "-shared", "-fPIC", "-fno-plt", "-fno-strict-aliasing", "-Wno-psabi"})
    command.push_back(flag);
  switch (request.dialect) {
  case Dialect::cuda:
  case Dialect::hip:
    command.push_back("-I" + runtime.include_dir.string());
    command.push_back("-include");
    command.push_back((runtime.include_dir / (request.dialect == Dialect::cuda ? "xir_cuda_prelude.h" : "xir_hip_prelude.h")).string());
    break;
  case Dialect::bang:
    command.push_back("-I" + runtime.include_dir.string());
    command.push_back("-I" + runtime.bang_include_dir.string());
    command.push_back("-include");
    command.push_back((runtime.bang_include_dir / "xir_bang_prelude.hpp").string());
    break;
  case Dialect::vnni:
    command.push_back("-fopenmp");
    if (request.vnni_emulate) {
      command.push_back("-DXIR_VNNI_EMULATE");
      command.push_back("-I" + runtime.vnni_include_dir.string());
    } else {
      for (const char *flag : {"-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mavx512vnni", "-mavx512bf16"})
        command.push_back(flag);
    }
    break;
  }
#if XIR_SIM_CC_SANITIZE
  command.push_back("-fsanitize=address,undefined");
#endif
  for (const std::string &flag : request.extra_flags) command.push_back(flag);
  command.push_back("-x");
  command.push_back("c++");
  command.push_back(request.source.string());
  command.push_back("-x");
  command.push_back("none");
  if (request.dialect == Dialect::cuda || request.dialect == Dialect::hip) {
    command.push_back(runtime.gpu_library.string());
    command.push_back(runtime.common_library.string());
    command.push_back("-lboost_context");
    command.push_back("-ldl");
  }
  command.push_back("-pthread");
  command.push_back("-o");
  command.push_back(request.output.string());
  return command;
}

} // namespace xir::sim_cc
