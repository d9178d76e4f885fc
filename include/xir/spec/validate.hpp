#pragma once
// The one place where a spec is checked against its family's definition: tensor names, ranks,
// shape consistency, dtypes, parameters and the entry point's arguments.
#include "xir/spec/spec.hpp"

namespace xir::spec {

// Throws SpecError (message prefixed by `origin`) on the first violation.
void validate_spec(const Spec& spec, const std::string& origin);

// The family's parameter with its default filled in, after validation.
struct ConvolutionParams {
  std::int64_t stride = 1, padding = 0;
};
struct PoolParams {
  std::int64_t kernel = 2, stride = 2;
};
ConvolutionParams convolution_params(const Spec& spec);
PoolParams pool_params(const Spec& spec);
// Axis of sum/mean/max/min/softmax/concat normalized to [0, rank).
std::int64_t normalized_axis(const Spec& spec, std::int64_t rank, std::int64_t fallback);
// transpose's permutation (reversed axes by default).
std::vector<std::int64_t> transpose_permutation(const Spec& spec, std::int64_t rank);
double epsilon(const Spec& spec);
// deformable's per-level (H, W), from params.levels or split from S (see the spec doc).
std::vector<std::array<std::int64_t, 2>> deformable_levels(const Spec& spec);

} // namespace xir::spec
