#include "xir/ir/kernel.hpp"

#include <set>

#include "xir/ir/error.hpp"
#include "xir/ir/reflect.hpp"
#include "xir/ir/visitor.hpp"

namespace xir {

const std::string& param_name(const Param& p) {
  return std::visit([](const auto& x) -> const std::string& { return x.name; }, p);
}

Kernel Kernel::make(std::string name, std::vector<Param> params, Stmt body) {
  if (name.empty()) throw IRError("Kernel: empty name");
  if (!body.defined()) throw IRError("Kernel " + name + ": undefined body");
  std::set<std::string> seen;
  for (const Param& p : params)
    if (!seen.insert(param_name(p)).second)
      throw IRError("Kernel " + name + ": parameter `" + param_name(p) + "` declared twice");
  return Kernel{std::move(name), std::move(params), std::move(body)};
}

namespace {

class LaunchConfigCollector : public IRVisitor {
public:
  std::map<HardwareAxis, Expr> extents;

  using IRVisitor::visit;
  void visit(const For& loop, const Stmt& self) override {
    if (loop.kind == ForKind::Bound) {
      auto [it, inserted] = extents.emplace(loop.axis, loop.extent);
      if (!inserted && !structurally_equal(it->second, loop.extent))
        throw IRError("axis " + std::string(to_string(loop.axis)) +
                      " is bound by loops of different extents");
    }
    IRVisitor::visit(loop, self);
  }
};

} // namespace

std::map<HardwareAxis, Expr> launch_config(const Kernel& kernel) {
  LaunchConfigCollector collector;
  collector.visit(kernel.body);
  return std::move(collector.extents);
}

} // namespace xir
