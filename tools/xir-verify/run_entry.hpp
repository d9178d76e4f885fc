#pragma once
// Calls a library's C ABI entry point with a spec's arguments in a forked child, so that a
// crash, a hang or an out-of-bounds write is reported instead of taking xir-verify down.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "guarded_buffers.hpp"
#include "toolchain.hpp"
#include "xir/spec/spec.hpp"

namespace xir::verify {

struct RunOutcome {
  StageResult stage;
  // The tensors after the call, by name (inputs and outputs; an in-place one once).
  std::map<std::string, spec::HostTensor> tensors;
};

// `inputs` in spec input order. Outputs start filled with 0xff bytes so unwritten elements show.
RunOutcome run_entry(const std::string& library, const spec::Spec& spec,
                     const std::vector<spec::HostTensor>& inputs, double timeout_seconds);

} // namespace xir::verify
