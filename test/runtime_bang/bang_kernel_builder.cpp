#include "bang_kernel_builder.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "xir/runtime/bang_prepass.hpp"

namespace fs = std::filesystem;

namespace xir::test {
namespace {

fs::file_time_type newest_runtime_header() {
  auto newest = fs::file_time_type::min();
  for (const auto& entry : fs::recursive_directory_iterator(XIR_BANG_RUNTIME_INCLUDE_DIR))
    if (entry.is_regular_file())
      newest = std::max(newest, entry.last_write_time());
  return newest;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path build_library(const std::string& name, int arch) {
  const fs::path source = fs::path(XIR_BANG_TEST_KERNEL_DIR) / (name + ".mlu");
  const fs::path build_dir = fs::path(XIR_BANG_TEST_BUILD_DIR) / "kernels";
  fs::create_directories(build_dir);
  const fs::path library = build_dir / (name + "-" + std::to_string(arch) + ".so");
  if (fs::exists(library) && fs::last_write_time(library) > fs::last_write_time(source) &&
      fs::last_write_time(library) > newest_runtime_header())
    return library;
  const std::string unique = std::to_string(getpid());
  const fs::path rewritten =
      build_dir / (name + "-" + std::to_string(arch) + "." + unique + ".cpp");
  {
    std::ofstream out(rewritten);
    out << "#line 1 \"" << source.string() << "\"\n"
        << xir::runtime::bang::rewrite_source(read_file(source));
  }
  const fs::path temporary = library.string() + "." + unique;
  const std::string command =
      "g++ -std=c++20 -O1 -shared -fPIC -Wall -Werror -I" XIR_RUNTIME_INCLUDE_DIR
      " -I" XIR_BANG_TEST_KERNEL_DIR " -include " XIR_BANG_RUNTIME_INCLUDE_DIR
      "/xir_bang_prelude.hpp -D__BANG_ARCH__=" +
      std::to_string(arch) + " -x c++ " + rewritten.string() + " -o " + temporary.string();
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("kernel build failed: " + command);
  fs::rename(temporary, library);
  fs::remove(rewritten);
  return library;
}

} // namespace

KernelLibrary::KernelLibrary(const std::string& name, int arch) {
  const fs::path library = build_library(name, arch);
  handle_ = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_)
    throw std::runtime_error(std::string("dlopen failed: ") + dlerror());
}

KernelLibrary::~KernelLibrary() {
  if (handle_)
    dlclose(handle_);
}

ChildOutcome run_in_child(const std::function<void()>& body, int timeout_s) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0)
    throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_ends[0]);
    dup2(pipe_ends[1], STDERR_FILENO);
    body();
    std::fflush(nullptr);
    _exit(0);
  }
  close(pipe_ends[1]);
  ChildOutcome outcome;
  std::atomic<bool> finished{false};
  std::thread killer([&finished, child, timeout_s] {
    for (int tenths = 0; tenths < timeout_s * 10; ++tenths) {
      if (finished)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!finished)
      kill(child, SIGKILL);
  });
  char buffer[4096];
  for (ssize_t got; (got = read(pipe_ends[0], buffer, sizeof buffer)) > 0;)
    outcome.error_output.append(buffer, got);
  close(pipe_ends[0]);
  finished = true;
  int status = 0;
  waitpid(child, &status, 0);
  killer.join();
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

} // namespace xir::test
