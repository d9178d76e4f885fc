#include <algorithm>

#include "xir/spec/spec.hpp"

namespace xir::spec {

const TensorDesc* Spec::find_input(std::string_view name) const {
  const auto found = std::find_if(inputs.begin(), inputs.end(),
                                  [&](const TensorDesc& t) { return t.name == name; });
  return found == inputs.end() ? nullptr : &*found;
}

const TensorDesc* Spec::find_output(std::string_view name) const {
  const auto found = std::find_if(outputs.begin(), outputs.end(),
                                  [&](const TensorDesc& t) { return t.name == name; });
  return found == outputs.end() ? nullptr : &*found;
}

const TensorDesc& Spec::input(std::string_view name) const {
  if (const TensorDesc* desc = find_input(name))
    return *desc;
  throw SpecError("error: family '" + family + "' needs an input named '" + std::string(name) +
                  "'");
}

bool Spec::is_in_place(const TensorDesc& output) const {
  return find_input(output.name) != nullptr;
}

std::int64_t Spec::int_param(const std::string& name, std::int64_t fallback) const {
  if (!params.contains(name))
    return fallback;
  const auto& value = params.at(name);
  if (!value.is_number_integer())
    throw SpecError("error: parameter '" + name + "' must be an integer");
  return value.get<std::int64_t>();
}

double Spec::real_param(const std::string& name, double fallback) const {
  if (!params.contains(name))
    return fallback;
  const auto& value = params.at(name);
  if (!value.is_number())
    throw SpecError("error: parameter '" + name + "' must be a number");
  return value.get<double>();
}

std::vector<std::int64_t> Spec::int_list_param(const std::string& name) const {
  std::vector<std::int64_t> values;
  if (!params.contains(name))
    return values;
  const auto& list = params.at(name);
  if (!list.is_array())
    throw SpecError("error: parameter '" + name + "' must be an array of integers");
  for (const auto& value : list) {
    if (!value.is_number_integer())
      throw SpecError("error: parameter '" + name + "' must be an array of integers");
    values.push_back(value.get<std::int64_t>());
  }
  return values;
}

} // namespace xir::spec
