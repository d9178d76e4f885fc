#pragma once
// Golden results of the 36 operator families (shared/OPS.md), computed by Halide definitions
// that are JIT-compiled once per (family, dtypes, ranks, parameters) and cached.
#include <cstdint>
#include <vector>

#include "xir/spec/host_tensor.hpp"
#include "xir/spec/spec.hpp"

namespace xir::reference {

// Seeded random inputs, one per spec input in spec order, with the value ranges of
// docs/test-case-spec.md (indices in range, small integers, var in [0.5, 1.5], ...).
// Plain C++: safe to call in a process that will fork.
std::vector<spec::HostTensor> make_inputs(const spec::Spec& spec, std::uint64_t seed);

// The golden outputs, one per spec output in spec order. `inputs` are in spec input order.
// The spec must be valid (validate_spec). Thread-safe.
std::vector<spec::HostTensor> compute(const spec::Spec& spec,
                                      const std::vector<spec::HostTensor>& inputs);

// Number of distinct pipelines JIT-compiled so far in this process (cache misses).
std::size_t compiled_pipeline_count();

} // namespace xir::reference
