#include "openmp_private_copies.hpp"

#include <functional>

#include "xir/ir/visitor.hpp"

namespace xir::frontend {
namespace {

// One loop of the (collapsed) nest, and the let bindings between it and the next loop.
struct Level {
  std::string var;
  Expr min, extent;
  std::vector<std::pair<std::string, Expr>> lets;
};

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
Expr binary(BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); }

} // namespace

PrivateCopies::PrivateCopies(FunctionLifter& lifter, const clang::Stmt* directive, std::vector<DataSharingVar> vars)
    : lifter_(lifter), directive_(directive) {
  for (const DataSharingVar& v : vars) copies_.push_back(make_copy(v));
}

PrivateCopies::Copy PrivateCopies::make_copy(const DataSharingVar& v) {
  const Binding* binding = lifter_.binding_of(v.var);
  if (!binding)
    lifter_.unsupported(v.reference, v.var->hasGlobalStorage() ? "a global variable in an OpenMP data-sharing clause"
                                                                : "this variable in an OpenMP data-sharing clause");
  Copy copy{v, *binding, std::nullopt, {}, {}, {}, {}, {}, {}, Type()};
  const std::string base = v.var->getNameAsString();
  if (v.reduction && (v.section || std::get_if<ArrayBinding>(binding))) {
    make_array_reduction(v, copy);
    return copy;
  }
  if (v.reduction) {
    const auto* m = std::get_if<MutableBinding>(binding);
    const auto* value = std::get_if<ValueBinding>(binding);
    const Type type = m ? m->type : value ? value->value.type() : Type::f32();
    if ((!m && !value) || type.is_vector())
      lifter_.unsupported(v.reference, "a reduction over a variable that is not a scalar");
    if (type.is_bool() && (*v.reduction == BinaryOp::Add || *v.reduction == BinaryOp::Mul))
      lifter_.unsupported(v.reference, "an arithmetic reduction over a bool");
  }
  if (const auto* m = std::get_if<MutableBinding>(binding)) {
    const std::string name = lifter_.fresh_name(base + "_private");
    copy.storage = value_slot(name, m->type);
    lifter_.bind(v.var, MutableBinding{name, m->type});
    if (v.copy_in) copy.snapshot = lifter_.fresh_name(base + "_initial");
    if (v.reduction) copy.partial = lifter_.fresh_name(base + "_partial");
    if (v.copy_out) copy.last = lifter_.fresh_name(base + "_last");
  } else if (const auto* a = std::get_if<ArrayBinding>(binding)) {
    if (v.copy_in || v.copy_out)
      lifter_.unsupported(v.reference, "an array in an OpenMP `firstprivate` or `lastprivate` clause");
    const std::string name = lifter_.fresh_name(base + "_private");
    std::vector<Expr> storage_dims = a->dims;
    if (a->element.is_vector()) storage_dims.push_back(make_int(a->element.lanes));
    copy.storage = Buffer::make(name, a->element.element_of(), storage_dims, MemoryScope::Local);
    lifter_.bind(v.var, ArrayBinding{name, a->element, a->dims});
  } else if (const auto* value = std::get_if<ValueBinding>(binding)) {
    // Never assigned in the function: a copy reads like the original, but a reduction's starts
    // from the identity.
    if (v.reduction) lifter_.bind(v.var, ValueBinding{reduction_identity(*v.reduction, value->value.type())});
  } else if (!std::get_if<PointerBinding>(binding)) {
    // Pointers are re-based only outside loops, so a copy of one is the original.
    lifter_.unsupported(v.reference, "a struct in an OpenMP data-sharing clause");
  }
  return copy;
}

void PrivateCopies::make_array_reduction(const DataSharingVar& v, Copy& copy) {
  const std::string base = v.var->getNameAsString();
  Expr first = make_int(0, Type::i64()), length;
  if (const auto* a = std::get_if<ArrayBinding>(&copy.original)) {
    if (a->dims.size() != 1 || a->element.is_vector())
      lifter_.unsupported(v.reference, "a reduction over a multi-dimensional array");
    copy.target = a->buffer;
    copy.element = a->element;
    length = i64(a->dims[0]);
  } else if (const auto* p = std::get_if<PointerBinding>(&copy.original); p && p->lanes == 1) {
    copy.target = p->buffer;
    copy.element = p->element;
    first = i64(p->offset);
  } else {
    lifter_.unsupported(v.reference, "a reduction over an array section of this variable");
  }
  if (v.section) {
    if (const clang::Expr* lower = v.section->getLowerBound())
      first = binary(BinaryOp::Add, first, lifter_.lift_expr_as(lower, Type::i64()));
    if (const clang::Expr* count = v.section->getLength()) length = lifter_.lift_expr_as(count, Type::i64());
    if (!length.defined()) lifter_.unsupported(v.reference, "an array section without a length");
  }
  if (copy.element.is_bool() && (*v.reduction == BinaryOp::Add || *v.reduction == BinaryOp::Mul))
    lifter_.unsupported(v.reference, "an arithmetic reduction over a bool");
  copy.first = lifter_.fresh_name(base + "_first");
  copy.length = lifter_.fresh_name(base + "_length");
  array_lets_.emplace_back(copy.first, first);
  array_lets_.emplace_back(copy.length, length);
  const std::string name = lifter_.fresh_name(base + "_private");
  const Expr count = Var::make(Type::i64(), copy.length);
  copy.storage = Buffer::make(name, copy.element, {count}, MemoryScope::Local);
  copy.partial = lifter_.fresh_name(base + "_partial");
  // The body indexes the elements as before: the copy holds element first + e at e.
  if (std::get_if<ArrayBinding>(&copy.original) && !v.section)
    lifter_.bind(v.var, ArrayBinding{name, copy.element, {count}});
  else
    lifter_.bind(v.var, PointerBinding{name, copy.element,
                                       binary(BinaryOp::Sub, make_int(0, Type::i64()), Var::make(Type::i64(), copy.first))});
}

Stmt PrivateCopies::finish(Stmt nest, int levels, ForKind kind, std::set<std::string>& shared_slots) {
  for (const Copy& c : copies_) {
    lifter_.bind(c.clause.var, c.original);
    const auto* value = std::get_if<ValueBinding>(&c.original);
    if (value && c.clause.reduction) {
      const Expr identity = reduction_identity(*c.clause.reduction, value->value.type());
      lifter_.bind(c.clause.var, ValueBinding{reduction_combine(*c.clause.reduction, value->value, identity)});
    }
  }

  // The nest's loops, outermost first, and the body of its innermost loop.
  std::vector<Level> nest_levels;
  std::set<std::string> outer_names;
  Stmt body = nest;
  for (int l = 0; l < levels; ++l) {
    while (!body.as<For>()) {
      const auto* block = body.as<Block>();
      const auto* let = body.as<LetStmt>();
      if (block && block->stmts.size() == 1) {
        body = block->stmts.front();
      } else if (let && l > 0) {
        nest_levels.back().lets.emplace_back(let->name, let->value);
        outer_names.insert(let->name);
        body = let->body;
      } else {
        lifter_.unsupported(directive_, "a collapsed OpenMP loop nest with statements between its loops");
      }
    }
    const For* f = body.as<For>();
    if (f->kind != kind) lifter_.unsupported(directive_, "a collapsed OpenMP loop nest with statements between its loops");
    if (uses(f->min, outer_names) || uses(f->extent, outer_names))
      lifter_.unsupported(directive_, "a collapsed OpenMP loop nest whose inner bounds depend on an outer loop");
    nest_levels.push_back(Level{f->var, f->min, f->extent, {}});
    outer_names.insert(f->var);
    body = f->body;
  }

  const int team = kind == ForKind::Parallel ? team_size : 1;
  const Expr zero = make_int(0, Type::i64());
  Expr total_value;
  for (const Level& level : nest_levels) {
    Expr extent = binary(BinaryOp::Max, i64(level.extent), zero);
    total_value = total_value.defined() ? binary(BinaryOp::Mul, total_value, extent) : extent;
  }
  const std::string total_name = lifter_.fresh_name("omp_iterations");
  const std::string size_name = lifter_.fresh_name("omp_chunk_size");
  const std::string chunk_name = lifter_.fresh_name("omp_chunk");
  const std::string iteration_name = lifter_.fresh_name("omp_iteration");
  const std::string lo_name = lifter_.fresh_name("omp_chunk_begin");
  const std::string hi_name = lifter_.fresh_name("omp_chunk_end");
  const Expr total = Var::make(Type::i64(), total_name);
  const Expr size = Var::make(Type::i64(), size_name);
  const Expr chunk = Var::make(Type::i64(), chunk_name);
  const Expr lo = Var::make(Type::i64(), lo_name), hi = Var::make(Type::i64(), hi_name);
  const Expr iteration = Var::make(Type::i64(), iteration_name);

  // Iteration k of the nest: each loop variable from k's row-major digits, innermost fastest.
  Stmt iteration_body = body;
  Expr stride;  // undefined: one
  for (int l = levels - 1; l >= 0; --l) {
    const Level& level = nest_levels[static_cast<std::size_t>(l)];
    for (auto it = level.lets.rbegin(); it != level.lets.rend(); ++it)
      iteration_body = LetStmt::make(it->first, it->second, iteration_body);
    Expr digit = stride.defined() ? binary(BinaryOp::Div, iteration, stride) : iteration;
    if (l > 0) digit = binary(BinaryOp::Mod, digit, i64(level.extent));
    Expr digit_typed = level.min.type() == Type::i64() ? digit : Cast::make(level.min.type(), digit);
    iteration_body = LetStmt::make(level.var, binary(BinaryOp::Add, level.min, digit_typed), iteration_body);
    stride = stride.defined() ? binary(BinaryOp::Mul, stride, i64(level.extent)) : i64(level.extent);
  }
  Stmt serial = For::make(iteration_name, lo, binary(BinaryOp::Max, binary(BinaryOp::Sub, hi, lo), zero),
                          ForKind::Serial, iteration_body);

  std::vector<Stmt> chunk_stmts, after;
  std::vector<Buffer> private_storage, host_slots;
  std::vector<std::pair<std::string, Expr>> snapshots;
  const Expr ran_last = binary(BinaryOp::And, binary(BinaryOp::LT, lo, hi), binary(BinaryOp::EQ, hi, total));
  const auto over_elements = [&](const Copy& c, const std::function<Stmt(Expr)>& body) {
    const std::string e = lifter_.fresh_name("omp_element");
    return For::make(e, zero, Var::make(Type::i64(), c.length), ForKind::Serial, body(Var::make(Type::i64(), e)));
  };
  for (const Copy& c : copies_) {
    if (!c.storage) continue;
    private_storage.push_back(*c.storage);
    if (!c.target.empty()) {  // an array reduction
      const BinaryOp op = *c.clause.reduction;
      const std::string& copy = c.storage->name;
      chunk_stmts.push_back(
          over_elements(c, [&](Expr e) { return Store::make(copy, {e}, reduction_identity(op, c.element)); }));
      host_slots.push_back(Buffer::make(c.partial, c.element, {make_int(team, Type::i64()), Var::make(Type::i64(), c.length)},
                                        MemoryScope::Host));
      const std::string each = lifter_.fresh_name(chunk_name);
      const Expr which = Var::make(Type::i64(), each);
      after.push_back(For::make(each, zero, make_int(team, Type::i64()), ForKind::Serial, over_elements(c, [&](Expr e) {
        const Expr at = binary(BinaryOp::Add, Var::make(Type::i64(), c.first), e);
        const Expr combined = reduction_combine(op, Load::make(c.element, c.target, {at}),
                                                Load::make(c.element, c.partial, {which, e}));
        return Store::make(c.target, {at}, combined);
      })));
      continue;
    }
    const auto* original = std::get_if<MutableBinding>(&c.original);
    if (!original) continue;  // an array: its copy starts uninitialized and is dropped
    const Type type = original->type;
    const Expr index = slot_index(type);
    const Expr original_value = Load::make(type, original->buffer, {index});
    if (c.clause.copy_in) {
      snapshots.emplace_back(c.snapshot, original_value);
      chunk_stmts.push_back(Store::make(c.storage->name, {index}, Var::make(type, c.snapshot)));
    }
    if (c.clause.reduction) {
      const BinaryOp op = *c.clause.reduction;
      chunk_stmts.push_back(Store::make(c.storage->name, {index}, reduction_identity(op, type)));
      host_slots.push_back(Buffer::make(c.partial, type, {make_int(team, Type::i64())}, MemoryScope::Host));
      const std::string each = lifter_.fresh_name(chunk_name);
      const Expr partial = Load::make(type, c.partial, {Var::make(Type::i64(), each)});
      after.push_back(For::make(each, zero, make_int(team, Type::i64()), ForKind::Serial,
                                Store::make(original->buffer, {index}, reduction_combine(op, original_value, partial))));
    }
    if (c.clause.copy_out) {
      host_slots.push_back(Buffer::make(c.last, type.element_of(), {make_int(type.lanes)}, MemoryScope::Host));
      after.push_back(IfThenElse::make(binary(BinaryOp::GT, total, zero),
                                       Store::make(original->buffer, {index}, Load::make(type, c.last, {index}))));
    }
  }
  // Initial values, then the iterations, then what the chunk hands back.
  std::vector<Stmt> finals;
  for (const Copy& c : copies_) {
    if (c.storage && !c.target.empty())
      finals.push_back(over_elements(c, [&](Expr e) {
        return Store::make(c.partial, {chunk, e}, Load::make(c.element, c.storage->name, {e}));
      }));
    const auto* original = std::get_if<MutableBinding>(&c.original);
    if (!c.storage || !original) continue;
    const Expr index = slot_index(original->type);
    const Expr copy_value = Load::make(original->type, c.storage->name, {index});
    if (c.clause.reduction) finals.push_back(Store::make(c.partial, {chunk}, copy_value));
    if (c.clause.copy_out) finals.push_back(IfThenElse::make(ran_last, Store::make(c.last, {index}, copy_value)));
  }
  chunk_stmts.push_back(serial);
  chunk_stmts.insert(chunk_stmts.end(), finals.begin(), finals.end());
  Stmt chunk_body = wrap_in_allocations(private_storage, Block::make(std::move(chunk_stmts)));
  chunk_body = LetStmt::make(lo_name, binary(BinaryOp::Mul, chunk, size),
                             LetStmt::make(hi_name, binary(BinaryOp::Min, binary(BinaryOp::Add, lo, size), total),
                                           chunk_body));
  after.insert(after.begin(), For::make(chunk_name, zero, make_int(team, Type::i64()), kind, chunk_body));

  Stmt out = wrap_in_allocations(host_slots, Block::make(std::move(after)));
  for (const Buffer& b : host_slots) shared_slots.insert(b.name);
  snapshots.insert(snapshots.begin(), array_lets_.begin(), array_lets_.end());
  for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) out = LetStmt::make(it->first, it->second, out);
  const Expr team_size_expr = make_int(team, Type::i64());
  out = LetStmt::make(size_name,
                      binary(BinaryOp::Div, binary(BinaryOp::Add, total, make_int(team - 1, Type::i64())), team_size_expr),
                      out);
  return LetStmt::make(total_name, total_value, out);
}

} // namespace xir::frontend
