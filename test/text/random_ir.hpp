#pragma once
// A seeded generator of random well-typed IR modules for property tests: every expression and
// statement node, every scalar kind with and without lanes, and every enumerator can appear.

#include <cstdint>
#include <memory>

#include "xir/ir/kernel.hpp"

namespace xir::testing {

struct RandomIROptions {
  int max_statement_depth = 3;
  int max_expression_depth = 3;
  int max_kernels = 2;
};

Module random_module(std::uint64_t seed, const RandomIROptions& options = {});

} // namespace xir::testing
