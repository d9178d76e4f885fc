// The parser's infrastructure (tokens, scopes, types) and the module and kernel levels.

#include <algorithm>
#include <array>

#include "parser_state.hpp"

namespace xir {
namespace text {
namespace {

// Words with a meaning of their own; they cannot name variables, buffers or parameters.
// (`cast` too: `cast < n` would read as the start of `cast<type>(...)`.)
constexpr std::array<std::string_view, 16> keywords = {
    "for",    "in",     "if",     "else", "let",   "allocate", "barrier", "call",
    "atomic", "kernel", "module", "true", "false", "inf",      "nan",     "cast",
};

} // namespace

const Token& Parser::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

const Token& Parser::next() {
  const Token& token = tokens_[pos_];
  if (token.kind != TokenKind::End)
    ++pos_;
  return token;
}

bool Parser::accept(std::string_view punctuation_or_word) {
  if (!peek().is(punctuation_or_word))
    return false;
  next();
  return true;
}

const Token& Parser::expect(std::string_view punctuation_or_word, std::string_view context) {
  if (!peek().is(punctuation_or_word))
    fail(peek().location, "expected '" + std::string(punctuation_or_word) + "' " +
                              std::string(context) + ", found " + describe(peek()));
  return next();
}

const Token& Parser::expect_name(std::string_view what) {
  if (peek().kind != TokenKind::Identifier)
    fail(peek().location, "expected " + std::string(what) + ", found " + describe(peek()));
  return next();
}

void Parser::fail(SourceLocation location, std::string message) const {
  throw ParseFailure{location, std::move(message)};
}

Parser::DepthGuard::DepthGuard(Parser& parser, SourceLocation location) : parser_(parser) {
  if (++parser_.depth_ > max_parse_nesting_depth)
    parser_.fail(location,
                 "nesting deeper than " + std::to_string(max_parse_nesting_depth) + " levels");
}

void Parser::check_not_keyword(const Token& name) const {
  if (is_text_keyword(name.text))
    fail(name.location,
         "'" + std::string(name.text) + "' is a keyword and cannot name a declaration");
}

void Parser::declare_var(const Token& name, Type type) {
  check_not_keyword(name);
  vars_.emplace_back(std::string(name.text), type);
}

void Parser::declare_buffer(const Token& name, const Buffer& buffer) {
  check_not_keyword(name);
  buffers_.push_back(buffer);
}

std::optional<Type> Parser::lookup_var(std::string_view name) const {
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
    if (it->first == name)
      return it->second;
  return std::nullopt;
}

const Buffer* Parser::lookup_buffer(std::string_view name) const {
  for (auto it = buffers_.rbegin(); it != buffers_.rend(); ++it)
    if (it->name == name)
      return &*it;
  return nullptr;
}

Type Parser::type_name(std::string_view context) {
  const Token& token = expect_name("a type " + std::string(context));
  std::optional<Type> type = parse_type(token.text);
  if (!type)
    fail(token.location, "unknown type '" + std::string(token.text) + "'");
  return *type;
}

MemoryScope Parser::memory_scope(std::string_view context) {
  const Token& token = expect_name("a memory scope " + std::string(context));
  std::optional<MemoryScope> scope = from_spelling(memory_scope_spellings, token.text);
  if (!scope)
    fail(token.location, "unknown memory scope '" + std::string(token.text) + "'");
  return *scope;
}

Stmt list_to_stmt(std::vector<Stmt> items) {
  if (items.size() == 1)
    return items.front();
  return Block::make(std::move(items));
}

// kernel NAME ( params ) { body }. Buffer shapes may name scalar parameters declared after the
// buffer, so shapes are parsed once every parameter is known.
Kernel Parser::kernel() {
  expect("kernel", "to start a kernel");
  const Token& name = expect_name("a kernel name");
  expect("(", "after the kernel name");
  ScopeMark mark = scope_mark();
  std::vector<Param> params;
  std::vector<std::pair<std::size_t, std::size_t>> shape_positions; // (param index, token position)
  std::vector<const Token*> param_names;
  if (!peek().is(")")) {
    do {
      const Token& first = expect_name("a parameter (a memory scope or a type)");
      if (from_spelling(memory_scope_spellings, first.text)) {
        --pos_;
        MemoryScope scope = memory_scope("");
        Type dtype = type_name("for the buffer's elements");
        const Token& buffer_name = expect_name("a buffer name");
        check_not_keyword(buffer_name);
        if (!peek().is("["))
          fail(peek().location,
               "expected '[' and the shape of buffer '" + std::string(buffer_name.text) + "'");
        shape_positions.emplace_back(params.size(), pos_);
        // Skip the shape: brackets and parentheses balance (a hole's `[lo, hi)` included).
        int open = 0;
        do {
          const Token& t = next();
          if (t.kind == TokenKind::End)
            fail(t.location, "expected ']' to close the shape of buffer '" +
                                 std::string(buffer_name.text) + "'");
          if (t.is("[") || t.is("(") || t.is("{"))
            ++open;
          if (t.is("]") || t.is(")") || t.is("}"))
            --open;
        } while (open > 0);
        params.emplace_back(Buffer{std::string(buffer_name.text), dtype, {}, scope});
        param_names.push_back(&buffer_name);
      } else {
        std::optional<Type> type = parse_type(first.text);
        if (!type)
          fail(first.location, "unknown memory scope or type '" + std::string(first.text) + "'");
        const Token& scalar_name = expect_name("a parameter name");
        check_not_keyword(scalar_name);
        params.emplace_back(ScalarParam{std::string(scalar_name.text), *type});
        param_names.push_back(&scalar_name);
      }
    } while (accept(","));
  }
  expect(")", "after the kernel parameters");
  for (std::size_t i = 0; i < params.size(); ++i)
    if (const auto* scalar = std::get_if<ScalarParam>(&params[i]))
      declare_var(*param_names[i], scalar->type);
  std::size_t resume = pos_;
  for (auto [index, position] : shape_positions) {
    pos_ = position;
    auto& buffer = std::get<Buffer>(params[index]);
    const Token& buffer_name = *param_names[index];
    std::vector<Expr> shape = shape_list(buffer_name);
    buffer = build(buffer_name.location,
                   [&] { return Buffer::make(buffer.name, buffer.dtype, shape, buffer.scope); });
  }
  pos_ = resume;
  for (std::size_t i = 0; i < params.size(); ++i)
    if (const auto* buffer = std::get_if<Buffer>(&params[i]))
      declare_buffer(*param_names[i], *buffer);
  Stmt kernel_body = body("of the kernel");
  restore(mark);
  return build(name.location,
               [&] { return Kernel::make(std::string(name.text), params, kernel_body); });
}

// module target(NAME) kernel*
Module Parser::module() {
  expect("module", "at the start of the module");
  expect("target", "after 'module'");
  expect("(", "after 'target'");
  const Token& target = expect_name("a target name");
  expect(")", "after the target name");
  Module result{std::string(target.text), {}};
  while (peek().kind != TokenKind::End) {
    if (!peek().is("kernel"))
      fail(peek().location,
           "expected 'kernel' or the end of the module, found " + describe(peek()));
    SourceLocation name_location = peek(1).location;
    Kernel k = kernel();
    for (const Kernel& other : result.kernels)
      if (other.name == k.name)
        fail(name_location, "kernel '" + k.name + "' is defined twice");
    result.kernels.push_back(std::move(k));
  }
  return result;
}

} // namespace text

bool is_text_keyword(std::string_view word) {
  return std::find(text::keywords.begin(), text::keywords.end(), word) != text::keywords.end();
}

std::string text_safe_name(std::string name) {
  while (is_text_keyword(name)) name += "_";
  return name;
}

ModuleParseResult parse_module(std::string_view source, std::string_view file_name) {
  ModuleParseResult result;
  auto error_at = [&](SourceLocation location, std::string message) {
    result.error =
        Diagnostic{Severity::Error, std::string(file_name), location, std::move(message)};
    return result;
  };
  text::LexResult lexed = text::lex(source);
  if (!lexed.ok)
    return error_at(lexed.error_location, lexed.error_message);
  try {
    text::Parser parser(std::move(lexed.tokens));
    result.module = parser.module();
  } catch (const text::ParseFailure& failure) {
    return error_at(failure.location, failure.message);
  } catch (const std::exception& error) {
    return error_at({}, std::string("internal parser error: ") + error.what());
  }
  return result;
}

} // namespace xir
