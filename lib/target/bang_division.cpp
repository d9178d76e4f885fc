// __bang_div (DIALECTS.md 1.5): d[i] = a[i] / b[i] (or / v), rounded once to T (integers
// truncate). The 4-operand forms exist on arch >= 322 except mtp_372; the deprecated 5-operand
// form with an NRAM scratch buffer takes half and float everywhere.
#include "bang_table.hpp"

namespace xir::target_detail::bang_table {
namespace {

const std::vector<ScalarKind> division_kinds = {ScalarKind::F16, ScalarKind::F32, ScalarKind::BF16,
                                                ScalarKind::I16, ScalarKind::I32, ScalarKind::U16,
                                                ScalarKind::U32};
const std::vector<ScalarKind> half_or_float = {ScalarKind::F16, ScalarKind::F32};

void check_same_types(const IntrinsicOperands& ops, std::initializer_list<std::size_t> operands) {
  Type t = ops.address(0).element_type();
  for (std::size_t i : operands)
    if (ops.address(i).element_type() != t)
      throw IRError("__bang_div: operand " + std::to_string(i) + " is " +
                    to_string(ops.address(i).element_type()) + " but dst is " + to_string(t));
}

// The row-major element offset of an address whose indices are all constants.
std::optional<std::int64_t> constant_offset(const AddressOperand& a) {
  std::vector<Expr> indices = a.indices_at(make_int(0));
  std::int64_t flat = 0;
  for (std::size_t d = 0; d < indices.size(); ++d) {
    auto index = constant_integer(indices[d]);
    auto extent = constant_integer(a.buffer().shape[d]);
    if (!index || !extent)
      return std::nullopt;
    flat = flat * *extent + *index;
  }
  return flat;
}

// The 5-operand form forbids any overlap of its four n-element operands; reported when the
// addresses and n are constants.
void check_no_overlap(const IntrinsicOperands& ops, const char* const names[4]) {
  auto n = constant_integer(ops.scalar(4));
  if (!n)
    return;
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = i + 1; j < 4; ++j) {
      const AddressOperand &a = ops.address(i), &b = ops.address(j);
      if (a.buffer().name != b.buffer().name)
        continue;
      auto x = constant_offset(a), y = constant_offset(b);
      if (x && y && *x < *y + *n && *y < *x + *n)
        throw IRError(std::string("__bang_div: ") + names[i] + " and " + names[j] +
                      " overlap, which the 5-operand form forbids");
    }
}

Stmt divide_arrays(const IntrinsicOperands& ops) {
  check_same_types(ops, {1, 2});
  const AddressOperand &d = ops.address(0), &a = ops.address(1), &b = ops.address(2);
  return serial_loop(ops, "i", ops.count(3),
                     [&](const Expr& i) { return d.store(i, div(a.load(i), b.load(i))); });
}

Stmt divide_by_scalar(const IntrinsicOperands& ops) {
  check_same_types(ops, {1});
  const AddressOperand &d = ops.address(0), &a = ops.address(1);
  Expr v = ops.scalar(2);
  if (v.type() != a.element_type())
    v = Cast::make(a.element_type(), v);
  return serial_loop(ops, "i", ops.count(3),
                     [&](const Expr& i) { return d.store(i, div(a.load(i), v)); });
}

// tmp is scratch whose contents afterwards are unspecified; this model leaves it unchanged.
Stmt divide_with_scratch(const IntrinsicOperands& ops) {
  check_same_types(ops, {1, 2, 3});
  static const char* const names[4] = {"dst", "src0", "src1", "tmp"};
  check_no_overlap(ops, names);
  const AddressOperand &d = ops.address(0), &a = ops.address(1), &b = ops.address(2);
  if (auto n = constant_integer(ops.scalar(4)); n && *n * d.element_type().bytes() % 128 != 0)
    throw IRError("__bang_div: the 5-operand form needs n * sizeof(T) a multiple of 128 bytes, "
                  "not " +
                  std::to_string(*n * d.element_type().bytes()));
  return serial_loop(ops, "i", ops.count(4),
                     [&](const Expr& i) { return d.store(i, div(a.load(i), b.load(i))); });
}

} // namespace

void add_division_intrinsics(std::vector<Intrinsic>& table, int arch) {
  table.push_back({"__bang_div",
                   "void __bang_div(T *dst, const T *src0, const T *src1, T *tmp, unsigned n)",
                   {out("dst", nram, half_or_float), in("src0", nram, half_or_float),
                    in("src1", nram, half_or_float), out("tmp", nram, half_or_float), scalar("n")},
                   divide_with_scratch,
                   "deprecated; half and float; NRAM; no operand overlaps another; n * sizeof(T) a "
                   "multiple of 128; src1[i] != 0"});
  if (arch < 322 || arch == 372)
    return;
  table.push_back({"__bang_div",
                   "void __bang_div(T *dst, const T *src0, const T *src1, unsigned n)",
                   {out("dst", nram, division_kinds), in("src0", nram, division_kinds),
                    in("src1", nram, division_kinds), scalar("n")},
                   divide_arrays,
                   "arch >= 322 except 372; NRAM; n > 0; src1[i] != 0"});
  // C spells it __bang_div too; the table resolves overloads by name and operand count, so the
  // scalar overload has a name of its own.
  table.push_back({"__bang_div_scalar",
                   "void __bang_div(T *dst, const T *src, T value, unsigned n)",
                   {out("dst", nram, division_kinds), in("src", nram, division_kinds),
                    scalar("value"), scalar("n")},
                   divide_by_scalar,
                   "the scalar overload of __bang_div; arch >= 322 except 372; NRAM; n > 0; "
                   "value != 0"});
}

} // namespace xir::target_detail::bang_table
