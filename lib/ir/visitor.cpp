#include "xir/ir/visitor.hpp"

#include <type_traits>

#include "xir/ir/reflect.hpp"

namespace xir {
namespace {

// Visits one field value: handles directly, containers and reflected structs (Buffer) recursively.
template <class T> void visit_field(IRVisitor& v, const T& value) {
  if constexpr (std::is_same_v<T, Expr> || std::is_same_v<T, Stmt>) {
    v.visit(value);
  } else if constexpr (requires { typename T::value_type; } && !std::is_same_v<T, std::string>) {
    for (const auto& x : value) visit_field(v, x);
  } else if constexpr (is_reflected_v<T>) {
    for_each_field(value, [&](const char*, const auto& field) { visit_field(v, field); });
  }
}

} // namespace

template <class Node> void IRVisitor::visit_children(const Node& node) {
  for_each_field(node, [&](const char*, const auto& field) { visit_field(*this, field); });
}

void IRVisitor::visit(const Expr& e) {
  if (!e.defined()) return;
  std::visit([&](const auto& node) { visit(node, e); }, e.node().node);
}

void IRVisitor::visit(const Stmt& s) {
  if (!s.defined()) return;
  std::visit([&](const auto& node) { visit(node, s); }, s.node().node);
}

void IRVisitor::visit(const Kernel& k) {
  for (const Param& p : k.params)
    if (const Buffer* b = std::get_if<Buffer>(&p)) visit_field(*this, *b);
  visit(k.body);
}

#define XIR_DEFINE_VISIT_EXPR(N)                                                                   \
  void IRVisitor::visit(const N& node, const Expr&) { visit_children(node); }
XIR_FOR_EACH_EXPR_NODE(XIR_DEFINE_VISIT_EXPR)
#undef XIR_DEFINE_VISIT_EXPR
#define XIR_DEFINE_VISIT_STMT(N)                                                                   \
  void IRVisitor::visit(const N& node, const Stmt&) { visit_children(node); }
XIR_FOR_EACH_STMT_NODE(XIR_DEFINE_VISIT_STMT)
#undef XIR_DEFINE_VISIT_STMT

} // namespace xir
