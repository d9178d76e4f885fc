#pragma once
// Pieces the BANG intrinsic table is written with (operand specs, index arithmetic, the copy
// direction check), shared by the source files that each add one group of entries.

#include <optional>
#include <string>
#include <vector>

#include "descriptions.hpp"

namespace xir::target_detail::bang_table {

inline const std::vector<MemoryScope> nram = {MemoryScope::Nram};
inline const std::vector<MemoryScope> on_chip_or_off = {MemoryScope::Gdram, MemoryScope::Global,
                                                        MemoryScope::Host,  MemoryScope::Sram,
                                                        MemoryScope::Nram,  MemoryScope::Wram};
inline const std::vector<ScalarKind> vector_kinds = {ScalarKind::F16,  ScalarKind::F32,
                                                     ScalarKind::BF16, ScalarKind::I32,
                                                     ScalarKind::I16,  ScalarKind::I8};
inline const std::vector<ScalarKind> float_kinds = {ScalarKind::F16, ScalarKind::F32,
                                                    ScalarKind::BF16};

inline IntrinsicOperand out(const char* name, std::vector<MemoryScope> scopes = nram,
                            std::vector<ScalarKind> kinds = vector_kinds) {
  return {name, OperandKind::Address, std::move(scopes), std::move(kinds), true};
}
inline IntrinsicOperand in(const char* name, std::vector<MemoryScope> scopes = nram,
                           std::vector<ScalarKind> kinds = vector_kinds) {
  return {name, OperandKind::Address, std::move(scopes), std::move(kinds), false};
}
inline IntrinsicOperand scalar(const char* name) {
  return {name, OperandKind::Scalar, {}, {}, false};
}

inline Expr add(Expr a, Expr b) {
  return Binary::make(BinaryOp::Add, std::move(a), std::move(b));
}
inline Expr mul(Expr a, Expr b) {
  return Binary::make(BinaryOp::Mul, std::move(a), std::move(b));
}
inline Expr div(Expr a, Expr b) {
  return Binary::make(BinaryOp::Div, std::move(a), std::move(b));
}
inline Expr mod(Expr a, Expr b) {
  return Binary::make(BinaryOp::Mod, std::move(a), std::move(b));
}

/// The value of an integer operand made of immediates (through value-preserving conversions and
/// + - *), or nullopt.
std::optional<std::int64_t> constant_integer(const Expr& e);

/// A byte count or stride of `intrinsic` as elements of `t`; a constant that is not a whole
/// number of elements is an IRError.
Expr bytes_to_elements(const std::string& intrinsic, const Expr& bytes, Type t, const char* what);

/// Throws IRError when the copy's dst (operand 0) and src (operand 1) hold different element
/// types, or when the constant copy direction at operand `dir_operand` names other scopes than the
/// operands are in.
void check_copy_operands(const IntrinsicOperands& ops, std::optional<std::size_t> dir_operand);
/// Throws IRError when the constant dst_stride (bytes) is smaller than the constant segment size.
void check_stride_covers_segment(const IntrinsicOperands& ops, std::size_t size_operand,
                                 std::size_t dst_stride_operand);

/// __bang_move (1-D, 2-D) and the 3-D __memcpy / strided copies.
void add_copy_intrinsics(std::vector<Intrinsic>& table);
/// __bang_div: the deprecated 5-operand form everywhere; the array and scalar 4-operand forms
/// only on parts other than mtp_372 (DIALECTS.md 1.5).
void add_division_intrinsics(std::vector<Intrinsic>& table, int arch);

} // namespace xir::target_detail::bang_table
