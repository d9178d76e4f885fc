#include "xir_interp/entry_plan.hpp"

namespace xir::interp_engine {
namespace {

bool is_dynamic_shared_param(const Param& param) {
  const auto* s = std::get_if<ScalarParam>(&param);
  return s && s->type == Type::i64() && s->name.rfind("dynamic_shared_bytes", 0) == 0;
}

// The frontend appends gridDim_<axis>/blockDim_<axis> (u32), and dynamic_shared_bytes (i64) when
// the kernel uses dynamic shared memory, to every device kernel it lifts alone.
bool is_lifted_device_kernel(const Kernel& kernel, bool dynamic_shared) {
  const std::size_t trailing = launch_geometry_params + (dynamic_shared ? 1 : 0);
  if (kernel.params.size() < trailing || (dynamic_shared && !is_dynamic_shared_param(kernel.params.back())))
    return false;
  const char* axes = "xyz";
  const std::size_t first = kernel.params.size() - trailing;
  for (std::size_t i = 0; i < launch_geometry_params; ++i) {
    const auto* s = std::get_if<ScalarParam>(&kernel.params[first + i]);
    const std::string prefix = std::string(i % 2 == 0 ? "gridDim_" : "blockDim_") + axes[i / 2];
    if (!s || s->type != Type::u32() || s->name.rfind(prefix, 0) != 0)
      return false;
  }
  return true;
}

// The BANG frontend appends taskDimX/Y/Z (u32) to every kernel it lifts alone.
bool is_lifted_bang_kernel(const Kernel& kernel) {
  if (kernel.params.size() < 3)
    return false;
  const char* axes = "XYZ";
  const std::size_t first = kernel.params.size() - 3;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto* s = std::get_if<ScalarParam>(&kernel.params[first + i]);
    if (!s || s->type != Type::u32() || s->name.rfind(std::string("taskDim") + axes[i], 0) != 0)
      return false;
  }
  return true;
}

std::size_t buffer_count(const Kernel& kernel, std::size_t leading_params) {
  std::size_t buffers = 0;
  for (std::size_t i = 0; i < leading_params; ++i)
    buffers += std::holds_alternative<Buffer>(kernel.params[i]);
  return buffers;
}

} // namespace

std::vector<EntryPlan> c_entries(const Module& module) {
  std::vector<EntryPlan> entries;
  for (const Kernel& kernel : module.kernels) {
    if (module.target == "vnni") {
      // Each pointer parameter's extent is one of the trailing parameters.
      const std::size_t buffers = buffer_count(kernel, kernel.params.size());
      entries.push_back({kernel.name, &kernel, kernel.params.size() - buffers, true, false});
    } else if (module.target == "bang" && is_lifted_bang_kernel(kernel)) {
      continue;
    } else if (const bool shared = is_lifted_device_kernel(kernel, true); shared || is_lifted_device_kernel(kernel, false)) {
      const std::size_t written = kernel.params.size() - launch_geometry_params - (shared ? 1 : 0);
      entries.push_back({kernel.name + "_launch", &kernel, written - buffer_count(kernel, written), true, true, shared});
    } else {
      entries.push_back({kernel.name, &kernel, kernel.params.size(), false, false});
    }
  }
  return entries;
}

std::optional<EntryPlan> find_entry(const Module& module, const std::string& symbol) {
  for (EntryPlan& entry : c_entries(module))
    if (entry.symbol == symbol) return entry;
  return std::nullopt;
}

} // namespace xir::interp_engine
