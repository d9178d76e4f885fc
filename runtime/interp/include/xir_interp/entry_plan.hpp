#pragma once
// The C ABI entries of a lifted module, shared by xir-sim-cc (which writes them) and the engine
// (which runs them): a host entry under its own name, every CUDA/HIP device kernel K, lifted
// alone, as `K_launch` taking K's source parameters, and every VNNI function under its own name
// with its written parameters. A BANG kernel lifted alone has no entry (as in the runtime build).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "xir/ir/kernel.hpp"

namespace xir::interp_engine {

struct EntryPlan {
  std::string symbol;  // the C name
  const Kernel* kernel = nullptr;
  /// The kernel's leading parameters that are the entry's C arguments.
  std::size_t c_arguments = 0;
  /// After the C arguments come one i64 extent per buffer, which the C ABI does not carry: the
  /// engine supplies them from the memory mapping that holds each pointer.
  bool mapped_extents = false;
  /// A device kernel called as `<kernel>_launch`: after the extents come gridDim/blockDim per axis
  /// (x, y, z), as the frontend lifts device kernels.
  bool device_launch = false;
  /// The launch's dynamic shared memory bytes (i64) follow the geometry: the kernel uses
  /// `extern __shared__` memory.
  bool dynamic_shared = false;
};

inline constexpr std::size_t launch_geometry_params = 6;  // gridDim_x, blockDim_x, ..., blockDim_z

/// Every C entry of `module`, in kernel order.
std::vector<EntryPlan> c_entries(const Module& module);

/// The entry named `symbol`, or nullopt.
std::optional<EntryPlan> find_entry(const Module& module, const std::string& symbol);

} // namespace xir::interp_engine
