// The registry of every pass xir ships. A new pass adds one entry here.

#include "xir/transform/pass.hpp"
#include "xir/transform/simplify.hpp"

namespace xir {
namespace {

PassRegistry make_builtin_passes() {
  PassRegistry registry;
  registry.add({"simplify",
                "fold constants and apply algebraic identities (C semantics)",
                {{"max_iterations", "rounds to run until nothing changes, 1..64 (default 8)"}},
                [](const Kernel& kernel, const PassParameters& parameters) {
                  return simplify(kernel,
                                  integer_parameter(parameters, "max_iterations", 8, 1, 64));
                }});
  return registry;
}

} // namespace

const PassRegistry& builtin_passes() {
  static const PassRegistry registry = make_builtin_passes();
  return registry;
}

} // namespace xir
