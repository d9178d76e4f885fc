#include "xir/ir/mutator.hpp"

#include <type_traits>

#include "xir/ir/reflect.hpp"

namespace xir {
namespace {

// Mutates one field value in place; true if it changed.
template <class T> bool mutate_field(IRMutator& m, T& value) {
  if constexpr (std::is_same_v<T, Expr> || std::is_same_v<T, Stmt>) {
    auto updated = m.mutate(value);
    bool changed = !updated.same_as(value);
    value = std::move(updated);
    return changed;
  } else if constexpr (requires { typename T::value_type; } && !std::is_same_v<T, std::string>) {
    bool changed = false;
    for (auto& x : value) changed |= mutate_field(m, x);
    return changed;
  } else if constexpr (is_reflected_v<T>) {
    bool changed = false;
    for_each_field_mut(value, [&](const char*, auto& field) { changed |= mutate_field(m, field); });
    return changed;
  } else {
    return false;
  }
}

} // namespace

template <class Node> bool IRMutator::mutate_fields(Node& node) {
  bool changed = false;
  for_each_field_mut(node, [&](const char*, auto& field) { changed |= mutate_field(*this, field); });
  return changed;
}

Expr IRMutator::mutate(const Expr& e) {
  if (!e.defined()) return e;
  return std::visit([&](const auto& node) { return visit(node, e); }, e.node().node);
}

Stmt IRMutator::mutate(const Stmt& s) {
  if (!s.defined()) return s;
  return std::visit([&](const auto& node) { return visit(node, s); }, s.node().node);
}

Kernel IRMutator::mutate(const Kernel& k) {
  Kernel result = k;
  for (Param& p : result.params)
    if (Buffer* b = std::get_if<Buffer>(&p)) mutate_field(*this, *b);
  result.body = mutate(k.body);
  return result;
}

// The default rebuilds a node whose children changed and keeps its type; passes that change
// types override the node and call its `make`.
#define XIR_DEFINE_MUTATE_EXPR(N)                                                                  \
  Expr IRMutator::visit(const N& node, const Expr& self) {                                         \
    N copy = node;                                                                                 \
    return mutate_fields(copy) ? make_expr_node(self.type(), std::move(copy)) : self;              \
  }
XIR_FOR_EACH_EXPR_NODE(XIR_DEFINE_MUTATE_EXPR)
#undef XIR_DEFINE_MUTATE_EXPR
#define XIR_DEFINE_MUTATE_STMT(N)                                                                  \
  Stmt IRMutator::visit(const N& node, const Stmt& self) {                                         \
    N copy = node;                                                                                 \
    return mutate_fields(copy) ? make_stmt_node(std::move(copy)) : self;                           \
  }
XIR_FOR_EACH_STMT_NODE(XIR_DEFINE_MUTATE_STMT)
#undef XIR_DEFINE_MUTATE_STMT

} // namespace xir
