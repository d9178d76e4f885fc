#pragma once
// Plain C++ loop implementations of the 36 families, written independently of the Halide
// definitions, in double precision; the result is rounded once into the output dtype.
#include <vector>

#include "xir/spec/host_tensor.hpp"
#include "xir/spec/spec.hpp"

namespace xir::reference::testing {

spec::HostTensor naive_compute(const spec::Spec& spec, const std::vector<spec::HostTensor>& inputs);

// Row-major strides of a shape.
std::vector<std::int64_t> strides_of(const std::vector<std::int64_t>& shape);

} // namespace xir::reference::testing
