#include "openmp_shared_storage.hpp"

#include <algorithm>

namespace xir::frontend {
namespace {

// The variables `s` names, in order of first use (a declaration's initializer is a child of its statement).
void collect_uses(const clang::Stmt* s, std::vector<const clang::VarDecl*>& vars) {
  if (!s) return;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s))
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
        var && std::find(vars.begin(), vars.end(), var) == vars.end())
      vars.push_back(var);
  for (const clang::Stmt* child : s->children()) collect_uses(child, vars);
}

// `to[...] = from[...]` over every element of two buffers of `shape`.
Stmt copy_elements(FunctionLifter& lifter, const std::string& from, const std::string& to, Type element,
                   const std::vector<Expr>& shape) {
  std::vector<std::string> names;
  std::vector<Expr> indices;
  for (const Expr& extent : shape) {
    names.push_back(lifter.fresh_name("omp_copy"));
    indices.push_back(Var::make(extent.type(), names.back()));
  }
  Stmt s = Store::make(to, indices, Load::make(element, from, indices));
  for (std::size_t d = shape.size(); d-- > 0;)
    s = For::make(names[d], make_int(0, shape[d].type()), shape[d], ForKind::Serial, s);
  return s;
}

} // namespace

SharedStorage::SharedStorage(FunctionLifter& lifter, const clang::Stmt* loop,
                             const std::set<const clang::VarDecl*>& excluded,
                             std::set<std::string>& shared_slots)
    : lifter_(lifter) {
  std::vector<const clang::VarDecl*> uses;
  collect_uses(loop, uses);
  for (const clang::VarDecl* var : uses) {
    if (excluded.count(var)) continue;
    const Binding* binding = lifter.binding_of(var);  // none: declared inside the loop
    if (!binding) continue;
    const auto host_name = [&] { return lifter.fresh_name(var->getNameAsString() + "_shared"); };
    if (const auto* m = std::get_if<MutableBinding>(binding); m && !shared_slots.count(m->buffer)) {
      const std::string name = host_name();
      Buffer host = Buffer::make(name, m->type.element_of(), {make_int(m->type.lanes)}, MemoryScope::Host);
      shared_.push_back(Shared{var, *binding, host, m->buffer, m->type});
      lifter.bind(var, MutableBinding{name, m->type});
    } else if (const auto* a = std::get_if<ArrayBinding>(binding);
               a && var->getType()->isArrayType() && !shared_slots.count(a->buffer)) {
      // A C array (a std::vector's storage is on the host already).
      const std::string name = host_name();
      std::vector<Expr> shape = a->dims;
      if (a->element.is_vector()) shape.push_back(make_int(a->element.lanes));
      shared_.push_back(Shared{var, *binding, Buffer::make(name, a->element.element_of(), shape, MemoryScope::Host),
                               a->buffer, a->element});
      lifter.bind(var, ArrayBinding{name, a->element, a->dims});
    }
  }
  for (const Shared& s : shared_) shared_slots.insert(s.host.name);
}

Stmt SharedStorage::finish(Stmt loop) {
  if (shared_.empty()) return loop;
  std::vector<Stmt> copy_in, copy_out;
  std::vector<Buffer> buffers;
  for (const Shared& s : shared_) {
    lifter_.bind(s.var, s.original);
    buffers.push_back(s.host);
    if (std::get_if<MutableBinding>(&s.original)) {
      const Expr index = slot_index(s.element);
      copy_in.push_back(Store::make(s.host.name, {index}, Load::make(s.element, s.local, {index})));
      copy_out.push_back(Store::make(s.local, {index}, Load::make(s.element, s.host.name, {index})));
    } else {
      copy_in.push_back(copy_elements(lifter_, s.local, s.host.name, s.element.element_of(), s.host.shape));
      copy_out.push_back(copy_elements(lifter_, s.host.name, s.local, s.element.element_of(), s.host.shape));
    }
  }
  std::vector<Stmt> stmts = std::move(copy_in);
  stmts.push_back(loop);
  stmts.insert(stmts.end(), copy_out.begin(), copy_out.end());
  return wrap_in_allocations(buffers, Block::make(std::move(stmts)));
}

} // namespace xir::frontend
