#pragma once
// The recursive-descent parser's state: the token stream, the declarations in scope, and the
// nesting depth. Its methods live in parse_expression.cpp, parse_statement.cpp and
// parse_module.cpp.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lexer.hpp"
#include "xir/ir/error.hpp"
#include "xir/ir/kernel.hpp"
#include "xir/text/parser.hpp"

namespace xir::text {

/// The first problem found; caught at the top of parse_module and turned into a Diagnostic.
struct ParseFailure {
  SourceLocation location;
  std::string message;
};

class Parser {
public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Module module();

private:
  // Token stream.
  const Token& peek(std::size_t ahead = 0) const;
  const Token& next();
  bool accept(std::string_view punctuation_or_word);
  const Token& expect(std::string_view punctuation_or_word, std::string_view context);
  const Token& expect_name(std::string_view what);
  [[noreturn]] void fail(SourceLocation location, std::string message) const;

  /// Runs a node's `make`, turning its IRError into a diagnostic at `location`.
  template <class Make> auto build(SourceLocation location, Make&& make) -> decltype(make()) {
    try {
      return make();
    } catch (const IRError& error) {
      fail(location, error.what());
    }
  }

  // Nesting depth, bounded so hostile input cannot exhaust the stack.
  class DepthGuard {
  public:
    DepthGuard(Parser& parser, SourceLocation location);
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

  private:
    Parser& parser_;
  };

  // Declarations in scope (innermost last).
  struct ScopeMark {
    std::size_t vars;
    std::size_t buffers;
  };
  ScopeMark scope_mark() const { return {vars_.size(), buffers_.size()}; }
  void restore(ScopeMark mark) {
    vars_.resize(mark.vars);
    buffers_.resize(mark.buffers);
  }
  void declare_var(const Token& name, Type type);
  void declare_buffer(const Token& name, const Buffer& buffer);
  std::optional<Type> lookup_var(std::string_view name) const;
  const Buffer* lookup_buffer(std::string_view name) const;
  void check_not_keyword(const Token& name) const;

  // Types and enums.
  Type type_name(std::string_view context);
  MemoryScope memory_scope(std::string_view context);

  // Expressions (parse_expression.cpp).
  Expr expression();
  Expr binary(int min_precedence);
  Expr unary();
  Expr primary();
  Expr literal(bool negative);
  Expr function_call(const Token& name);
  Expr cast_expression();
  Expr load_expression(const Token& name);
  Expr address_expression();
  Expr hole_expression();
  std::vector<Expr> argument_list(std::string_view context);
  std::vector<Expr> index_list(const Token& buffer_name, const Buffer& buffer);
  int lanes_literal(std::string_view context);

  // Statements (parse_statement.cpp).
  Stmt body(std::string_view context);
  std::vector<Stmt> items();
  Stmt statement();
  Stmt for_statement();
  Stmt if_statement();
  Stmt allocate_statement();
  Stmt barrier_statement();
  Stmt intrinsic_call_statement();
  Stmt atomic_statement();
  Stmt store_statement();
  Buffer buffer_declaration(const Token& scope_token, bool parse_shape);
  std::vector<Expr> shape_list(const Token& buffer_name);

  // Kernels (parse_module.cpp).
  Kernel kernel();

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::vector<std::pair<std::string, Type>> vars_;
  std::vector<Buffer> buffers_;
};

/// A list of statements as one: the statement itself when there is exactly one, else a Block.
Stmt list_to_stmt(std::vector<Stmt> items);

} // namespace xir::text
