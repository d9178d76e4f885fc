#include "openmp_region_copies.hpp"

namespace xir::frontend {

RegionCopies::RegionCopies(FunctionLifter& lifter, const std::vector<DataSharingVar>& vars,
                           std::set<const clang::VarDecl*>& declared) {
  for (const DataSharingVar& v : vars) {
    const Binding* binding = lifter.binding_of(v.var);
    if (!binding) lifter.unsupported(v.reference, "this variable in an OpenMP data-sharing clause");
    const std::string name = lifter.fresh_name(v.var->getNameAsString() + "_private");
    if (const auto* m = std::get_if<MutableBinding>(binding)) {
      originals_.emplace_back(v.var, *binding);
      buffers_.push_back(value_slot(name, m->type));
      if (v.copy_in) {
        snapshots_.emplace_back(lifter.fresh_name(v.var->getNameAsString() + "_initial"),
                                Load::make(m->type, m->buffer, {slot_index(m->type)}));
        inits_.push_back(Store::make(name, {slot_index(m->type)}, Var::make(m->type, snapshots_.back().first)));
      }
      lifter.bind(v.var, MutableBinding{name, m->type});
    } else if (const auto* a = std::get_if<ArrayBinding>(binding)) {
      if (v.copy_in) lifter.unsupported(v.reference, "an array in an OpenMP `firstprivate` clause");
      originals_.emplace_back(v.var, *binding);
      std::vector<Expr> shape = a->dims;
      if (a->element.is_vector()) shape.push_back(make_int(a->element.lanes));
      buffers_.push_back(Buffer::make(name, a->element.element_of(), shape, MemoryScope::Local));
      lifter.bind(v.var, ArrayBinding{name, a->element, a->dims});
    } else if (!std::get_if<ValueBinding>(binding) && !std::get_if<PointerBinding>(binding)) {
      lifter.unsupported(v.reference, "a struct in an OpenMP data-sharing clause");
    }  // values and pointers are never assigned here: a copy is the original
    declared.insert(v.var);
  }
}

Stmt RegionCopies::finish(FunctionLifter& lifter, Stmt region) {
  for (const auto& [var, binding] : originals_) lifter.bind(var, binding);
  std::vector<Stmt> stmts = inits_;
  stmts.push_back(region);
  Stmt out = wrap_in_allocations(buffers_, Block::make(std::move(stmts)));
  for (auto it = snapshots_.rbegin(); it != snapshots_.rend(); ++it) out = LetStmt::make(it->first, it->second, out);
  return out;
}

} // namespace xir::frontend
