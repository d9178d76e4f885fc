#include "xir_interp/entry_plan.hpp"

namespace xir::interp_engine {
namespace {

// The frontend appends gridDim_<axis>/blockDim_<axis> (u32) to every device kernel it lifts alone.
bool is_lifted_device_kernel(const Kernel& kernel) {
  if (kernel.params.size() < launch_geometry_params)
    return false;
  const char* axes = "xyz";
  const std::size_t first = kernel.params.size() - launch_geometry_params;
  for (std::size_t i = 0; i < launch_geometry_params; ++i) {
    const auto* s = std::get_if<ScalarParam>(&kernel.params[first + i]);
    const std::string prefix = std::string(i % 2 == 0 ? "gridDim_" : "blockDim_") + axes[i / 2];
    if (!s || s->type != Type::u32() || s->name.rfind(prefix, 0) != 0)
      return false;
  }
  return true;
}

} // namespace

std::vector<EntryPlan> c_entries(const Module& module) {
  std::vector<EntryPlan> entries;
  for (const Kernel& kernel : module.kernels) {
    if (!is_lifted_device_kernel(kernel)) {
      entries.push_back({kernel.name, &kernel, kernel.params.size(), false});
      continue;
    }
    std::size_t buffers = 0;
    for (std::size_t i = 0; i < kernel.params.size() - launch_geometry_params; ++i)
      buffers += std::holds_alternative<Buffer>(kernel.params[i]);
    entries.push_back({kernel.name + "_launch", &kernel, kernel.params.size() - launch_geometry_params - buffers, true});
  }
  return entries;
}

std::optional<EntryPlan> find_entry(const Module& module, const std::string& symbol) {
  for (EntryPlan& entry : c_entries(module))
    if (entry.symbol == symbol) return entry;
  return std::nullopt;
}

} // namespace xir::interp_engine
