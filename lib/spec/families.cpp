#include "xir/spec/families.hpp"

#include <algorithm>

namespace xir::spec {
namespace {

using K = FamilyKind;

const std::vector<FamilyInfo>& family_table() {
  static const std::vector<FamilyInfo> table = {
      {"add", K::elementwise_binary, {"A", "B"}, {"C"}},
      {"sub", K::elementwise_binary, {"A", "B"}, {"C"}},
      {"sign", K::elementwise_unary, {"A"}, {"C"}},
      {"sin", K::elementwise_unary, {"A"}, {"C"}},
      {"relu", K::elementwise_unary, {"A"}, {"C"}},
      {"sigmoid", K::elementwise_unary, {"A"}, {"C"}},
      {"gelu", K::elementwise_unary, {"A"}, {"C"}},
      {"sum", K::reduction, {"A"}, {"C"}},
      {"mean", K::reduction, {"A"}, {"C"}},
      {"max", K::reduction, {"A"}, {"C"}},
      {"min", K::reduction, {"A"}, {"C"}},
      {"softmax", K::softmax, {"A"}, {"C"}},
      {"gemm", K::linear_algebra, {"A", "B"}, {"C"}},
      {"gemv", K::linear_algebra, {"A", "x"}, {"y"}},
      {"bmm", K::linear_algebra, {"A", "B"}, {"C"}},
      {"dense", K::linear_algebra, {"X", "W", "bias"}, {"Y"}},
      {"conv1d", K::convolution, {"x", "w"}, {"y"}},
      {"conv2d", K::convolution, {"X", "W"}, {"Y"}},
      {"conv2dnchw", K::convolution, {"X", "W"}, {"Y"}},
      {"depthwiseconv", K::convolution, {"X", "W"}, {"Y"}},
      {"batchnorm", K::normalization, {"X", "mean", "var", "gamma", "beta"}, {"Y"}},
      {"layernorm", K::normalization, {"X", "gamma", "beta"}, {"Y"}},
      {"rmsnorm", K::normalization, {"X", "gamma"}, {"Y"}},
      {"instancenorm", K::normalization, {"X", "gamma", "beta"}, {"Y"}},
      {"maxpool", K::pooling, {"X"}, {"Y"}},
      {"minpool", K::pooling, {"X"}, {"Y"}},
      {"avgpool", K::pooling, {"X"}, {"Y"}},
      {"sumpool", K::pooling, {"X"}, {"Y"}},
      {"transpose", K::data_movement, {"A"}, {"B"}},
      {"concat", K::data_movement, {"A", "B"}, {"C"}},
      {"gather", K::data_movement, {"A", "idx"}, {"C"}},
      {"scatter", K::data_movement, {"A", "idx", "U"}, {"A"}},
      {"mha", K::attention, {"Q", "K", "V"}, {"O"}},
      {"gqa", K::attention, {"Q", "K", "V"}, {"O"}},
      {"gatemlp", K::linear_algebra, {"X", "Wg", "Wu"}, {"Y"}},
      {"deformable", K::attention, {"value", "shapes", "starts", "loc", "attn"}, {"out"}},
  };
  return table;
}

} // namespace

std::span<const FamilyInfo> all_families() {
  return family_table();
}

const FamilyInfo* find_family(std::string_view name) {
  const auto& table = family_table();
  const auto found =
      std::find_if(table.begin(), table.end(), [&](const FamilyInfo& f) { return f.name == name; });
  return found == table.end() ? nullptr : &*found;
}

} // namespace xir::spec
