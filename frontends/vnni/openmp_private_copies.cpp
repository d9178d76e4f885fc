#include "openmp_private_copies.hpp"

#include <functional>

#include "openmp_loop_nest.hpp"

namespace xir::frontend {
namespace {

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
    const clang::Expr* lower = v.section->getLowerBound();
    const Expr skipped = lower ? lifter_.lift_expr_as(lower, Type::i64()) : make_int(0, Type::i64());
    first = binary(BinaryOp::Add, first, skipped);
    if (const clang::Expr* count = v.section->getLength())
      length = lifter_.lift_expr_as(count, Type::i64());
    else if (length.defined())  // `a[lower:]` of an array: to its end
      length = binary(BinaryOp::Sub, length, skipped);
    else
      lifter_.unsupported(v.reference, "an array section without a length");
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

struct PrivateCopies::Chunks {
  int team;
  Expr chunk, begin, end, total;  // this chunk's iterations [begin, end) of the nest's total
  std::vector<Stmt> init, final, after;  // at the start and end of each chunk, after the loop
  std::vector<Buffer> private_storage, host_slots;
  std::vector<std::pair<std::string, Expr>> lets;  // before the loop

  Expr team_extent() const { return make_int(team, Type::i64()); }
  Stmt over_chunks(FunctionLifter& lifter, const std::function<Stmt(Expr)>& body) const {
    const std::string each = lifter.fresh_name("omp_chunk");
    return For::make(each, make_int(0, Type::i64()), team_extent(), ForKind::Serial, body(Var::make(Type::i64(), each)));
  }
};

void PrivateCopies::add_scalar(const Copy& c, Chunks& chunks) {
  const auto* original = std::get_if<MutableBinding>(&c.original);
  if (!original) return;  // an array: its copy starts uninitialized and is dropped
  const Type type = original->type;
  const Expr index = slot_index(type);
  const Expr original_value = Load::make(type, original->buffer, {index});
  const Expr copy_value = Load::make(type, c.storage->name, {index});
  if (c.clause.copy_in) {
    chunks.lets.emplace_back(c.snapshot, original_value);
    chunks.init.push_back(Store::make(c.storage->name, {index}, Var::make(type, c.snapshot)));
  }
  if (c.clause.reduction) {
    const BinaryOp op = *c.clause.reduction;
    chunks.init.push_back(Store::make(c.storage->name, {index}, reduction_identity(op, type)));
    chunks.final.push_back(Store::make(c.partial, {chunks.chunk}, copy_value));
    chunks.host_slots.push_back(Buffer::make(c.partial, type, {chunks.team_extent()}, MemoryScope::Host));
    chunks.after.push_back(chunks.over_chunks(lifter_, [&](Expr each) {
      return Store::make(original->buffer, {index},
                         reduction_combine(op, original_value, Load::make(type, c.partial, {each})));
    }));
  }
  if (c.clause.copy_out) {
    const Expr zero = make_int(0, Type::i64());
    const Expr ran_last = binary(BinaryOp::And, binary(BinaryOp::LT, chunks.begin, chunks.end),
                                 binary(BinaryOp::EQ, chunks.end, chunks.total));
    chunks.final.push_back(IfThenElse::make(ran_last, Store::make(c.last, {index}, copy_value)));
    chunks.host_slots.push_back(Buffer::make(c.last, type.element_of(), {make_int(type.lanes)}, MemoryScope::Host));
    chunks.after.push_back(IfThenElse::make(binary(BinaryOp::GT, chunks.total, zero),
                                            Store::make(original->buffer, {index}, Load::make(type, c.last, {index}))));
  }
}

void PrivateCopies::add_array_reduction(const Copy& c, Chunks& chunks) {
  const BinaryOp op = *c.clause.reduction;
  const std::string& copy = c.storage->name;
  const auto over_elements = [&](const std::function<Stmt(Expr)>& body) {
    const std::string e = lifter_.fresh_name("omp_element");
    return For::make(e, make_int(0, Type::i64()), Var::make(Type::i64(), c.length), ForKind::Serial,
                     body(Var::make(Type::i64(), e)));
  };
  chunks.init.push_back(over_elements([&](Expr e) { return Store::make(copy, {e}, reduction_identity(op, c.element)); }));
  chunks.final.push_back(over_elements(
      [&](Expr e) { return Store::make(c.partial, {chunks.chunk, e}, Load::make(c.element, copy, {e})); }));
  chunks.host_slots.push_back(Buffer::make(
      c.partial, c.element, {chunks.team_extent(), Var::make(Type::i64(), c.length)}, MemoryScope::Host));
  chunks.after.push_back(chunks.over_chunks(lifter_, [&](Expr each) {
    return over_elements([&](Expr e) {
      const Expr at = binary(BinaryOp::Add, Var::make(Type::i64(), c.first), e);
      return Store::make(c.target, {at},
                         reduction_combine(op, Load::make(c.element, c.target, {at}),
                                           Load::make(c.element, c.partial, {each, e})));
    });
  }));
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
  const LoopNest loops = read_loop_nest(lifter_, directive_, nest, levels, kind);

  const auto i64_var = [&](const std::string& base, std::string& name) {
    name = lifter_.fresh_name(base);
    return Var::make(Type::i64(), name);
  };
  std::string total_name, size_name, chunk_name, iteration_name, begin_name, end_name;
  Chunks chunks;
  chunks.team = kind == ForKind::Parallel ? team_size : 1;
  chunks.total = i64_var("omp_iterations", total_name);
  const Expr size = i64_var("omp_chunk_size", size_name);
  chunks.chunk = i64_var("omp_chunk", chunk_name);
  chunks.begin = i64_var("omp_chunk_begin", begin_name);
  chunks.end = i64_var("omp_chunk_end", end_name);
  const Expr iteration = i64_var("omp_iteration", iteration_name);
  chunks.lets = array_lets_;
  for (const Copy& c : copies_) {
    if (!c.storage) continue;
    chunks.private_storage.push_back(*c.storage);
    if (c.target.empty())
      add_scalar(c, chunks);
    else
      add_array_reduction(c, chunks);
  }

  // A chunk: its copies' initial values, its iterations in order, then what it hands back.
  const Expr zero = make_int(0, Type::i64());
  std::vector<Stmt> chunk_stmts = chunks.init;
  chunk_stmts.push_back(For::make(iteration_name, chunks.begin,
                                  binary(BinaryOp::Max, binary(BinaryOp::Sub, chunks.end, chunks.begin), zero),
                                  ForKind::Serial, loops.body_at(iteration)));
  chunk_stmts.insert(chunk_stmts.end(), chunks.final.begin(), chunks.final.end());
  Stmt chunk_body = wrap_in_allocations(chunks.private_storage, Block::make(std::move(chunk_stmts)));
  chunk_body = LetStmt::make(
      begin_name, binary(BinaryOp::Mul, chunks.chunk, size),
      LetStmt::make(end_name, binary(BinaryOp::Min, binary(BinaryOp::Add, chunks.begin, size), chunks.total), chunk_body));

  std::vector<Stmt> stmts{For::make(chunk_name, zero, chunks.team_extent(), kind, chunk_body)};
  stmts.insert(stmts.end(), chunks.after.begin(), chunks.after.end());
  Stmt out = wrap_in_allocations(chunks.host_slots, Block::make(std::move(stmts)));
  for (const Buffer& b : chunks.host_slots) shared_slots.insert(b.name);
  for (auto it = chunks.lets.rbegin(); it != chunks.lets.rend(); ++it) out = LetStmt::make(it->first, it->second, out);
  const Expr rounded_up = binary(BinaryOp::Add, chunks.total, make_int(chunks.team - 1, Type::i64()));
  out = LetStmt::make(size_name, binary(BinaryOp::Div, rounded_up, chunks.team_extent()), out);
  return LetStmt::make(total_name, loops.trip_count(), out);
}

} // namespace xir::frontend
