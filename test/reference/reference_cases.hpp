#pragma once
// The shapes, dtypes and parameters on which each family's Halide definition is cross-checked:
// three or more shapes per dtype, including sizes that are not multiples of 8 or 16.
#include <string>
#include <vector>

#include "xir/spec/spec.hpp"

namespace xir::reference::testing {

std::vector<spec::Spec> reference_cases(const std::string& family);

} // namespace xir::reference::testing
