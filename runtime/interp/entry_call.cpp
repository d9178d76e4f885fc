#include "entry_call.hpp"

#include <cstring>
#include <map>
#include <vector>

#include "engine_error.hpp"
#include "mapped_extent.hpp"
#include "scalar_arguments.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/target/target.hpp"

namespace xir::interp_engine {
namespace {

// A host buffer's bytes as the interpreter sees them, and a snapshot to tell what it changed.
struct BoundBuffer {
  void* host = nullptr;
  std::vector<std::byte> before;
};

void copy_back_changes(const interp::HostBuffer& buffer, const BoundBuffer& bound) {
  const std::byte* after = buffer.data();
  auto* host = static_cast<std::byte*>(bound.host);
  for (std::size_t i = 0; i < bound.before.size(); ++i)
    if (after[i] != bound.before[i])
      host[i] = after[i];
}

} // namespace

void call_entry(const EntryPlan& plan, const std::string& target, const xir_interp_unit& unit,
                void** args) {
  const Kernel& kernel = *plan.kernel;
  std::map<std::string, interp::ScalarValue> scalars;
  std::vector<const Buffer*> buffer_params;
  std::vector<void*> pointers;
  for (std::size_t i = 0; i < plan.c_arguments; ++i) {
    if (const auto* s = std::get_if<ScalarParam>(&kernel.params[i])) {
      scalars[s->name] = read_scalar(s->type, args[i]);
    } else {
      buffer_params.push_back(&std::get<Buffer>(kernel.params[i]));
      void* pointer;
      std::memcpy(&pointer, args[i], sizeof pointer);
      pointers.push_back(pointer);
    }
  }
  if (plan.mapped_extents) {
    // Host pointers pass straight to the kernel, as on the CPU runtime: each buffer reaches to the
    // end of the memory mapping that holds it, so any access the interpreter allows is mapped.
    // The C ABI carries no sizes, so this is the tightest bound that refuses no access native code
    // could make; a stray write inside the mapping reaches the caller as it would natively (and
    // xir-verify's canary zones catch it), one past the mapping is an interpreter error.
    for (std::size_t b = 0; b < buffer_params.size(); ++b) {
      std::size_t bytes = 0;
      if (pointers[b]) {
        const auto mapped = mapped_bytes_from(pointers[b]);
        if (!mapped)
          throw EngineError("argument `" + buffer_params[b]->name + "` of `" + plan.symbol +
                            "` points to unmapped memory");
        bytes = *mapped;
      }
      const auto& extent = std::get<ScalarParam>(kernel.params[plan.c_arguments + b]);
      scalars[extent.name] = interp::ScalarValue::i64(static_cast<std::int64_t>(bytes / buffer_params[b]->dtype.bytes()));
    }
  }
  if (plan.device_launch) {
    const std::size_t geometry = kernel.params.size() - launch_geometry_params - (plan.dynamic_shared ? 1 : 0);
    for (std::size_t axis = 0; axis < 3; ++axis) {
      scalars[std::get<ScalarParam>(kernel.params[geometry + 2 * axis]).name] =
          interp::ScalarValue::from_int(ScalarKind::U32, unit.grid[axis]);
      scalars[std::get<ScalarParam>(kernel.params[geometry + 2 * axis + 1]).name] =
          interp::ScalarValue::from_int(ScalarKind::U32, unit.block[axis]);
    }
    if (plan.dynamic_shared)
      scalars[std::get<ScalarParam>(kernel.params.back()).name] =
          interp::ScalarValue::i64(static_cast<std::int64_t>(unit.shared_bytes));
  }
  std::map<std::string, interp::HostBuffer> buffers;
  std::map<std::string, BoundBuffer> bound;
  for (std::size_t b = 0; b < buffer_params.size(); ++b) {
    const Buffer& param = *buffer_params[b];
    interp::HostBuffer buffer(param.dtype, evaluate_shape(param, scalars));
    if (buffer.size_bytes() > 0 && !pointers[b])
      throw EngineError("argument `" + param.name + "` of `" + kernel.name + "` is a null pointer but holds " +
                        std::to_string(buffer.element_count()) + " elements");
    if (buffer.size_bytes() > 0)
      std::memcpy(buffer.data(), pointers[b], buffer.size_bytes());
    BoundBuffer& binding = bound[param.name];
    binding.host = pointers[b];
    binding.before.assign(buffer.data(), buffer.data() + buffer.size_bytes());
    buffers.emplace(param.name, std::move(buffer));
  }
  const interp::RunResult result = interp::run(kernel, target_by_name(target), buffers, scalars);
  if (!result)
    throw EngineError(result.error().message);
  for (const auto& [name, buffer] : buffers)
    copy_back_changes(buffer, bound.at(name));
}

} // namespace xir::interp_engine
