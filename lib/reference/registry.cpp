#include <map>
#include <memory>
#include <mutex>

#include "definitions.hpp"
#include "xir/reference/reference.hpp"
#include "xir/spec/families.hpp"

namespace xir::reference {
namespace {

using spec::FamilyKind;
using spec::HostTensor;

Halide::Func define_family(const Operands& in) {
  switch (spec::find_family(in.spec().family)->kind) {
  case FamilyKind::elementwise_binary:
  case FamilyKind::elementwise_unary:
    return define_elementwise(in);
  case FamilyKind::reduction:
  case FamilyKind::softmax:
    return define_reduction(in);
  case FamilyKind::linear_algebra:
    return define_linear_algebra(in);
  case FamilyKind::convolution:
    return define_convolution(in);
  case FamilyKind::normalization:
    return define_normalization(in);
  case FamilyKind::pooling:
    return define_pooling(in);
  case FamilyKind::data_movement:
    return define_data_movement(in);
  case FamilyKind::attention:
    return in.spec().family == "deformable" ? define_deformable(in) : define_attention(in);
  }
  return {};
}

// What a compiled pipeline depends on: everything but the extents, which stay dynamic.
std::string pipeline_key(const spec::Spec& spec) {
  std::string key = spec.family + "|";
  for (const auto* list : {&spec.inputs, &spec.outputs}) {
    for (const spec::TensorDesc& t : *list)
      key += t.name + ":" + std::string(spec::dtype_name(t.dtype)) + "/" +
             std::to_string(t.shape.size()) + ",";
    key += "|";
  }
  return key + spec.params.dump();
}

struct CompiledPipeline {
  std::vector<Halide::ImageParam> params;
  Halide::Pipeline pipeline;
};

std::unique_ptr<CompiledPipeline> build_pipeline(const spec::Spec& spec) {
  const Operands operands(spec);
  Halide::Func body = define_family(operands);
  const spec::TensorDesc& output = spec.outputs.front();
  const auto vars = make_vars(output.shape.size(), "o");
  Halide::Func result("result");
  result(vars) = Halide::cast(halide_type(output.dtype), body(vars));
  if (body.has_update_definition())
    body.compute_root();
  if (!vars.empty())
    result.parallel(vars.back()); // the outermost dimension
  auto compiled = std::make_unique<CompiledPipeline>();
  compiled->params = operands.params();
  compiled->pipeline = Halide::Pipeline(result);
  compiled->pipeline.compile_jit(Halide::get_jit_target_from_environment());
  return compiled;
}

Halide::Buffer<> wrap(const HostTensor& tensor) {
  std::vector<int> sizes;
  for (auto it = tensor.shape.rbegin(); it != tensor.shape.rend(); ++it)
    sizes.push_back(static_cast<int>(*it));
  return Halide::Buffer<>(halide_type(tensor.dtype), const_cast<std::byte*>(tensor.bytes.data()),
                          sizes);
}

std::mutex cache_mutex;
std::map<std::string, std::unique_ptr<CompiledPipeline>> pipeline_cache;

} // namespace

std::vector<HostTensor> compute(const spec::Spec& spec, const std::vector<HostTensor>& inputs) {
  if (inputs.size() != spec.inputs.size())
    throw std::invalid_argument("reference::compute: " + std::to_string(inputs.size()) +
                                " inputs for " + std::to_string(spec.inputs.size()) +
                                " in the spec");
  const std::lock_guard lock(cache_mutex);
  std::unique_ptr<CompiledPipeline>& compiled = pipeline_cache[pipeline_key(spec)];
  if (!compiled)
    compiled = build_pipeline(spec);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    compiled->params[i].set(wrap(inputs[i]));
  const spec::TensorDesc& output = spec.outputs.front();
  std::vector<HostTensor> outputs{HostTensor::zeros(output.dtype, output.shape)};
  Halide::Buffer<> result = wrap(outputs.front());
  try {
    compiled->pipeline.realize(result);
  } catch (const Halide::RuntimeError& error) {
    throw std::runtime_error(std::string("reference pipeline of '") + spec.family +
                             "' failed: " + error.what());
  }
  for (Halide::ImageParam& param : compiled->params)
    param.reset();
  return outputs;
}

std::size_t compiled_pipeline_count() {
  const std::lock_guard lock(cache_mutex);
  return pipeline_cache.size();
}

} // namespace xir::reference
