#pragma once
// Statements: immutable nodes behind a shared handle, reflected like expressions (see expr.hpp).

#include <boost/hana/define_struct.hpp>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "xir/ir/buffer.hpp"
#include "xir/ir/expr.hpp"

namespace xir {

struct StmtNode;

/// A shared, immutable statement. Default-constructed handles are undefined (no statement).
class Stmt {
public:
  Stmt() = default;
  explicit Stmt(std::shared_ptr<const StmtNode> node) : node_(std::move(node)) {}

  bool defined() const { return node_ != nullptr; }
  const StmtNode& node() const { return *node_; }
  const StmtNode* get() const { return node_.get(); }
  template <class T> const T* as() const;
  bool same_as(const Stmt& other) const { return node_ == other.node_; }

private:
  std::shared_ptr<const StmtNode> node_;
};

/// `buffer[indices...] = value`.
struct Store {
  BOOST_HANA_DEFINE_STRUCT(Store, (std::string, buffer), (std::vector<Expr>, indices), (Expr, value));
  static Stmt make(std::string buffer, std::vector<Expr> indices, Expr value);
};

/// `buffer[indices...] = op(buffer[indices...], value)` as one indivisible update (atomicAdd, ...).
struct Atomic {
  BOOST_HANA_DEFINE_STRUCT(Atomic, (BinaryOp, op), (std::string, buffer), (std::vector<Expr>, indices),
                           (Expr, value));
  static Stmt make(BinaryOp op, std::string buffer, std::vector<Expr> indices, Expr value);
};

/// `for var in [min, min + extent)`; a Bound loop's iterations are the threads of a hardware axis.
struct For {
  BOOST_HANA_DEFINE_STRUCT(For, (std::string, var), (Expr, min), (Expr, extent), (ForKind, kind),
                           (HardwareAxis, axis), (Stmt, body));
  static Stmt make(std::string var, Expr min, Expr extent, ForKind kind, HardwareAxis axis, Stmt body);
  /// A loop that is not bound to hardware.
  static Stmt make(std::string var, Expr min, Expr extent, ForKind kind, Stmt body);
};

/// `if (condition) then_case else else_case`; else_case may be undefined.
struct IfThenElse {
  BOOST_HANA_DEFINE_STRUCT(IfThenElse, (Expr, condition), (Stmt, then_case), (Stmt, else_case));
  static Stmt make(Expr condition, Stmt then_case, Stmt else_case = Stmt());
};

/// Binds `name` to `value` in `body`.
struct LetStmt {
  BOOST_HANA_DEFINE_STRUCT(LetStmt, (std::string, name), (Expr, value), (Stmt, body));
  static Stmt make(std::string name, Expr value, Stmt body);
};

/// Statements run in order.
struct Block {
  BOOST_HANA_DEFINE_STRUCT(Block, (std::vector<Stmt>, stmts));
  static Stmt make(std::vector<Stmt> stmts);
};

/// Storage for `buffer` during `body` (contents undefined on entry).
struct Allocate {
  BOOST_HANA_DEFINE_STRUCT(Allocate, (Buffer, buffer), (Stmt, body));
  static Stmt make(Buffer buffer, Stmt body);
};

/// Waits until every thread of `scope` reaches it; memory written before is visible after.
struct Barrier {
  BOOST_HANA_DEFINE_STRUCT(Barrier, (BarrierScope, scope));
  static Stmt make(BarrierScope scope);
};

/// A call of intrinsic `name` from target `target`'s table; buffer operands are Address expressions.
struct IntrinsicCall {
  BOOST_HANA_DEFINE_STRUCT(IntrinsicCall, (std::string, target), (std::string, name),
                           (std::vector<Expr>, args));
  static Stmt make(std::string target, std::string name, std::vector<Expr> args);
};

#define XIR_FOR_EACH_STMT_NODE(X)                                                                  \
  X(Store) X(Atomic) X(For) X(IfThenElse) X(LetStmt) X(Block) X(Allocate) X(Barrier) X(IntrinsicCall)

using StmtVariant =
    std::variant<Store, Atomic, For, IfThenElse, LetStmt, Block, Allocate, Barrier, IntrinsicCall>;
static_assert(std::variant_size_v<StmtVariant> == 0 XIR_FOR_EACH_STMT_NODE(XIR_COUNT_NODE),
              "StmtVariant and XIR_FOR_EACH_STMT_NODE must list the same nodes");

struct StmtNode {
  StmtVariant node;
};

template <class Node> Stmt make_stmt_node(Node node) {
  return Stmt(std::make_shared<const StmtNode>(StmtNode{StmtVariant(std::move(node))}));
}

template <class T> const T* Stmt::as() const {
  return node_ ? std::get_if<T>(&node_->node) : nullptr;
}

} // namespace xir
