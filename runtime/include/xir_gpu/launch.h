// Kernel launch: the pre-pass of xir-sim-cc rewrites `k<<<grid, block, shmem, stream>>>(args)` into
// `xir_launch(k, grid, block, shmem, stream)(args)`. Every block runs as a team of fibers, one per
// GPU thread; blocks are spread over host threads.
#pragma once

#include "xir_gpu/errors.h"
#include "xir_gpu/vector_types.h"

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace xir::runtime::gpu {

struct LaunchConfig {
  dim3 grid;
  dim3 block;
  std::size_t dynamic_shared_bytes = 0;
  const void *stream = nullptr;
  unsigned warp_size = 32;
  const void *kernel = nullptr; // for diagnostics and per-kernel attributes
};

using KernelBody = void (*)(void *context);

// Runs the kernel to completion (launches are synchronous on the CPU; errors surface like CUDA's:
// configuration errors at once, faults inside the kernel at the next synchronizing call).
Error launch_kernel(const LaunchConfig &config, KernelBody body, void *context);

// Pointer to the block's dynamic shared memory (`extern __shared__`).
void *dynamic_shared_memory();

template <class... Params> class KernelLauncher {
public:
  KernelLauncher(void (*kernel)(Params...), LaunchConfig config) : kernel_(kernel), config_(config) {}

  template <class... Args> void operator()(Args &&...args) const {
    static_assert(sizeof...(Args) == sizeof...(Params), "kernel launched with the wrong number of arguments");
    struct Packed {
      void (*kernel)(Params...);
      std::tuple<std::remove_cv_t<std::remove_reference_t<Params>>...> arguments;
    } packed{kernel_, {static_cast<std::remove_cv_t<std::remove_reference_t<Params>>>(std::forward<Args>(args))...}};
    LaunchConfig config = config_;
    config.kernel = reinterpret_cast<const void *>(kernel_);
    launch_kernel(
        config,
        [](void *context) {
          auto *self = static_cast<Packed *>(context);
          std::apply(self->kernel, self->arguments); // parameters are copies per thread, as on the GPU
        },
        &packed);
  }

private:
  void (*kernel_)(Params...);
  LaunchConfig config_;
};

} // namespace xir::runtime::gpu
