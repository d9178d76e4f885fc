#include "xir/spec/validate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "family_checker.hpp"
#include "xir/spec/families.hpp"
#include "xir/spec/host_tensor.hpp"

namespace xir::spec {

using namespace detail;

namespace {

void check_tensor_names(const Checker& check, const Spec& spec, const FamilyInfo& family) {
  std::vector<std::string_view> given_inputs, given_outputs;
  for (const TensorDesc& t : spec.inputs)
    given_inputs.push_back(t.name);
  for (const TensorDesc& t : spec.outputs)
    given_outputs.push_back(t.name);
  auto same_set = [](std::vector<std::string_view> a, std::vector<std::string_view> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  if (!same_set(given_inputs, family.inputs))
    check.fail("expects inputs (" + join(family.inputs) + "), got (" + join(given_inputs) + ")");
  if (!same_set(given_outputs, family.outputs))
    check.fail("expects outputs (" + join(family.outputs) + "), got (" + join(given_outputs) + ")");
}

void check_args(const Checker& check, const Spec& spec) {
  std::set<std::string> passed;
  for (std::size_t i = 0; i < spec.args.size(); ++i) {
    const Arg& arg = spec.args[i];
    if (arg.kind != Arg::Kind::buffer)
      continue;
    if (!spec.find_input(arg.buffer) && !spec.find_output(arg.buffer))
      check.fail("args[" + std::to_string(i) + "] passes '" + arg.buffer +
                 "', which is not a tensor of the spec");
    passed.insert(arg.buffer);
  }
  for (const auto* list : {&spec.inputs, &spec.outputs})
    for (const TensorDesc& t : *list)
      if (!passed.count(t.name))
        check.fail("tensor '" + t.name + "' is not passed to the entry point in 'args'");
}

} // namespace

void validate_spec(const Spec& spec, const std::string& origin) {
  const FamilyInfo* family = find_family(spec.family);
  if (!family)
    throw SpecError(origin + ": error: unknown family '" + spec.family + "' (see shared/OPS.md)");
  const Checker check(spec, origin);
  check_tensor_names(check, spec, *family);
  check_args(check, spec);
  switch (family->kind) {
  case FamilyKind::elementwise_binary:
  case FamilyKind::elementwise_unary:
    check_elementwise(check, spec);
    break;
  case FamilyKind::reduction:
  case FamilyKind::softmax:
    check_reduction(check, spec);
    break;
  case FamilyKind::linear_algebra:
    check_linear_algebra(check, spec);
    break;
  case FamilyKind::convolution:
    check_convolution(check, spec);
    break;
  case FamilyKind::normalization:
    check_normalization(check, spec);
    break;
  case FamilyKind::pooling:
    check_pooling(check, spec);
    break;
  case FamilyKind::data_movement:
    check_data_movement(check, spec);
    break;
  case FamilyKind::attention:
    if (spec.family == "deformable")
      check_deformable(check, spec);
    else
      check_attention(check, spec);
    break;
  }
}

ConvolutionParams convolution_params(const Spec& spec) {
  return {spec.int_param("stride", 1), spec.int_param("padding", 0)};
}

PoolParams pool_params(const Spec& spec) {
  const std::int64_t kernel = spec.int_param("kernel", 2);
  return {kernel, spec.int_param("stride", kernel)};
}

std::int64_t normalized_axis(const Spec& spec, std::int64_t rank, std::int64_t fallback) {
  const std::int64_t axis = spec.int_param("axis", fallback);
  return axis < 0 ? axis + rank : axis;
}

std::vector<std::int64_t> transpose_permutation(const Spec& spec, std::int64_t rank) {
  std::vector<std::int64_t> perm = spec.int_list_param("perm");
  if (!spec.params.contains("perm"))
    for (std::int64_t axis = rank - 1; axis >= 0; --axis)
      perm.push_back(axis);
  return perm;
}

double epsilon(const Spec& spec) {
  return spec.real_param("eps", 1e-5);
}

std::vector<std::array<std::int64_t, 2>> deformable_levels(const Spec& spec) {
  std::vector<std::array<std::int64_t, 2>> shapes;
  if (spec.params.contains("levels")) {
    const auto& list = spec.params.at("levels");
    if (!list.is_array())
      throw SpecError("must be an array of [H, W] pairs");
    for (const auto& pair : list) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() ||
          !pair[1].is_number_integer())
        throw SpecError("must be an array of [H, W] pairs");
      shapes.push_back({pair[0].get<std::int64_t>(), pair[1].get<std::int64_t>()});
    }
    return shapes;
  }
  // Default: split S as evenly as possible over the L levels; each level is the most square H x W.
  const TensorDesc* value = spec.find_input("value");
  const TensorDesc* levels_tensor = spec.find_input("shapes");
  if (!value || !levels_tensor || value->shape.size() != 4 || levels_tensor->shape.empty())
    return shapes;
  const std::int64_t positions = value->shape[1], levels = levels_tensor->shape[0];
  for (std::int64_t level = 0; level < levels; ++level) {
    const std::int64_t count = positions / levels + (level < positions % levels ? 1 : 0);
    std::int64_t height = 1;
    for (std::int64_t h = 1; h * h <= count; ++h)
      if (count % h == 0)
        height = h;
    shapes.push_back({height, count / height});
  }
  return shapes;
}

} // namespace xir::spec
