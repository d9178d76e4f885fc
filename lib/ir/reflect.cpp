#include "xir/ir/reflect.hpp"

namespace xir {

bool structurally_equal(const Expr& a, const Expr& b) {
  if (a.same_as(b)) return true;
  if (!a.defined() || !b.defined()) return false;
  return a.type() == b.type() && detail::field_equal(a.node().node, b.node().node);
}

bool structurally_equal(const Stmt& a, const Stmt& b) {
  if (a.same_as(b)) return true;
  if (!a.defined() || !b.defined()) return false;
  return detail::field_equal(a.node().node, b.node().node);
}

bool structurally_equal(const Kernel& a, const Kernel& b) { return detail::field_equal(a, b); }
bool structurally_equal(const Module& a, const Module& b) { return detail::field_equal(a, b); }

std::size_t structural_hash(const Expr& e) {
  if (!e.defined()) return 0;
  return detail::hash_combine(detail::field_hash(e.type()), detail::field_hash(e.node().node));
}

std::size_t structural_hash(const Stmt& s) {
  if (!s.defined()) return 0;
  return detail::field_hash(s.node().node);
}

std::size_t structural_hash(const Kernel& k) { return detail::field_hash(k); }
std::size_t structural_hash(const Module& m) { return detail::field_hash(m); }

} // namespace xir
