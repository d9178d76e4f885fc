#include "intrinsic_rules.hpp"

#include <map>

#include "../common/host_entry_lifter.hpp"
#include "xir/ir/error.hpp"

namespace xir::frontend {
namespace {

// The scope and byte size of a buffer the kernel declares (on-chip, or a local array); nullopt for
// GDRAM pointers.
std::optional<std::pair<MemoryScope, std::int64_t>> declared_buffer(FunctionLifter& lifter, const std::string& name) {
  for (const auto* list : {&lifter.hoisted_buffers(), &lifter.per_thread_buffers()})
    for (const Buffer& b : *list) {
      if (b.name != name) continue;
      std::int64_t bytes = b.dtype.bytes();
      for (const Expr& e : b.shape) {
        const std::int64_t* extent = as_const_int(e);
        if (!extent) return std::nullopt;
        bytes *= *extent;
      }
      return std::make_pair(b.scope, bytes);
    }
  return std::nullopt;
}

// The element count of a vector operation; 0 is illegal for every one (DIALECTS.md 1.10, trap 14).
bool is_element_count(const IntrinsicOperand& operand) {
  return operand.kind == OperandKind::Scalar && operand.name == "n";
}

} // namespace

void check_intrinsic_rules(FunctionLifter& lifter, const clang::CallExpr* call, const Intrinsic& entry,
                           const IntrinsicCall& lifted) {
  for (std::size_t i = 0; i < entry.operands.size() && i < lifted.args.size(); ++i)
    if (const std::int64_t* v = as_const_int(lifted.args[i]); v && *v == 0 && is_element_count(entry.operands[i]))
      lifter.unsupported(call->getArg(static_cast<unsigned>(i)),
                         "a `" + callee_name(call) + "` of zero elements (an element count must be positive)");
  // Lifted addresses carry one flattened index; each stands for a one-dimensional buffer of its
  // element type, as long as the buffer it points into (of unknown length in GDRAM).
  std::map<std::string, Buffer> buffers;
  for (const Expr& arg : lifted.args) {
    const Address* address = arg.as<Address>();
    if (!address || buffers.count(address->buffer)) continue;
    auto declared = declared_buffer(lifter, address->buffer);
    Expr extent = declared ? make_int(declared->second / arg.type().bytes())
                           : Var::make(Type::i64(), address->buffer + ".extent");
    buffers.emplace(address->buffer, Buffer::make(address->buffer, arg.type(), {extent},
                                                  declared ? declared->first : MemoryScope::Gdram));
  }
  auto lookup = [&](const std::string& name) -> const Buffer* {
    auto found = buffers.find(name);
    return found == buffers.end() ? nullptr : &found->second;
  };
  try {
    (void)expand_intrinsic(entry, lifted, lookup);
  } catch (const IRError& e) {
    // The table's messages start with the intrinsic's name, which the construct already gives.
    std::string reason = e.what();
    if (const std::string prefix = entry.name + ": "; reason.rfind(prefix, 0) == 0) reason.erase(0, prefix.size());
    lifter.unsupported(call, "a `" + callee_name(call) + "` call that breaks its documented rules (" + reason + ")");
  }
}

} // namespace xir::frontend
