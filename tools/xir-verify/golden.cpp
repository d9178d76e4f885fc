#include "golden.hpp"

#include <unistd.h>

#include <climits>

#include "xir/reference/reference.hpp"

namespace xir::verify {
namespace {

// The spec fields that decide the golden values, and the identity of this binary (whose
// reference definitions produced them).
std::string golden_key(const spec::Spec& spec, const BuildCache& cache) {
  nlohmann::json relevant = spec::spec_to_json(spec);
  for (const char* unrelated : {"entry", "args", "tolerance", "launch"})
    relevant.erase(unrelated);
  char self[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  const std::string binary =
      length > 0 ? tool_identity(std::string(self, static_cast<std::size_t>(length))) : "";
  return cache.key(relevant.dump(), {"golden", binary});
}

} // namespace

std::vector<spec::HostTensor> golden_outputs(const spec::Spec& spec,
                                             const std::vector<spec::HostTensor>& inputs,
                                             const BuildCache& cache, bool& from_cache) {
  const std::string key = golden_key(spec, cache);
  std::vector<spec::HostTensor> outputs;
  for (const spec::TensorDesc& desc : spec.outputs)
    outputs.push_back(spec::HostTensor::zeros(desc.dtype, desc.shape));
  std::size_t total = 0;
  for (const spec::HostTensor& output : outputs)
    total += output.bytes.size();
  if (const auto bytes = cache.find_blob("golden", key); bytes && bytes->size() == total) {
    std::size_t offset = 0;
    for (spec::HostTensor& output : outputs) {
      std::copy_n(reinterpret_cast<const std::byte*>(bytes->data()) + offset, output.bytes.size(),
                  output.bytes.begin());
      offset += output.bytes.size();
    }
    from_cache = true;
    return outputs;
  }
  outputs = reference::compute(spec, inputs);
  std::string bytes;
  for (const spec::HostTensor& output : outputs)
    bytes.append(reinterpret_cast<const char*>(output.bytes.data()), output.bytes.size());
  cache.store_blob("golden", key, bytes);
  from_cache = false;
  return outputs;
}

} // namespace xir::verify
