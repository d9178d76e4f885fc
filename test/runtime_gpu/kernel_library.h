// Opens a kernel library built by xir-sim-cc (in the test's build folder) and looks up its C
// entry points.
#pragma once

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>

namespace xir::test {

class KernelLibrary {
public:
  explicit KernelLibrary(const std::string &name)
      // RTLD_NODELETE: an OpenMP kernel library leaves libgomp worker threads behind, which
      // must not see their code unmapped by dlclose.
      : handle_(dlopen((std::string(XIR_TEST_KERNEL_DIR) + "/" + name).c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE)) {
    if (!handle_) ADD_FAILURE() << "cannot open " << name << ": " << dlerror();
  }
  ~KernelLibrary() {
    if (handle_) dlclose(handle_);
  }
  KernelLibrary(const KernelLibrary &) = delete;
  KernelLibrary &operator=(const KernelLibrary &) = delete;

  template <class Function> Function *get(const char *symbol) const {
    void *address = handle_ ? dlsym(handle_, symbol) : nullptr;
    if (!address) ADD_FAILURE() << "missing entry point " << symbol;
    return reinterpret_cast<Function *>(address);
  }

  std::string diagnostics() const {
    auto *text = get<const char *()>("xir_gpu_runtime_diagnostics");
    return text ? text() : "";
  }

private:
  void *handle_;
};

} // namespace xir::test
