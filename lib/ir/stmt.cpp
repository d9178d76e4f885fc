#include "xir/ir/stmt.hpp"

#include "xir/ir/error.hpp"

namespace xir {
namespace {

void check(bool condition, const std::string& what) {
  if (!condition) throw IRError(what);
}

void check_indices(const std::vector<Expr>& indices, const std::string& node) {
  check(!indices.empty(), node + ": needs at least one index");
  for (const Expr& i : indices)
    check(i.defined() && i.type().is_int(), node + ": every index must be an integer expression");
}

} // namespace

Buffer Buffer::make(std::string name, Type dtype, std::vector<Expr> shape, MemoryScope scope) {
  check(!name.empty(), "Buffer: empty name");
  check(dtype.is_scalar(), "Buffer " + name + ": element type must be scalar");
  check(!shape.empty(), "Buffer " + name + ": needs at least one dimension");
  for (const Expr& e : shape)
    check(e.defined() && e.type().is_int() && e.type().is_scalar(),
          "Buffer " + name + ": extents must be scalar integers");
  return Buffer{std::move(name), dtype, std::move(shape), scope};
}

Stmt Store::make(std::string buffer, std::vector<Expr> indices, Expr value) {
  check(!buffer.empty(), "Store: empty buffer name");
  check_indices(indices, "Store to " + buffer);
  check(value.defined(), "Store to " + buffer + ": undefined value");
  return make_stmt_node(Store{std::move(buffer), std::move(indices), std::move(value)});
}

Stmt Atomic::make(BinaryOp op, std::string buffer, std::vector<Expr> indices, Expr value) {
  check(!buffer.empty(), "Atomic: empty buffer name");
  check(op == BinaryOp::Add || op == BinaryOp::Sub || op == BinaryOp::Min || op == BinaryOp::Max ||
            op == BinaryOp::BitAnd || op == BinaryOp::BitOr || op == BinaryOp::BitXor,
        "Atomic on " + buffer + ": operator " + std::string(to_string(op)) + " is not atomic");
  check_indices(indices, "Atomic on " + buffer);
  check(value.defined() && value.type().is_scalar(), "Atomic on " + buffer + ": value must be a scalar");
  return make_stmt_node(Atomic{op, std::move(buffer), std::move(indices), std::move(value)});
}

Stmt For::make(std::string var, Expr min, Expr extent, ForKind kind, HardwareAxis axis, Stmt body) {
  check(!var.empty(), "For: empty variable name");
  check(min.defined() && extent.defined(), "For " + var + ": undefined bounds");
  check(min.type().is_int() && min.type().is_scalar() && extent.type() == min.type(),
        "For " + var + ": min and extent must be scalar integers of one type");
  check((kind == ForKind::Bound) == (axis != HardwareAxis::None),
        "For " + var + ": a loop is bound to a hardware axis exactly when its kind is `bound`");
  check(body.defined(), "For " + var + ": undefined body");
  return make_stmt_node(For{std::move(var), std::move(min), std::move(extent), kind, axis, std::move(body)});
}

Stmt For::make(std::string var, Expr min, Expr extent, ForKind kind, Stmt body) {
  return make(std::move(var), std::move(min), std::move(extent), kind, HardwareAxis::None, std::move(body));
}

Stmt IfThenElse::make(Expr condition, Stmt then_case, Stmt else_case) {
  check(condition.defined() && condition.type() == Type::boolean(), "IfThenElse: condition must be a scalar bool");
  check(then_case.defined(), "IfThenElse: undefined then-case");
  return make_stmt_node(IfThenElse{std::move(condition), std::move(then_case), std::move(else_case)});
}

Stmt LetStmt::make(std::string name, Expr value, Stmt body) {
  check(!name.empty(), "LetStmt: empty name");
  check(value.defined() && body.defined(), "LetStmt " + name + ": undefined value or body");
  return make_stmt_node(LetStmt{std::move(name), std::move(value), std::move(body)});
}

Stmt Block::make(std::vector<Stmt> stmts) {
  for (const Stmt& s : stmts) check(s.defined(), "Block: undefined statement");
  return make_stmt_node(Block{std::move(stmts)});
}

Stmt Allocate::make(Buffer buffer, Stmt body) {
  check(buffer.scope != MemoryScope::Global && buffer.scope != MemoryScope::Gdram,
        "Allocate " + buffer.name + ": device kernels do not allocate in " +
            std::string(to_string(buffer.scope)));
  check(body.defined(), "Allocate " + buffer.name + ": undefined body");
  return make_stmt_node(Allocate{std::move(buffer), std::move(body)});
}

Stmt Barrier::make(BarrierScope scope) { return make_stmt_node(Barrier{scope}); }

Stmt IntrinsicCall::make(std::string target, std::string name, std::vector<Expr> args) {
  check(!target.empty() && !name.empty(), "IntrinsicCall: empty target or name");
  for (const Expr& a : args) check(a.defined(), "IntrinsicCall " + name + ": undefined argument");
  return make_stmt_node(IntrinsicCall{std::move(target), std::move(name), std::move(args)});
}

} // namespace xir
