#include "intrinsic_calls.hpp"

#include <clang/AST/ExprCXX.h>

#include <algorithm>

#include "../common/host_entry_lifter.hpp"
#include "intrinsic_rules.hpp"
#include "xir/target/bang.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

// Pointer conversions to `void *` (and const-qualifications) are how BANG passes untyped operands;
// the operand's element type is that of the pointer before them.
const clang::Expr* strip_untyped_pointer_casts(const clang::Expr* e) {
  for (;;) {
    e = e->IgnoreParens();
    const auto* cast = llvm::dyn_cast<clang::CastExpr>(e);
    if (!cast || !cast->getType()->isPointerType() || !cast->getSubExpr()->getType()->isPointerType()) return e;
    const clang::QualType to = cast->getType()->getPointeeType();
    const clang::QualType from = cast->getSubExpr()->getType()->getPointeeType();
    const bool untyped = to->isVoidType();
    const bool same = to.getCanonicalType().getUnqualifiedType() == from.getCanonicalType().getUnqualifiedType();
    if (!untyped && !same) return e;
    e = cast->getSubExpr();
  }
}

Expr lift_address(FunctionLifter& lifter, const clang::Expr* e) {
  const clang::Expr* typed = strip_untyped_pointer_casts(e);
  if (!typed->getType()->isPointerType() && !typed->getType()->isArrayType())
    lifter.unsupported(e, "a non-pointer operand where the intrinsic expects an address");
  if (typed->getType()->isPointerType() && typed->getType()->getPointeeType()->isVoidType())
    lifter.unsupported(e, "an untyped (`void *`) pointer as an intrinsic operand");
  PointerBinding p = lifter.lift_pointer(typed);
  return Address::make(p.element, p.buffer, {p.offset});
}

// The on-chip scope of the buffer an address points into (NRAM, WRAM, SRAM: the kernel's hoisted
// buffers); nullopt for the rest (GDRAM pointers, and plain locals, which are on no on-chip scope).
std::optional<MemoryScope> on_chip_scope_of(FunctionLifter& lifter, const Expr& address) {
  const std::string& buffer = address.as<Address>()->buffer;
  for (const auto* list : {&lifter.hoisted_buffers(), &lifter.per_thread_buffers()})
    for (const Buffer& b : *list)
      if (b.name == buffer) return b.scope;
  return std::nullopt;
}

std::string scope_words(std::optional<MemoryScope> scope) {
  return scope ? std::string(to_string(*scope)) : std::string("GDRAM (or a local array)");
}

// What the hardware rejects, caught while lifting: a vector operand outside the scopes the
// intrinsic accepts, a copy whose operands are not in the scopes its direction names.
void check_operand_scope(FunctionLifter& lifter, const clang::Expr* arg, const std::string& intrinsic,
                         const IntrinsicOperand& operand, const Expr& address,
                         const std::optional<bang::MemcpyDirectionInfo>& direction) {
  const std::optional<MemoryScope> scope = on_chip_scope_of(lifter, address);
  const MemoryScope actual = scope.value_or(MemoryScope::Gdram);
  std::vector<MemoryScope> allowed = operand.scopes;
  if (direction && (operand.name == "dst" || operand.name == "src"))
    allowed = {operand.name == "dst" ? direction->destination : direction->source};
  if (allowed.empty() || std::find(allowed.begin(), allowed.end(), actual) != allowed.end()) return;
  std::string expected;
  for (MemoryScope s : allowed) expected += (expected.empty() ? "" : " or ") + std::string(to_string(s));
  lifter.unsupported(arg, "a " + scope_words(scope) + " operand `" + operand.name + "` of `" + intrinsic +
                              "` (it must be in " + expected + ")");
}

std::string enumerator_name(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  return ref && llvm::isa<clang::EnumConstantDecl>(ref->getDecl()) ? ref->getDecl()->getNameAsString() : std::string();
}

Expr lift_direction(FunctionLifter& lifter, const clang::Expr* e, bang::MemcpyDirectionInfo& info) {
  const std::string spelling = enumerator_name(e);
  if (spelling.empty()) lifter.unsupported(e, "a copy direction that is not written as an enumerator");
  auto found = bang::memcpy_direction(spelling);
  if (!found) lifter.unsupported(e, "the copy direction `" + spelling + "`");
  info = *found;
  return make_int(static_cast<std::int64_t>(found->direction), Type::i32());
}

// Deprecated spellings (DIALECTS.md 1.10, trap 12), asynchronous forms and the scalar overload of
// __bang_div, by their table names.
std::string table_name(const std::string& name, const clang::CallExpr* call) {
  if (name == "__bang_div" && call->getNumArgs() == 4 && !strip_untyped_pointer_casts(call->getArg(2))->getType()->isPointerType())
    return "__bang_div_scalar";
  if (name == "__bang_add_const") return "__bang_add_scalar";
  if (name == "__bang_sub_const") return "__bang_sub_scalar";
  if (name == "__bang_mul_const") return "__bang_mul_scalar";
  // The deprecated predecessor of argmax, with the same output format (DIALECTS.md 1.6).
  if (name == "__bang_max") return "__bang_argmax";
  // An asynchronous copy completes before the next __sync_*; running it at once is one valid order.
  if (name == "__memcpy_async") return "__memcpy";
  return name;
}

// For an intrinsic the frontend's part lacks: the BANG parts whose arch has it (the 4-operand
// __bang_div exists on mtp_592 but not on mtp_372).
std::string other_parts_with(const std::string& ir_name, std::size_t operands, const Target& frontend_target) {
  std::string parts;
  for (const Target* t : all_targets())
    if (t->dialect == "bang" && t != &frontend_target && t->intrinsic(ir_name, operands))
      parts += (parts.empty() ? "" : ", ") + t->arch;
  if (parts.empty()) return "";
  return " on " + frontend_target.arch + ", the frontend's target (it exists on " + parts + ")";
}

bool is_sram_copy_of_the_memory_core(const bang::MemcpyDirectionInfo& info) {
  // GDRAM2SRAM, SRAM2GDRAM, SRAM2SRAM run once per cluster, on its memory core (DIALECTS.md 1.1).
  const bool sram_source = info.source == MemoryScope::Sram, sram_destination = info.destination == MemoryScope::Sram;
  return (sram_source && (info.destination == MemoryScope::Gdram || sram_destination)) ||
         (sram_destination && info.source == MemoryScope::Gdram);
}

} // namespace

std::optional<Stmt> lift_bang_call(FunctionLifter& lifter, const TaskGeometry& geometry, const clang::CallExpr* call) {
  const std::string name = callee_name(call);
  if (name == "__sync_cluster" || name == "__sync_all" || name == "__sync_all_ipu") {
    if (geometry.in_host_code()) lifter.unsupported(call, "`" + name + "` in host code");
    if (!geometry.union_job && name == "__sync_cluster") lifter.unsupported(call, "`__sync_cluster` in a BLOCK task");
    return Barrier::make(name == "__sync_cluster" ? BarrierScope::Cluster : BarrierScope::All);
  }
  // Pipeline synchronization inside one core: the IR runs a core's statements in order.
  if (name == "__sync" || name == "__sync_io" || name == "__sync_compute" || name == "__sync_move")
    return Block::make({});
  const bool intrinsic = name.rfind("__bang_", 0) == 0 || name.rfind("__memcpy", 0) == 0 || name == "__memset_nram";
  if (!intrinsic) return std::nullopt;
  if (geometry.in_host_code()) lifter.unsupported(call, "`" + name + "` in host code");

  const std::string ir_name = table_name(name, call);
  const Target& target = target_by_name("bang");
  const Intrinsic* entry = target.intrinsic(ir_name, call->getNumArgs());
  if (!entry)
    lifter.unsupported(call, "the intrinsic `" + name + "` with " + std::to_string(call->getNumArgs()) + " operands" +
                                 other_parts_with(ir_name, call->getNumArgs(), target));
  std::vector<Expr> args;
  std::optional<bang::MemcpyDirectionInfo> direction;
  for (unsigned i = 0; i < call->getNumArgs(); ++i)
    if (ir_name == "__memcpy" && entry->operands.at(i).name == "dir") lift_direction(lifter, call->getArg(i), direction.emplace());
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const clang::Expr* arg = call->getArg(i);
    const IntrinsicOperand& operand = entry->operands.at(i);
    if (operand.kind == OperandKind::Address) {
      args.push_back(lift_address(lifter, arg));
      check_operand_scope(lifter, arg, name, operand, args.back(), direction);
    } else if (ir_name == "__memcpy" && operand.name == "dir") {
      bang::MemcpyDirectionInfo info;
      args.push_back(lift_direction(lifter, arg, info));
    } else {
      if (!lift_scalar_type(arg->getType())) lifter.unsupported(arg, "this intrinsic operand");
      args.push_back(lifter.lift_expr(arg));
    }
  }
  check_intrinsic_rules(lifter, call, *entry, IntrinsicCall{"bang", ir_name, args});
  Stmt lifted = IntrinsicCall::make("bang", ir_name, std::move(args));
  if (direction && is_sram_copy_of_the_memory_core(*direction)) {
    if (!geometry.union_job) lifter.unsupported(call, "an SRAM copy in a BLOCK task");
    // The memory core is not modelled: the first core of each cluster makes the copy instead.
    lifted = IfThenElse::make(Binary::make(BinaryOp::EQ, geometry.core_id(), make_int(0, Type::u32())), lifted);
  }
  return lifted;
}

} // namespace xir::frontend
