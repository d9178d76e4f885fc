#include "xir/text/printer.hpp"

#include <type_traits>

#include "literal_format.hpp"
#include "node_syntax.hpp"
#include "xir/ir/reflect.hpp"

namespace xir {
namespace {

using text::lowest_precedence;
using text::primary_precedence;
using text::unary_precedence;

class Printer {
public:
  std::string out;

  // ---- expressions -------------------------------------------------------------------------

  void expr(const Expr& e, int context = lowest_precedence) {
    if (!e.defined()) {
      out += "<undefined>";
      return;
    }
    std::visit([&](const auto& node) { expr_node(node, e, context); }, e.node().node);
  }

  void expr_node(const IntImm& node, const Expr& self, int) {
    if (self.type().is_bool()) {
      out += node.value ? "true" : "false";
      return;
    }
    out += std::to_string(node.value) + text::immediate_type_suffix(self.type());
  }

  void expr_node(const FloatImm& node, const Expr& self, int) {
    out += text::format_float(node.value) + text::immediate_type_suffix(self.type());
  }

  void expr_node(const Binary& node, const Expr& self, int context) {
    if (node.op == BinaryOp::Min || node.op == BinaryOp::Max) {
      out += to_string(node.op);
      out += "(";
      expr(node.a);
      out += ", ";
      expr(node.b);
      out += ")";
      return;
    }
    int p = text::precedence(node.op);
    bool parens = p < context;
    if (parens)
      out += "(";
    expr(node.a, p);
    out += " ";
    out += to_string(node.op);
    out += " ";
    expr(node.b, p + 1); // left-associative: an equal-precedence right operand needs parentheses
    if (parens)
      out += ")";
  }

  void expr_node(const Unary& node, const Expr& self, int context) {
    bool parens = unary_precedence < context;
    if (parens)
      out += "(";
    out += to_string(node.op);
    // `-5` reads as the immediate -5, so the negation of an immediate keeps its operand apart.
    bool is_immediate = node.a.as<IntImm>() || node.a.as<FloatImm>();
    if (is_immediate && node.op == UnaryOp::Neg) {
      out += "(";
      expr(node.a);
      out += ")";
    } else {
      expr(node.a, unary_precedence);
    }
    if (parens)
      out += ")";
  }

  void expr_node(const Hole& node, const Expr& self, int) {
    out += "?" + node.name + " : " + to_string(self.type()) + " in ";
    if (node.lo.defined()) {
      out += "[";
      expr(node.lo);
      out += ", ";
      expr(node.hi);
      out += ")";
    } else {
      out += "{";
      expr_list(node.choices);
      out += "}";
    }
  }

  template <class Node> void expr_node(const Node& node, const Expr& self, int) {
    static_assert(text::has_node_syntax<Node>, "every expression node needs a syntax");
    render(node, text::node_syntax<Node>, self.type());
  }

  void expr_list(const std::vector<Expr>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i)
        out += ", ";
      expr(list[i]);
    }
  }

  // ---- template rendering: fields printed by their type --------------------------------------

  void field(const Expr& e) { expr(e); }
  void field(const std::vector<Expr>& list) { expr_list(list); }
  void field(const std::string& s) { out += s; }
  void field(int value) { out += std::to_string(value); }
  void field(Type type) { out += to_string(type); }
  template <class Enum>
  requires std::is_enum_v<Enum>
  void field(Enum value) { out += to_string(value); }

  template <class Node> void render(const Node& node, std::string_view syntax, Type type) {
    std::size_t i = 0;
    while (i < syntax.size()) {
      if (syntax[i] != '{') {
        out += syntax[i++];
        continue;
      }
      std::size_t close = syntax.find('}', i);
      std::string_view name = syntax.substr(i + 1, close - i - 1);
      if (name == "type") {
        field(type);
      } else {
        for_each_field(node, [&](const char* field_name, const auto& value) {
          if (name == field_name)
            field(value);
        });
      }
      i = close + 1;
    }
  }

  // ---- statements ----------------------------------------------------------------------------

  int indent = 0;

  void line_start() { out.append(static_cast<std::size_t>(indent) * 2, ' '); }

  // A block body: the statements of a Block, or the one statement. A one-statement Block is
  // printed as an explicit `{ ... }` item so it reads back as a Block.
  void body(const Stmt& s) {
    const Block* block = s.as<Block>();
    if (block && block->stmts.size() != 1) {
      items(block->stmts);
    } else {
      items({s});
    }
  }

  void nested_body(const Stmt& s) {
    ++indent;
    body(s);
    --indent;
  }

  void items(const std::vector<Stmt>& list) {
    for (std::size_t i = 0; i < list.size(); ++i)
      item(list[i], i + 1 == list.size());
  }

  void item(const Stmt& s, bool last) {
    line_start();
    if (!s.defined()) {
      out += "<undefined>;\n";
      return;
    }
    std::visit([&](const auto& node) { stmt_node(node, last); }, s.node().node);
  }

  void stmt_node(const Block& node, bool) {
    out += "{\n";
    ++indent;
    items(node.stmts);
    --indent;
    line_start();
    out += "}\n";
  }

  // The last let of a list scopes over the rest of the list; any other let needs its own braces.
  void stmt_node(const LetStmt& node, bool last) {
    out += "let " + node.name + " = ";
    expr(node.value);
    if (last) {
      out += ";\n";
      body(node.body);
      return;
    }
    out += " in {\n";
    close_braced(node.body);
  }

  void stmt_node(const For& node, bool) {
    out += "for " + node.var + " in [";
    expr(node.min);
    out += ", ";
    const std::int64_t* min = as_const_int(node.min);
    if (min && *min == 0) {
      expr(node.extent);
    } else {
      // The upper bound is `min + extent`, printed as that sum so the parser can take it apart.
      expr(node.min, text::precedence(BinaryOp::Add));
      out += " + ";
      expr(node.extent, text::precedence(BinaryOp::Add) + 1);
    }
    out += ")";
    if (node.kind == ForKind::Bound) {
      out += " bound(";
      out += to_string(node.axis);
      out += ")";
    } else if (node.kind != ForKind::Serial) {
      out += " ";
      out += to_string(node.kind);
    }
    out += " {\n";
    close_braced(node.body);
  }

  void stmt_node(const IfThenElse& node, bool) {
    out += "if (";
    expr(node.condition);
    out += ") {\n";
    nested_body(node.then_case);
    line_start();
    if (node.else_case.defined()) {
      out += "} else {\n";
      close_braced(node.else_case);
    } else {
      out += "}\n";
    }
  }

  void stmt_node(const Allocate& node, bool) {
    out += "allocate ";
    buffer_declaration(node.buffer);
    out += " {\n";
    close_braced(node.body);
  }

  template <class Node> void stmt_node(const Node& node, bool) {
    static_assert(text::has_node_syntax<Node>, "every statement node needs a syntax");
    render(node, text::node_syntax<Node>, Type());
    out += "\n";
  }

  void close_braced(const Stmt& s) {
    nested_body(s);
    line_start();
    out += "}\n";
  }

  // ---- kernels and modules -------------------------------------------------------------------

  void buffer_declaration(const Buffer& buffer) {
    out += to_string(buffer.scope);
    out += " " + to_string(buffer.dtype) + " " + buffer.name + "[";
    expr_list(buffer.shape);
    out += "]";
  }

  void kernel(const Kernel& k) {
    out += "kernel " + k.name + "(";
    for (std::size_t i = 0; i < k.params.size(); ++i) {
      if (i)
        out += ", ";
      if (const Buffer* buffer = std::get_if<Buffer>(&k.params[i])) {
        buffer_declaration(*buffer);
      } else {
        const auto& scalar = std::get<ScalarParam>(k.params[i]);
        out += to_string(scalar.type) + " " + scalar.name;
      }
    }
    out += ") {\n";
    close_braced(k.body);
  }
};

} // namespace

std::string print(const Expr& expr) {
  Printer printer;
  printer.expr(expr);
  return std::move(printer.out);
}

std::string print(const Stmt& stmt, int indent) {
  Printer printer;
  printer.indent = indent;
  printer.body(stmt);
  return std::move(printer.out);
}

std::string print(const Kernel& kernel) {
  Printer printer;
  printer.kernel(kernel);
  return std::move(printer.out);
}

std::string print(const Module& module) {
  Printer printer;
  printer.out = "module target(" + module.target + ")\n";
  for (const Kernel& k : module.kernels) {
    printer.out += "\n";
    printer.kernel(k);
  }
  return std::move(printer.out);
}

} // namespace xir
