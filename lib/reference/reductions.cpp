#include "definitions.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference {

using Halide::Expr;

namespace {

Index with_axis(Index index, std::size_t axis, const Expr& value) {
  index.insert(index.begin() + static_cast<std::ptrdiff_t>(axis), value);
  return index;
}

Halide::Func softmax(const Operands& in, std::size_t axis) {
  const auto vars = make_vars(static_cast<std::size_t>(in.rank("A")), "i");
  auto rest = vars; // the coordinates that select one row
  rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(axis));
  const Halide::RDom k(0, in.extent("A", static_cast<int>(axis)), "k");
  Halide::Func row_max("row_max"), shifted_exp("shifted_exp"), row_total("row_total"), c("C");
  define(row_max, rest, Halide::maximum(in.at("A", with_axis(as_index(rest), axis, k))));
  define(shifted_exp, vars,
         Halide::exp(in.at("A", as_index(vars)) - call(row_max, as_index(rest))));
  define(row_total, rest, Halide::sum(call(shifted_exp, with_axis(as_index(rest), axis, k))));
  define(c, vars, call(shifted_exp, as_index(vars)) / call(row_total, as_index(rest)));
  row_max.compute_root();
  shifted_exp.compute_root();
  row_total.compute_root();
  return c;
}

} // namespace

Halide::Func define_reduction(const Operands& in) {
  const std::string& family = in.spec().family;
  const int rank = in.rank("A");
  const auto axis = static_cast<std::size_t>(spec::normalized_axis(in.spec(), rank, -1));
  if (family == "softmax")
    return softmax(in, axis);
  const auto vars = make_vars(static_cast<std::size_t>(rank - 1), "i");
  const Expr extent = in.extent("A", static_cast<int>(axis));
  const Halide::RDom k(0, extent, "k");
  const Expr a = in.at("A", with_axis(as_index(vars), axis, k));
  Expr value;
  if (family == "sum")
    value = Halide::sum(a);
  if (family == "mean")
    value = Halide::sum(a) / Halide::cast(in.compute_type(), extent);
  if (family == "max")
    value = Halide::maximum(a);
  if (family == "min")
    value = Halide::minimum(a);
  Halide::Func c("C");
  define(c, vars, value);
  return c;
}

} // namespace xir::reference
