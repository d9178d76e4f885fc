// Test helper: builds a BANG C kernel file the way xir-sim-cc does (pre-pass, then g++ with the
// forced prelude) into a cached shared library, loads it, and runs calls in a child process
// when a test expects the launch to fail.
#pragma once

#include <dlfcn.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace xir::test {

class KernelLibrary {
public:
  // Builds (if out of date) and loads test/runtime_bang/kernels/<name>.mlu for `arch`.
  KernelLibrary(const std::string& name, int arch = 372);
  KernelLibrary(const KernelLibrary&) = delete;
  KernelLibrary& operator=(const KernelLibrary&) = delete;
  ~KernelLibrary();

  template <class Function> Function* entry(const char* symbol) const {
    void* address = dlsym(handle_, symbol);
    if (!address)
      throw std::runtime_error(std::string("missing entry point ") + symbol);
    return reinterpret_cast<Function*>(address);
  }

private:
  void* handle_ = nullptr;
};

struct ChildOutcome {
  int exit_code = -1; // -1 when killed by a signal or timed out
  std::string error_output;
};

// Runs `body` in a forked child with its stderr captured; the child is killed after `timeout_s`.
ChildOutcome run_in_child(const std::function<void()>& body, int timeout_s = 60);

} // namespace xir::test
