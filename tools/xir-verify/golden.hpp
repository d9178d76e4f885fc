#pragma once
// Golden outputs of a spec, from the Halide reference or from the cache: they depend only on
// the family, the tensors, the parameters and the seed, so the corpus's four dialects of one
// case (and repeated runs) JIT-compile the reference once.
#include <vector>

#include "build_cache.hpp"
#include "xir/spec/host_tensor.hpp"
#include "xir/spec/spec.hpp"

namespace xir::verify {

std::vector<spec::HostTensor> golden_outputs(const spec::Spec& spec,
                                             const std::vector<spec::HostTensor>& inputs,
                                             const BuildCache& cache, bool& from_cache);

} // namespace xir::verify
