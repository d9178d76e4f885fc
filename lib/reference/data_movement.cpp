#include "definitions.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference {

using Halide::Expr;

namespace {

Halide::Func transpose(const Operands& in) {
  const int rank = in.rank("A");
  const auto perm = spec::transpose_permutation(in.spec(), rank);
  const auto vars = make_vars(static_cast<std::size_t>(rank), "j"); // B's coordinates
  Index a_index(static_cast<std::size_t>(rank));
  for (std::size_t j = 0; j < perm.size(); ++j)
    a_index[static_cast<std::size_t>(perm[j])] = vars[j];
  Halide::Func b("B");
  define(b, vars, in.raw("A", a_index));
  return b;
}

Halide::Func concat(const Operands& in) {
  const int rank = in.rank("A");
  const auto axis = static_cast<std::size_t>(spec::normalized_axis(in.spec(), rank, 0));
  const auto vars = make_vars(static_cast<std::size_t>(rank), "i");
  const Expr a_extent = in.extent("A", static_cast<int>(axis));
  const Expr b_extent = in.extent("B", static_cast<int>(axis));
  Index a_index = as_index(vars), b_index = as_index(vars);
  // Clamped so that bounds inference asks each input only for its own extent.
  a_index[axis] = Halide::clamp(vars[axis], 0, a_extent - 1);
  b_index[axis] = Halide::clamp(vars[axis] - a_extent, 0, b_extent - 1);
  Halide::Func c("C");
  define(c, vars,
         Halide::select(vars[axis] < a_extent, in.raw("A", a_index), in.raw("B", b_index)));
  return c;
}

Halide::Func gather(const Operands& in) {
  const auto vars = make_vars(static_cast<std::size_t>(in.rank("A")), "i");
  Index a_index = as_index(vars);
  a_index[0] = Halide::clamp(Halide::cast<int>(in.raw("idx", {vars[0]})), 0, in.extent("A", 0) - 1);
  Halide::Func c("C");
  define(c, vars, in.raw("A", a_index));
  return c;
}

Halide::Func scatter(const Operands& in) {
  const auto vars = make_vars(static_cast<std::size_t>(in.rank("A")), "i");
  Halide::Func a("A_scattered");
  define(a, vars, in.raw("A", as_index(vars)));
  const Halide::RDom i(0, in.extent("idx", 0), "i");
  Index target = as_index(vars), source = as_index(vars);
  target[0] = Halide::clamp(Halide::cast<int>(in.raw("idx", {i})), 0, in.extent("A", 0) - 1);
  source[0] = i;
  const Index halide_target(target.rbegin(), target.rend());
  a(halide_target) = in.raw("U", source);
  return a;
}

} // namespace

Halide::Func define_data_movement(const Operands& in) {
  const std::string& family = in.spec().family;
  if (family == "transpose")
    return transpose(in);
  if (family == "concat")
    return concat(in);
  if (family == "gather")
    return gather(in);
  return scatter(in);
}

} // namespace xir::reference
