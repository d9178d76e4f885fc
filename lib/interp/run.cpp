#include "describe.hpp"
#include "machine.hpp"

namespace xir::interp {
namespace detail {

void Machine::run(std::map<std::string, HostBuffer>& buffers,
                  const std::map<std::string, ScalarValue>& scalars) {
  const int root_id = new_context(-1, -1, 0, 0);
  auto root = std::make_unique<Thread>();
  root->id = root_id;
  const std::string in_kernel = " of kernel `" + kernel_.name + "`";
  for (const Param& p : kernel_.params) {
    const ScalarParam* s = std::get_if<ScalarParam>(&p);
    if (!s)
      continue;
    auto it = scalars.find(s->name);
    if (it == scalars.end())
      throw Failure{"scalar parameter `" + s->name + "`" + in_kernel + " has no value"};
    const ScalarValue& v = it->second;
    Lane lane = convert_lane(v.kind, s->type.kind, Lane{v.integer, v.real});
    root->vars.push_back({s->name, Value{s->type, {lane}}});
  }
  for (const Param& p : kernel_.params) {
    const Buffer* b = std::get_if<Buffer>(&p);
    if (!b)
      continue;
    auto it = buffers.find(b->name);
    if (it == buffers.end())
      throw Failure{"buffer parameter `" + b->name + "`" + in_kernel + " has no host buffer"};
    HostBuffer& host = it->second;
    if (host.dtype() != b->dtype)
      throw Failure{"host buffer `" + b->name + "` holds " + to_string(host.dtype()) +
                    ", the parameter is " + to_string(b->dtype)};
    std::vector<std::int64_t> shape;
    for (const Expr& e : b->shape)
      shape.push_back(eval_int(e, *root));
    if (shape != host.shape())
      throw Failure{"host buffer `" + b->name + "` has a different shape than the parameter" +
                    in_kernel};
    auto allocation = std::make_shared<Allocation>();
    allocation->buffer = *b;
    allocation->is_parameter = true;
    allocation->shape = shape;
    auto storage = std::make_unique<Storage>();
    storage->name = b->name;
    storage->dtype = b->dtype;
    storage->scope = b->scope;
    storage->shape = shape;
    storage->data = host.data();
    if (options_.detect_races)
      storage->shadow.resize(static_cast<std::size_t>(host.element_count()));
    allocation->instances.emplace(SharingKey{-1, 0}, std::move(storage));
    root->buffers.push_back({b->name, std::move(allocation)});
  }
  Frame body;
  body.stmt = kernel_.body;
  root->frames.push_back(std::move(body));
  threads_.emplace(root_id, std::move(root));
  runnable_.push_back(root_id);
  schedule();
}

} // namespace detail

RunResult run(const Kernel& kernel, const Target& target,
              std::map<std::string, HostBuffer>& buffers,
              const std::map<std::string, ScalarValue>& scalars, const RunOptions& options) {
  try {
    detail::Machine machine(kernel, target, options);
    machine.run(buffers, scalars);
    return {};
  } catch (const detail::Failure& f) {
    return InterpError{f.message};
  } catch (const IRError& e) {
    return InterpError{e.what()};
  } catch (const std::bad_alloc&) {
    return InterpError{"out of host memory while interpreting kernel `" + kernel.name + "`"};
  }
}

} // namespace xir::interp
