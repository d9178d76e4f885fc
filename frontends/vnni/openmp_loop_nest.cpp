#include "openmp_loop_nest.hpp"

#include <set>

#include "xir/ir/visitor.hpp"

namespace xir::frontend {
namespace {

class UsesNames : public IRVisitor {
public:
  explicit UsesNames(const std::set<std::string>& names) : names_(names) {}
  bool found = false;
  using IRVisitor::visit;
  void visit(const Var& node, const Expr&) override { found = found || names_.count(node.name) > 0; }

private:
  const std::set<std::string>& names_;
};

bool uses(const Expr& e, const std::set<std::string>& names) {
  UsesNames finder(names);
  finder.visit(e);
  return finder.found;
}

Expr i64(Expr e) { return e.type() == Type::i64() ? e : Cast::make(Type::i64(), e); }

} // namespace

LoopNest read_loop_nest(FunctionLifter& lifter, const clang::Stmt* where, const Stmt& nest, int levels, ForKind kind) {
  LoopNest out;
  std::set<std::string> outer_names;
  Stmt body = nest;
  for (int l = 0; l < levels; ++l) {
    while (!body.as<For>()) {
      const auto* block = body.as<Block>();
      const auto* let = body.as<LetStmt>();
      if (block && block->stmts.size() == 1) {
        body = block->stmts.front();
      } else if (let && l > 0) {  // a loop variable computed from a counter (a loop with a step)
        out.levels.back().lets.emplace_back(let->name, let->value);
        outer_names.insert(let->name);
        body = let->body;
      } else {
        lifter.unsupported(where, "a collapsed OpenMP loop nest with statements between its loops");
      }
    }
    const For* f = body.as<For>();
    if (f->kind != kind) lifter.unsupported(where, "a collapsed OpenMP loop nest with statements between its loops");
    if (uses(f->min, outer_names) || uses(f->extent, outer_names))
      lifter.unsupported(where, "a collapsed OpenMP loop nest whose inner bounds depend on an outer loop");
    out.levels.push_back(LoopNest::Level{f->var, f->min, f->extent, {}});
    outer_names.insert(f->var);
    body = f->body;
  }
  out.body = body;
  return out;
}

Expr LoopNest::trip_count() const {
  Expr total;
  for (const Level& level : levels) {
    Expr extent = Binary::make(BinaryOp::Max, i64(level.extent), make_int(0, Type::i64()));
    total = total.defined() ? Binary::make(BinaryOp::Mul, total, extent) : extent;
  }
  return total;
}

Stmt LoopNest::body_at(const Expr& k) const {
  Stmt out = body;
  Expr stride;  // undefined: one
  for (std::size_t l = levels.size(); l-- > 0;) {
    const Level& level = levels[l];
    for (auto it = level.lets.rbegin(); it != level.lets.rend(); ++it) out = LetStmt::make(it->first, it->second, out);
    Expr digit = stride.defined() ? Binary::make(BinaryOp::Div, k, stride) : k;
    if (l > 0) digit = Binary::make(BinaryOp::Mod, digit, i64(level.extent));
    if (level.min.type() != Type::i64()) digit = Cast::make(level.min.type(), digit);
    out = LetStmt::make(level.var, Binary::make(BinaryOp::Add, level.min, digit), out);
    stride = stride.defined() ? Binary::make(BinaryOp::Mul, stride, i64(level.extent)) : i64(level.extent);
  }
  return out;
}

} // namespace xir::frontend
