#include "interp_build.h"

#include <cstdlib>

namespace xir::sim_cc {
namespace fs = std::filesystem;
namespace {

bool complete(const InterpEngineLayout &layout) {
  std::error_code error;
  return fs::exists(layout.include_dir / "xir_interp" / "engine.h", error) && fs::exists(layout.library, error);
}

} // namespace

std::optional<InterpEngineLayout> locate_interp_engine(const fs::path &executable) {
  const InterpEngineLayout build{XIR_SIM_CC_INTERP_INCLUDE_DIR, XIR_SIM_CC_INTERP_ENGINE_LIBRARY};
  const char *ignore_build = std::getenv("XIR_SIM_CC_IGNORE_BUILD_TREE");
  if (!(ignore_build && *ignore_build == '1') && complete(build)) return build;
  std::error_code error;
  const fs::path prefix = fs::canonical(executable, error).parent_path().parent_path();
  if (error) return std::nullopt;
  const InterpEngineLayout installed{prefix / XIR_SIM_CC_INSTALL_DATADIR / "xir" / "runtime" / "interp" / "include",
                                     prefix / XIR_SIM_CC_INSTALL_LIBDIR / fs::path(XIR_SIM_CC_INTERP_ENGINE_LIBRARY).filename()};
  if (complete(installed)) return installed;
  return std::nullopt;
}

std::vector<std::string> interp_compile_command(const InterpEngineLayout &engine, const fs::path &shim,
                                                const fs::path &output, const std::vector<std::string> &extra_flags) {
  const char *compiler = std::getenv("XIR_SIM_CC_CXX");
  std::vector<std::string> command{compiler && *compiler ? compiler : "g++"};
  for (const char *flag : {"-std=c++17", "-O1", "-shared", "-fPIC"}) command.push_back(flag);
  command.push_back("-I" + engine.include_dir.string());
  command.insert(command.end(), extra_flags.begin(), extra_flags.end());
  command.push_back(shim.string());
  command.push_back(engine.library.string());
  command.push_back("-Wl,-rpath," + engine.library.parent_path().string());
  command.push_back("-o");
  command.push_back(output.string());
  return command;
}

} // namespace xir::sim_cc
