#pragma once
// The 36 operator families of OPS.md with their tensor names (docs/test-case-spec.md).
#include <span>
#include <string_view>
#include <vector>

namespace xir::spec {

enum class FamilyKind {
  elementwise_binary,
  elementwise_unary,
  reduction,
  softmax,
  linear_algebra,
  convolution,
  normalization,
  pooling,
  data_movement,
  attention,
};

struct FamilyInfo {
  std::string_view name;
  FamilyKind kind;
  std::vector<std::string_view> inputs;
  std::vector<std::string_view> outputs;
};

std::span<const FamilyInfo> all_families();
const FamilyInfo* find_family(std::string_view name);

} // namespace xir::spec
