#include "describe.hpp"

#include <sstream>

namespace xir::interp::detail {
namespace {

std::string list(const std::vector<Expr>& exprs) {
  std::string s;
  for (const Expr& e : exprs)
    s += (s.empty() ? "" : ", ") + describe(e);
  return s;
}

struct ExprText {
  const Expr& self;
  std::string operator()(const IntImm& n) const {
    if (self.type().is_bool())
      return n.value ? "true" : "false";
    return std::to_string(n.value);
  }
  std::string operator()(const FloatImm& n) const {
    std::ostringstream s;
    s.precision(9);
    s << n.value;
    return s.str();
  }
  std::string operator()(const Var& n) const { return n.name; }
  std::string operator()(const Binary& n) const {
    if (n.op == BinaryOp::Min || n.op == BinaryOp::Max)
      return std::string(to_string(n.op)) + "(" + describe(n.a) + ", " + describe(n.b) + ")";
    return "(" + describe(n.a) + " " + std::string(to_string(n.op)) + " " + describe(n.b) + ")";
  }
  std::string operator()(const Unary& n) const {
    return std::string(to_string(n.op)) + describe(n.a);
  }
  std::string operator()(const Select& n) const {
    return "select(" + describe(n.condition) + ", " + describe(n.true_value) + ", " +
           describe(n.false_value) + ")";
  }
  std::string operator()(const Cast& n) const {
    return to_string(self.type()) + "(" + describe(n.value) + ")";
  }
  std::string operator()(const Load& n) const { return n.buffer + "[" + list(n.indices) + "]"; }
  std::string operator()(const Ramp& n) const {
    return "ramp(" + describe(n.base) + ", " + describe(n.stride) + ", " + std::to_string(n.lanes) +
           ")";
  }
  std::string operator()(const Broadcast& n) const {
    return "broadcast(" + describe(n.value) + ", " + std::to_string(n.lanes) + ")";
  }
  std::string operator()(const Call& n) const { return n.function + "(" + list(n.args) + ")"; }
  std::string operator()(const Address& n) const {
    return "&" + n.buffer + "[" + list(n.indices) + "]";
  }
  std::string operator()(const Hole& n) const { return "?" + n.name; }
};

struct StmtText {
  std::string operator()(const Store& n) const {
    return n.buffer + "[" + list(n.indices) + "] = " + describe(n.value);
  }
  std::string operator()(const Atomic& n) const {
    return "atomic " + n.buffer + "[" + list(n.indices) + "] " + std::string(to_string(n.op)) +
           "= " + describe(n.value);
  }
  std::string operator()(const For& n) const {
    std::string kind =
        n.kind == ForKind::Bound ? std::string(to_string(n.axis)) : std::string(to_string(n.kind));
    return "for " + n.var + " in [" + describe(n.min) + ", " + describe(n.min) + " + " +
           describe(n.extent) + ") " + kind;
  }
  std::string operator()(const IfThenElse& n) const { return "if (" + describe(n.condition) + ")"; }
  std::string operator()(const LetStmt& n) const {
    return "let " + n.name + " = " + describe(n.value);
  }
  std::string operator()(const Block& n) const {
    return "{ " + std::to_string(n.stmts.size()) + " statements }";
  }
  std::string operator()(const Allocate& n) const {
    return "allocate " + n.buffer.name + ": " + to_string(n.buffer.dtype) + "[" +
           list(n.buffer.shape) + "] in " + std::string(to_string(n.buffer.scope));
  }
  std::string operator()(const Barrier& n) const {
    return "barrier(" + std::string(to_string(n.scope)) + ")";
  }
  std::string operator()(const IntrinsicCall& n) const {
    return n.target + "." + n.name + "(" + list(n.args) + ")";
  }
};

} // namespace

std::string describe(const Expr& e) {
  if (!e.defined())
    return "<undefined>";
  return std::visit(ExprText{e}, e.node().node);
}

std::string describe(const Stmt& s) {
  if (!s.defined())
    return "<undefined>";
  return std::visit(StmtText{}, s.node().node);
}

} // namespace xir::interp::detail
