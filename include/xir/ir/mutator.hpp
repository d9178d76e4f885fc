#pragma once
// IRMutator: rebuilds expressions and statements bottom-up. The default for every node mutates
// its children (found by reflection) and rebuilds the node only when a child changed, so an
// unchanged subtree keeps its identity. A pass overrides the nodes it rewrites.

#include "xir/ir/kernel.hpp"

namespace xir {

class IRMutator {
public:
  virtual ~IRMutator() = default;

  virtual Expr mutate(const Expr& e);
  virtual Stmt mutate(const Stmt& s);
  /// Mutates parameter shapes and the body.
  Kernel mutate(const Kernel& k);

#define XIR_DECLARE_MUTATE_EXPR(N) virtual Expr visit(const N& node, const Expr& self);
  XIR_FOR_EACH_EXPR_NODE(XIR_DECLARE_MUTATE_EXPR)
#undef XIR_DECLARE_MUTATE_EXPR
#define XIR_DECLARE_MUTATE_STMT(N) virtual Stmt visit(const N& node, const Stmt& self);
  XIR_FOR_EACH_STMT_NODE(XIR_DECLARE_MUTATE_STMT)
#undef XIR_DECLARE_MUTATE_STMT

protected:
  /// Mutates every Expr/Stmt field of a copy of `node`; true if any changed.
  template <class Node> bool mutate_fields(Node& node);
};

} // namespace xir
