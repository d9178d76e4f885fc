#include "substitute.hpp"

#include "xir/ir/mutator.hpp"
#include "xir/ir/visitor.hpp"

namespace xir::transform {
namespace {

class Substituter : public IRMutator {
public:
  Substituter(const std::string& name, const Expr& value) : name_(name), value_(value) {}

  using IRMutator::visit;
  Expr visit(const Var& node, const Expr& self) override {
    return node.name == name_ ? value_ : self;
  }

  Stmt visit(const For& node, const Stmt& self) override {
    if (node.var != name_)
      return IRMutator::visit(node, self);
    // The loop rebinds the name: only its bounds see the outer variable.
    Expr min = mutate(node.min), extent = mutate(node.extent);
    if (min.same_as(node.min) && extent.same_as(node.extent))
      return self;
    return make_stmt_node(For{node.var, min, extent, node.kind, node.axis, node.body});
  }

  Stmt visit(const LetStmt& node, const Stmt& self) override {
    if (node.name != name_)
      return IRMutator::visit(node, self);
    Expr value = mutate(node.value);
    if (value.same_as(node.value))
      return self;
    return make_stmt_node(LetStmt{node.name, value, node.body});
  }

private:
  const std::string& name_;
  const Expr& value_;
};

class UseFinder : public IRVisitor {
public:
  explicit UseFinder(const std::string& name) : name_(name) {}
  bool found = false;

  using IRVisitor::visit;
  void visit(const Var& node, const Expr&) override { found = found || node.name == name_; }
  void visit(const For& node, const Stmt& self) override {
    if (node.var != name_)
      return IRVisitor::visit(node, self);
    visit(node.min);
    visit(node.extent);
  }
  void visit(const LetStmt& node, const Stmt& self) override {
    if (node.name != name_)
      return IRVisitor::visit(node, self);
    visit(node.value);
  }

private:
  const std::string& name_;
};

} // namespace

Stmt substitute(const Stmt& stmt, const std::string& name, const Expr& value) {
  Substituter substituter(name, value);
  return substituter.mutate(stmt);
}

bool uses_var(const Stmt& stmt, const std::string& name) {
  UseFinder finder(name);
  finder.visit(stmt);
  return finder.found;
}

} // namespace xir::transform
