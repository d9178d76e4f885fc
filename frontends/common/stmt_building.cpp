#include "stmt_building.hpp"

#include "xir/ir/visitor.hpp"

namespace xir::frontend {

// Host error checks such as `if (err != cudaSuccess)` on calls lifted as success fold away.
Expr fold(Expr e) {
  const auto* bin = e.as<Binary>();
  if (!bin) return e;
  const std::int64_t* a = as_const_int(bin->a);
  const std::int64_t* b = as_const_int(bin->b);
  if (!a || !b) return e;
  switch (bin->op) {
  case BinaryOp::EQ: return make_bool(*a == *b);
  case BinaryOp::NE: return make_bool(*a != *b);
  case BinaryOp::LT: return make_bool(*a < *b);
  case BinaryOp::LE: return make_bool(*a <= *b);
  case BinaryOp::GT: return make_bool(*a > *b);
  case BinaryOp::GE: return make_bool(*a >= *b);
  case BinaryOp::And: return make_bool(*a && *b);
  case BinaryOp::Or: return make_bool(*a || *b);
  default: return e;
  }
}

Stmt sequence(std::vector<Stmt> stmts) {
  std::vector<Stmt> flat;
  for (Stmt& s : stmts) {
    if (!s.defined()) continue;
    if (const auto* block = s.as<Block>()) {
      flat.insert(flat.end(), block->stmts.begin(), block->stmts.end());
    } else {
      flat.push_back(std::move(s));
    }
  }
  if (flat.size() == 1) return flat.front();
  return Block::make(std::move(flat));
}

bool is_empty(const Stmt& s) {
  const auto* block = s.as<Block>();
  return block && block->stmts.empty();
}

bool reads_memory(const Expr& e) {
  struct FindLoad : IRVisitor {
    bool found = false;
    using IRVisitor::visit;
    void visit(const Load&, const Expr&) override { found = true; }
  } finder;
  finder.visit(e);
  return finder.found;
}

} // namespace xir::frontend
