#pragma once
// The syntax of the nodes the printer renders from a template: `{field}` is replaced by the
// field's value printed by its type (expressions, lists, names, enums, integers), `{type}` by the
// node's type. Nodes with structure of their own (operators with precedence, immediates, loops,
// conditionals, scopes) are printed by hand in printer.cpp.

#include <string_view>

#include "xir/ir/stmt.hpp"

namespace xir::text {

template <class Node> inline constexpr std::string_view node_syntax = {};

template <> inline constexpr std::string_view node_syntax<Var> = "{name}";
template <>
inline constexpr std::string_view node_syntax<Select> =
    "select({condition}, {true_value}, {false_value})";
template <> inline constexpr std::string_view node_syntax<Cast> = "cast<{type}>({value})";
template <> inline constexpr std::string_view node_syntax<Load> = "{buffer}[{indices}]";
template <> inline constexpr std::string_view node_syntax<Ramp> = "ramp({base}, {stride}, {lanes})";
template <>
inline constexpr std::string_view node_syntax<Broadcast> = "broadcast({value}, {lanes})";
template <> inline constexpr std::string_view node_syntax<Call> = "{function}({args})";
template <> inline constexpr std::string_view node_syntax<Address> = "&{buffer}[{indices}]";

template <> inline constexpr std::string_view node_syntax<Store> = "{buffer}[{indices}] = {value};";
template <>
inline constexpr std::string_view node_syntax<Atomic> = "atomic {buffer}[{indices}] {op}= {value};";
template <> inline constexpr std::string_view node_syntax<Barrier> = "barrier({scope});";
template <>
inline constexpr std::string_view node_syntax<IntrinsicCall> = "call {target}.{name}({args});";

template <class Node> inline constexpr bool has_node_syntax = !node_syntax<Node>.empty();

inline constexpr int lowest_precedence = 0;
inline constexpr int unary_precedence = 11;
inline constexpr int primary_precedence = 12;

/// Binding strength of infix operators, as in C (higher binds tighter). Min and Max print as calls.
constexpr int precedence(BinaryOp op) {
  switch (op) {
  case BinaryOp::Or:
    return 1;
  case BinaryOp::And:
    return 2;
  case BinaryOp::BitOr:
    return 3;
  case BinaryOp::BitXor:
    return 4;
  case BinaryOp::BitAnd:
    return 5;
  case BinaryOp::EQ:
  case BinaryOp::NE:
    return 6;
  case BinaryOp::LT:
  case BinaryOp::LE:
  case BinaryOp::GT:
  case BinaryOp::GE:
    return 7;
  case BinaryOp::Shl:
  case BinaryOp::Shr:
    return 8;
  case BinaryOp::Add:
  case BinaryOp::Sub:
    return 9;
  case BinaryOp::Mul:
  case BinaryOp::Div:
  case BinaryOp::Mod:
    return 10;
  case BinaryOp::Min:
  case BinaryOp::Max:
    return primary_precedence;
  }
  return 0;
}

} // namespace xir::text
