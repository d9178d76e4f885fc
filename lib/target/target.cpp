#include "xir/target/target.hpp"

#include <algorithm>
#include <stdexcept>

#include "descriptions.hpp"

namespace xir {

const MemoryScopeInfo* Target::scope(MemoryScope s) const {
  for (const MemoryScopeInfo& info : scopes)
    if (info.scope == s)
      return &info;
  return nullptr;
}

std::optional<std::int64_t> Target::axis_limit(HardwareAxis axis) const {
  for (const AxisLimit& limit : axes)
    if (limit.axis == axis)
      return limit.max_extent;
  return std::nullopt;
}

const Intrinsic* Target::intrinsic(std::string_view name) const {
  for (const Intrinsic& i : intrinsics)
    if (i.name == name)
      return &i;
  return nullptr;
}

const Intrinsic* Target::intrinsic(std::string_view name, std::size_t operand_count) const {
  for (const Intrinsic& i : intrinsics)
    if (i.name == name && i.operands.size() == operand_count)
      return &i;
  return nullptr;
}

namespace {

struct Registry {
  std::vector<Target> targets;
  std::vector<const Target*> pointers;
  Registry() {
    targets.push_back(target_detail::describe_cuda("cuda-sm80", "sm_80", 163 * 1024));
    targets.push_back(target_detail::describe_cuda("cuda-sm90", "sm_90", 227 * 1024));
    targets.push_back(target_detail::describe_hip("hip-gfx90a", "gfx90a"));
    targets.push_back(target_detail::describe_hip("hip-gfx942", "gfx942"));
    targets.push_back(target_detail::describe_bang_mlu370());
    targets.push_back(target_detail::describe_bang_mlu590());
    targets.push_back(target_detail::describe_vnni_avx512());
    for (const Target& t : targets)
      pointers.push_back(&t);
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

std::string_view default_part(std::string_view dialect) {
  if (dialect == "cuda")
    return "cuda-sm80";
  if (dialect == "hip")
    return "hip-gfx90a";
  if (dialect == "bang")
    return "bang-mlu370";
  if (dialect == "vnni")
    return "vnni-avx512";
  return dialect;
}

} // namespace

const Target* find_target(std::string_view name) {
  name = default_part(name);
  for (const Target* t : registry().pointers)
    if (t->name == name)
      return t;
  return nullptr;
}

const Target& target_by_name(std::string_view name) {
  if (const Target* t = find_target(name))
    return *t;
  std::string known;
  for (const std::string& n : target_names())
    known += (known.empty() ? "" : ", ") + n;
  throw std::out_of_range("unknown target `" + std::string(name) + "` (known: " + known + ")");
}

const std::vector<const Target*>& all_targets() {
  return registry().pointers;
}

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  for (const Target* t : all_targets())
    names.push_back(t->name);
  return names;
}

namespace target_detail {

Stmt serial_loop(const IntrinsicOperands& ops, const std::string& suffix, Expr extent,
                 const std::function<Stmt(const Expr&)>& body) {
  std::string name = ops.loop_var(suffix);
  Expr var = Var::make(Type::i32(), name);
  return For::make(name, make_int(0), std::move(extent), ForKind::Serial, body(var));
}

} // namespace target_detail
} // namespace xir
