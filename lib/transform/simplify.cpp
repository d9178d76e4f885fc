#include "xir/transform/simplify.hpp"

#include "constant_fold.hpp"
#include "substitute.hpp"
#include "xir/ir/mutator.hpp"
#include "xir/ir/reflect.hpp"

namespace xir {
namespace {

using transform::constant_int;
using transform::make_constant;

bool is_constant(const Expr& e) {
  const Expr& scalar = e.as<Broadcast>() ? e.as<Broadcast>()->value : e;
  return scalar.as<IntImm>() || scalar.as<FloatImm>();
}

bool is_int_constant(const Expr& e, std::int64_t value) {
  std::optional<std::int64_t> v = constant_int(e);
  return v && *v == value && !e.type().is_float();
}

bool is_float_constant(const Expr& e, double value) {
  const Expr& scalar = e.as<Broadcast>() ? e.as<Broadcast>()->value : e;
  const FloatImm* imm = scalar.as<FloatImm>();
  return imm && imm->value == value;
}

bool is_one(const Expr& e) {
  return is_int_constant(e, 1) || is_float_constant(e, 1.0);
}

class Simplifier : public IRMutator {
public:
  using IRMutator::visit;

  Expr visit(const Binary& node, const Expr& self) override {
    Expr a = mutate(node.a), b = mutate(node.b);
    if (is_constant(a) && is_constant(b))
      if (std::optional<Expr> folded = transform::fold_binary(node.op, a, b))
        return *folded;
    if (std::optional<Expr> identity = apply_identity(node.op, a, b, self.type()))
      return *identity;
    if (a.same_as(node.a) && b.same_as(node.b))
      return self;
    return Binary::make(node.op, a, b);
  }

  Expr visit(const Unary& node, const Expr& self) override {
    Expr a = mutate(node.a);
    if (is_constant(a))
      if (std::optional<Expr> folded = transform::fold_unary(node.op, a))
        return *folded;
    // -(-x) and !!x; ~~x too.
    if (const Unary* inner = a.as<Unary>(); inner && inner->op == node.op)
      return inner->a;
    if (a.same_as(node.a))
      return self;
    return Unary::make(node.op, a);
  }

  Expr visit(const Cast& node, const Expr& self) override {
    Expr value = mutate(node.value);
    if (value.type() == self.type())
      return value;
    if (is_constant(value))
      if (std::optional<Expr> folded = transform::fold_cast(self.type(), value))
        return *folded;
    if (value.same_as(node.value))
      return self;
    return Cast::make(self.type(), value);
  }

  Expr visit(const Select& node, const Expr& self) override {
    Expr condition = mutate(node.condition);
    Expr true_value = mutate(node.true_value), false_value = mutate(node.false_value);
    if (std::optional<std::int64_t> c = constant_int(condition))
      return *c ? true_value : false_value;
    if (structurally_equal(true_value, false_value))
      return true_value;
    if (condition.same_as(node.condition) && true_value.same_as(node.true_value) &&
        false_value.same_as(node.false_value))
      return self;
    return Select::make(condition, true_value, false_value);
  }

  Stmt visit(const IfThenElse& node, const Stmt& self) override {
    Expr condition = mutate(node.condition);
    if (std::optional<std::int64_t> c = constant_int(condition)) {
      if (*c)
        return mutate(node.then_case);
      return node.else_case.defined() ? mutate(node.else_case) : Block::make({});
    }
    Stmt then_case = mutate(node.then_case), else_case = mutate(node.else_case);
    if (is_empty(then_case) && (!else_case.defined() || is_empty(else_case)))
      return Block::make({});
    if (else_case.defined() && is_empty(else_case))
      else_case = Stmt();
    if (condition.same_as(node.condition) && then_case.same_as(node.then_case) &&
        else_case.same_as(node.else_case))
      return self;
    return IfThenElse::make(condition, then_case, else_case);
  }

  Stmt visit(const For& node, const Stmt& self) override {
    Expr min = mutate(node.min), extent = mutate(node.extent);
    std::optional<std::int64_t> trips = constant_int(extent);
    if (trips && *trips <= 0)
      return Block::make({});
    if (trips && *trips == 1 && node.kind != ForKind::Bound)
      return mutate(LetStmt::make(node.var, min, node.body));
    Stmt body = mutate(node.body);
    if (min.same_as(node.min) && extent.same_as(node.extent) && body.same_as(node.body))
      return self;
    return For::make(node.var, min, extent, node.kind, node.axis, body);
  }

  Stmt visit(const LetStmt& node, const Stmt& self) override {
    Expr value = mutate(node.value);
    if (value.as<IntImm>() || value.as<FloatImm>())
      return mutate(transform::substitute(node.body, node.name, value));
    Stmt body = mutate(node.body);
    if (!transform::uses_var(body, node.name))
      return body;
    if (value.same_as(node.value) && body.same_as(node.body))
      return self;
    return LetStmt::make(node.name, value, body);
  }

  Stmt visit(const Block& node, const Stmt& self) override {
    std::vector<Stmt> flat;
    bool changed = false;
    for (const Stmt& s : node.stmts) {
      Stmt simplified = mutate(s);
      changed = changed || !simplified.same_as(s);
      if (const Block* inner = simplified.as<Block>()) {
        flat.insert(flat.end(), inner->stmts.begin(), inner->stmts.end());
        changed = true;
      } else {
        flat.push_back(simplified);
      }
    }
    if (flat.size() == 1)
      return flat.front();
    if (!changed)
      return self;
    return Block::make(std::move(flat));
  }

private:
  static bool is_empty(const Stmt& s) {
    const Block* block = s.as<Block>();
    return block && block->stmts.empty();
  }

  static std::optional<Expr> apply_identity(BinaryOp op, const Expr& a, const Expr& b, Type type) {
    const bool integer = type.is_int();
    switch (op) {
    case BinaryOp::Add:
      if (integer && is_int_constant(b, 0))
        return a;
      if (integer && is_int_constant(a, 0))
        return b;
      break;
    case BinaryOp::Sub:
      if (integer && is_int_constant(b, 0))
        return a;
      if (type.is_float() && is_float_constant(b, 0.0))
        return a; // x - (+/-0.0) is x, even for -0.0
      if (integer && structurally_equal(a, b))
        return make_constant(type, 0);
      break;
    case BinaryOp::Mul:
      if (is_one(b))
        return a;
      if (is_one(a))
        return b;
      if (integer && (is_int_constant(a, 0) || is_int_constant(b, 0)))
        return make_constant(type, 0);
      break;
    case BinaryOp::Div:
      if (is_one(b))
        return a;
      break;
    case BinaryOp::Mod:
      if (integer && is_int_constant(b, 1))
        return make_constant(type, 0);
      break;
    case BinaryOp::Min:
    case BinaryOp::Max:
      if (structurally_equal(a, b))
        return a;
      break;
    case BinaryOp::And:
      if (std::optional<std::int64_t> c = constant_int(a))
        return *c ? b : a;
      if (std::optional<std::int64_t> c = constant_int(b))
        return *c ? a : b;
      break;
    case BinaryOp::Or:
      if (std::optional<std::int64_t> c = constant_int(a))
        return *c ? a : b;
      if (std::optional<std::int64_t> c = constant_int(b))
        return *c ? b : a;
      break;
    default:
      break;
    }
    return std::nullopt;
  }
};

} // namespace

Expr simplify(const Expr& expr) {
  Simplifier simplifier;
  return simplifier.mutate(expr);
}

Stmt simplify(const Stmt& stmt, int max_iterations) {
  Stmt current = stmt;
  for (int i = 0; i < max_iterations; ++i) {
    Simplifier simplifier;
    Stmt next = simplifier.mutate(current);
    if (next.same_as(current) || structurally_equal(next, current))
      return next;
    current = next;
  }
  return current;
}

Kernel simplify(const Kernel& kernel, int max_iterations) {
  Kernel current = kernel;
  for (int i = 0; i < max_iterations; ++i) {
    Simplifier simplifier;
    Kernel next = simplifier.mutate(current);
    if (structurally_equal(next, current))
      return next;
    current = next;
  }
  return current;
}

} // namespace xir
