#include "xir/target/intrinsic.hpp"

#include <algorithm>

#include "xir/ir/error.hpp"

namespace xir {
namespace {

Expr cast_to(Type t, const Expr& e) {
  return e.type() == t ? e : Cast::make(t, e);
}

Expr add(const Expr& a, const Expr& b) {
  if (const std::int64_t* c = as_const_int(b); c && *c == 0)
    return a;
  if (const std::int64_t* c = as_const_int(a); c && *c == 0)
    return b;
  return Binary::make(BinaryOp::Add, a, b);
}

Expr mul(const Expr& a, const Expr& b) {
  if (const std::int64_t* c = as_const_int(b); c && *c == 1)
    return a;
  return Binary::make(BinaryOp::Mul, a, b);
}

std::string describe_scopes(const std::vector<MemoryScope>& scopes) {
  std::string s;
  for (MemoryScope scope : scopes)
    s += (s.empty() ? "" : ", ") + std::string(to_string(scope));
  return s;
}

} // namespace

AddressOperand::AddressOperand(const Address& address, Type element_type, const Buffer& buffer)
    : base_indices_(address.indices), element_type_(element_type), buffer_(buffer) {
  if (base_indices_.size() != buffer.shape.size())
    throw IRError("address of `" + buffer.name + "` has " + std::to_string(base_indices_.size()) +
                  " indices but the buffer has rank " + std::to_string(buffer.shape.size()));
}

std::vector<Expr> AddressOperand::indices_at(const Expr& offset) const {
  Type index_type = base_indices_.front().type();
  Expr off = cast_to(index_type, offset);
  if (const std::int64_t* c = as_const_int(off); c && *c == 0)
    return base_indices_;
  if (base_indices_.size() == 1)
    return {add(base_indices_[0], off)};
  // Row-major: flatten the base address, add the offset, split the result again.
  std::vector<Expr> extents;
  for (const Expr& e : buffer_.shape)
    extents.push_back(cast_to(index_type, e));
  Expr flat = base_indices_[0];
  for (std::size_t d = 1; d < extents.size(); ++d)
    flat = add(mul(flat, extents[d]), base_indices_[d]);
  flat = add(flat, off);
  std::vector<Expr> result(extents.size());
  Expr rest = flat;
  for (std::size_t d = extents.size(); d-- > 1;) {
    result[d] = Binary::make(BinaryOp::Mod, rest, extents[d]);
    rest = Binary::make(BinaryOp::Div, rest, extents[d]);
  }
  result[0] = rest;
  return result;
}

Expr AddressOperand::load(const Expr& offset) const {
  return Load::make(buffer_.dtype, buffer_.name, indices_at(offset));
}

Stmt AddressOperand::store(const Expr& offset, Expr value) const {
  return Store::make(buffer_.name, indices_at(offset), cast_to(buffer_.dtype, value));
}

IntrinsicOperands::IntrinsicOperands(const IntrinsicCall& call, const BufferLookup& lookup,
                                     std::size_t expected_count)
    : call_(call) {
  if (call.args.size() != expected_count)
    throw IRError("intrinsic " + call.name + " takes " + std::to_string(expected_count) +
                  " operands, the call passes " + std::to_string(call.args.size()));
  for (const Expr& arg : call.args) {
    const Address* address = arg.as<Address>();
    if (!address) {
      addresses_.emplace_back();
      continue;
    }
    const Buffer* buffer = lookup(address->buffer);
    if (!buffer)
      throw IRError("intrinsic " + call.name + ": unknown buffer `" + address->buffer + "`");
    addresses_.emplace_back(AddressOperand(*address, arg.type(), *buffer));
  }
}

const AddressOperand& IntrinsicOperands::address(std::size_t i) const {
  if (i >= addresses_.size() || !addresses_[i])
    throw IRError("intrinsic " + call_.name + ": operand " + std::to_string(i) +
                  " must be an address");
  return *addresses_[i];
}

Expr IntrinsicOperands::count(std::size_t i) const {
  const Expr& e = call_.args.at(i);
  if (!e.type().is_int() || !e.type().is_scalar())
    throw IRError("intrinsic " + call_.name + ": operand " + std::to_string(i) +
                  " must be a scalar integer, not " + to_string(e.type()));
  return cast_to(Type::i32(), e);
}

Stmt expand_intrinsic(const Intrinsic& intrinsic, const IntrinsicCall& call,
                      const IntrinsicOperands::BufferLookup& lookup) {
  if (!intrinsic.semantics)
    throw IRError("intrinsic " + intrinsic.name + " has no semantics in the target description");
  if (call.args.size() != intrinsic.operands.size())
    throw IRError("intrinsic " + intrinsic.name + " takes " +
                  std::to_string(intrinsic.operands.size()) + " operands, the call passes " +
                  std::to_string(call.args.size()));
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const IntrinsicOperand& spec = intrinsic.operands[i];
    const Expr& arg = call.args[i];
    const Address* address = arg.as<Address>();
    const std::string what = "intrinsic " + intrinsic.name + ", operand `" + spec.name + "`";
    if ((spec.kind == OperandKind::Address) != (address != nullptr))
      throw IRError(what +
                    (address ? ": expects a scalar, got an address" : ": expects an address"));
    if (!spec.element_kinds.empty() &&
        std::find(spec.element_kinds.begin(), spec.element_kinds.end(), arg.type().kind) ==
            spec.element_kinds.end())
      throw IRError(what + ": element type " + to_string(arg.type()) + " is not accepted");
    if (!address)
      continue;
    const Buffer* buffer = lookup(address->buffer);
    if (!buffer)
      throw IRError(what + ": unknown buffer `" + address->buffer + "`");
    if (buffer->dtype != arg.type())
      throw IRError(what + ": address type " + to_string(arg.type()) + " differs from buffer `" +
                    buffer->name + "` of " + to_string(buffer->dtype));
    if (!spec.scopes.empty() &&
        std::find(spec.scopes.begin(), spec.scopes.end(), buffer->scope) == spec.scopes.end())
      throw IRError(what + ": buffer `" + buffer->name + "` is in " +
                    std::string(to_string(buffer->scope)) + ", expected " +
                    describe_scopes(spec.scopes));
  }
  IntrinsicOperands operands(call, lookup, intrinsic.operands.size());
  return intrinsic.semantics(operands);
}

} // namespace xir
