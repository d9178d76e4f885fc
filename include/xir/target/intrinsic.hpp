#pragma once
// Intrinsic tables: each entry names one intrinsic of a target, its C signature, its operands
// (with the memory scopes and element types they accept) and, where it can be written down, its
// semantics as an IR loop nest over the call's operands. Detensorize inlines that loop nest; the
// interpreter runs it.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "xir/ir/kernel.hpp"

namespace xir {

enum class OperandKind : std::uint8_t { Address, Scalar };

/// One operand of an intrinsic, in call order.
struct IntrinsicOperand {
  std::string name;
  OperandKind kind = OperandKind::Address;
  /// Scopes an Address operand may point into; empty means any scope.
  std::vector<MemoryScope> scopes;
  /// Element kinds accepted; empty means any.
  std::vector<ScalarKind> element_kinds;
  /// True when the intrinsic writes through this operand.
  bool written = false;
};

/// An Address operand of a call, resolved against the buffer it points into. Elements are
/// addressed by a linear offset from the address in row-major order, so an intrinsic that walks
/// `n` contiguous elements works on any buffer rank.
class AddressOperand {
public:
  AddressOperand(const Address& address, Type element_type, const Buffer& buffer);

  const Buffer& buffer() const { return buffer_; }
  Type element_type() const { return element_type_; }
  /// The indices of the element `offset` elements past the address.
  std::vector<Expr> indices_at(const Expr& offset) const;
  Expr load(const Expr& offset) const;
  Stmt store(const Expr& offset, Expr value) const;

private:
  std::vector<Expr> base_indices_;
  Type element_type_;
  Buffer buffer_;
};

/// The operands of one call as the semantics builder sees them.
class IntrinsicOperands {
public:
  using BufferLookup = std::function<const Buffer*(const std::string&)>;
  /// Throws IRError when an Address names an unknown buffer or the operand count is wrong.
  IntrinsicOperands(const IntrinsicCall& call, const BufferLookup& lookup,
                    std::size_t expected_count);

  const AddressOperand& address(std::size_t i) const;
  /// A scalar operand as an i32 expression (counts, sizes).
  Expr count(std::size_t i) const;
  const Expr& scalar(std::size_t i) const { return call_.args.at(i); }
  const IntrinsicCall& call() const { return call_; }
  /// A loop variable name unique to this call's expansion.
  std::string loop_var(const std::string& suffix) const { return call_.name + "." + suffix; }

private:
  const IntrinsicCall& call_;
  std::vector<std::optional<AddressOperand>> addresses_;
};

/// Builds the IR loop nest an intrinsic call means. Throws IRError for malformed calls.
using IntrinsicSemantics = std::function<Stmt(const IntrinsicOperands&)>;

struct Intrinsic {
  std::string name;
  /// The C prototype, for documentation and the emitters.
  std::string signature;
  std::vector<IntrinsicOperand> operands;
  /// Empty when the intrinsic has no semantics written as IR (warp-collective or table-based
  /// instructions): the interpreter reports an error for such calls.
  IntrinsicSemantics semantics;
  /// Shape/alignment rules in words.
  std::string constraints;
};

/// The semantics of `call` expanded to a loop nest, using the buffers `lookup` resolves. Checks
/// the operand count, operand kinds, scopes and element kinds first; throws IRError on a mismatch
/// or when `intrinsic` has no semantics.
Stmt expand_intrinsic(const Intrinsic& intrinsic, const IntrinsicCall& call,
                      const IntrinsicOperands::BufferLookup& lookup);

} // namespace xir
