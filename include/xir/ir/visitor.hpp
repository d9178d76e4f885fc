#pragma once
// IRVisitor: a read-only walk over expressions and statements. The default for every node visits
// its children (found by reflection); a subclass overrides only the nodes it cares about.

#include "xir/ir/kernel.hpp"

namespace xir {

class IRVisitor {
public:
  virtual ~IRVisitor() = default;

  /// Dispatches on the node kind; undefined handles are skipped.
  virtual void visit(const Expr& e);
  virtual void visit(const Stmt& s);
  /// Visits parameter shapes and the body.
  void visit(const Kernel& k);

#define XIR_DECLARE_VISIT_EXPR(N) virtual void visit(const N& node, const Expr& self);
  XIR_FOR_EACH_EXPR_NODE(XIR_DECLARE_VISIT_EXPR)
#undef XIR_DECLARE_VISIT_EXPR
#define XIR_DECLARE_VISIT_STMT(N) virtual void visit(const N& node, const Stmt& self);
  XIR_FOR_EACH_STMT_NODE(XIR_DECLARE_VISIT_STMT)
#undef XIR_DECLARE_VISIT_STMT

protected:
  /// Visits every Expr and Stmt reachable from the fields of `node`.
  template <class Node> void visit_children(const Node& node);
};

} // namespace xir
