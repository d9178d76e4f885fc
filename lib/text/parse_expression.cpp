// Expressions: C precedence climbing over unary and primary expressions. Every node is built
// through its `make`, and the checks `make` leaves to its callers (declared names, index counts,
// arities, literal types) happen here, each reported at the construct's first token.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "node_syntax.hpp"
#include "parser_state.hpp"

namespace xir::text {
namespace {

std::optional<BinaryOp> infix_operator(const Token& token) {
  if (token.kind != TokenKind::Punctuation)
    return std::nullopt;
  for (const auto& [op, spelling] : binary_op_spellings)
    if (spelling == token.text && op != BinaryOp::Min && op != BinaryOp::Max)
      return op;
  return std::nullopt;
}

std::optional<UnaryOp> prefix_operator(const Token& token) {
  if (token.kind != TokenKind::Punctuation)
    return std::nullopt;
  return from_spelling(unary_op_spellings, token.text);
}

bool is_number(const Token& token) {
  return token.kind == TokenKind::Integer || token.kind == TokenKind::Float;
}
bool is_float_word(const Token& token) {
  return token.is("inf") || token.is("nan");
}

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

} // namespace

Expr Parser::expression() {
  DepthGuard guard(*this, peek().location);
  return binary(1);
}

Expr Parser::binary(int min_precedence) {
  Expr lhs = unary();
  while (true) {
    const Token& op_token = peek();
    std::optional<BinaryOp> op = infix_operator(op_token);
    if (!op || precedence(*op) < min_precedence)
      return lhs;
    next();
    Expr rhs = binary(precedence(*op) + 1);
    if (lhs.type() != rhs.type())
      fail(op_token.location, "operands of " + quoted(op_token.text) + " have different types (" +
                                  to_string(lhs.type()) + " and " + to_string(rhs.type()) + ")");
    lhs = build(op_token.location, [&] { return Binary::make(*op, lhs, rhs); });
  }
}

Expr Parser::unary() {
  const Token& token = peek();
  // `-5` and `-inf` are immediates; the negation of an immediate is written `-(5)`.
  if (token.is("-") && (is_number(peek(1)) || is_float_word(peek(1)))) {
    next();
    return literal(true);
  }
  if (std::optional<UnaryOp> op = prefix_operator(token)) {
    DepthGuard guard(*this, token.location);
    next();
    Expr operand = unary();
    return build(token.location, [&] { return Unary::make(*op, operand); });
  }
  return primary();
}

Expr Parser::primary() {
  const Token& token = peek();
  if (is_number(token) || is_float_word(token))
    return literal(false);
  if (token.is("true") || token.is("false")) {
    next();
    return make_bool(token.is("true"));
  }
  if (token.is("(")) {
    next();
    Expr inner = expression();
    expect(")", "to close the parenthesized expression");
    return inner;
  }
  if (token.is("?"))
    return hole_expression();
  if (token.is("&"))
    return address_expression();
  if (token.kind != TokenKind::Identifier)
    fail(token.location, "expected an expression, found " + describe(token));
  if (token.is("cast") && peek(1).is("<"))
    return cast_expression();
  next();
  if (peek().is("("))
    return function_call(token);
  if (peek().is("["))
    return load_expression(token);
  std::optional<Type> type = lookup_var(token.text);
  if (!type)
    fail(token.location, "use of undeclared variable " + quoted(token.text));
  return Var::make(*type, std::string(token.text));
}

// INTEGER[:type] | FLOAT[:type] | inf[:type] | nan[:type], after an optional '-' already consumed.
Expr Parser::literal(bool negative) {
  // A negative literal is located at its '-', the token before the number.
  SourceLocation location = negative ? tokens_[pos_ - 1].location : peek().location;
  const Token& token = next();
  const bool is_integer = token.kind == TokenKind::Integer;
  Type type = is_integer ? Type::i32() : Type::f32();
  if (accept(":"))
    type = type_name("after ':' in a literal");
  const std::string text(token.text);
  if (is_integer) {
    if (!type.is_scalar() || !(type.is_int() || type.is_bool()))
      fail(location, "integer literal " + text + " cannot have type " + to_string(type) +
                         (type.is_float() ? " (write it with a '.', like " + text + ".0)" : ""));
    std::uint64_t magnitude = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), magnitude);
    const std::uint64_t limit =
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
    if (ec != std::errc() || end != text.data() + text.size() || magnitude > limit)
      fail(location,
           "integer literal " + std::string(negative ? "-" : "") + text + " is out of range");
    std::int64_t value =
        negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return build(location, [&] {
      try {
        return IntImm::make(type, value);
      } catch (const IRError&) {
        throw IRError("integer literal " + std::to_string(value) + " does not fit " +
                      to_string(type));
      }
    });
  }
  if (!type.is_scalar() || !type.is_float())
    fail(location, "floating-point literal " + text + " cannot have type " + to_string(type));
  double value;
  if (token.is("inf")) {
    value = std::numeric_limits<double>::infinity();
  } else if (token.is("nan")) {
    value = std::numeric_limits<double>::quiet_NaN();
  } else {
    // strtod reads subnormals exactly (std::from_chars reports them as out of range).
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || std::isinf(value))
      fail(location, "floating-point literal " + text + " is out of range");
  }
  return FloatImm::make(type, negative ? -value : value);
}

std::vector<Expr> Parser::argument_list(std::string_view context) {
  std::vector<Expr> args;
  expect("(", context);
  if (!peek().is(")")) {
    do
      args.push_back(expression());
    while (accept(","));
  }
  expect(")", "after the arguments " + std::string(context));
  return args;
}

int Parser::lanes_literal(std::string_view context) {
  const Token& token = peek();
  if (token.kind != TokenKind::Integer)
    fail(token.location,
         "expected the lane count " + std::string(context) + ", found " + describe(token));
  next();
  int lanes = 0;
  auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), lanes);
  if (ec != std::errc() || lanes < 2 || lanes > 1024)
    fail(token.location, "lane count " + std::string(token.text) + " is not in [2, 1024]");
  return lanes;
}

// select(c, a, b), ramp(base, stride, lanes), broadcast(value, lanes), min(a, b), max(a, b), and
// the math functions of known_math_functions().
Expr Parser::function_call(const Token& name) {
  const std::string function(name.text);
  auto expect_arity = [&](const std::vector<Expr>& args, std::size_t arity) {
    if (args.size() != arity)
      fail(name.location, quoted(function) + " takes " + std::to_string(arity) + " argument" +
                              (arity == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
  };
  if (function == "ramp" || function == "broadcast") {
    const bool ramp = function == "ramp";
    expect("(", "after " + quoted(function));
    Expr first = expression();
    Expr stride;
    if (ramp) {
      expect(",", "after the base of 'ramp'");
      stride = expression();
    }
    expect(",", "before the lane count of " + quoted(function));
    int lanes = lanes_literal("of " + quoted(function));
    expect(")", "after the arguments of " + quoted(function));
    return build(name.location, [&] {
      return ramp ? Ramp::make(first, stride, lanes) : Broadcast::make(first, lanes);
    });
  }
  std::vector<Expr> args = argument_list("after " + quoted(function));
  if (function == "select") {
    expect_arity(args, 3);
    return build(name.location, [&] { return Select::make(args[0], args[1], args[2]); });
  }
  if (function == "min" || function == "max") {
    expect_arity(args, 2);
    if (args[0].type() != args[1].type())
      fail(name.location, "arguments of " + quoted(function) + " have different types (" +
                              to_string(args[0].type()) + " and " + to_string(args[1].type()) +
                              ")");
    BinaryOp op = function == "min" ? BinaryOp::Min : BinaryOp::Max;
    return build(name.location, [&] { return Binary::make(op, args[0], args[1]); });
  }
  const auto& known = known_math_functions();
  auto it = std::find_if(known.begin(), known.end(),
                         [&](const MathFunction& f) { return f.name == function; });
  if (it == known.end())
    fail(name.location, "unknown function " + quoted(function));
  expect_arity(args, static_cast<std::size_t>(it->arity));
  return build(name.location, [&] { return Call::make(args[0].type(), function, args); });
}

Expr Parser::cast_expression() {
  const Token& cast = next();
  expect("<", "after 'cast'");
  Type type = type_name("in 'cast<...>'");
  expect(">", "after the type of 'cast'");
  expect("(", "after 'cast<" + to_string(type) + ">'");
  Expr value = expression();
  expect(")", "after the operand of 'cast'");
  return build(cast.location, [&] { return Cast::make(type, value); });
}

std::vector<Expr> Parser::index_list(const Token& buffer_name, const Buffer& buffer) {
  const Token& open = expect("[", "before the indices of " + quoted(buffer_name.text));
  std::vector<Expr> indices;
  do {
    const Token& start = peek();
    Expr index = expression();
    if (!index.type().is_int())
      fail(start.location, "index of type " + to_string(index.type()) + " is not an integer");
    indices.push_back(index);
  } while (accept(","));
  expect("]", "after the indices of " + quoted(buffer_name.text));
  if (indices.size() != buffer.shape.size())
    fail(open.location,
         "buffer " + quoted(buffer.name) + " has " + std::to_string(buffer.shape.size()) +
             " dimension" + (buffer.shape.size() == 1 ? "" : "s") + " but is indexed with " +
             std::to_string(indices.size()) + " ind" + (indices.size() == 1 ? "ex" : "ices"));
  return indices;
}

Expr Parser::load_expression(const Token& name) {
  const Buffer* buffer = lookup_buffer(name.text);
  if (!buffer)
    fail(name.location, "use of undeclared buffer " + quoted(name.text));
  Buffer declared = *buffer;
  std::vector<Expr> indices = index_list(name, declared);
  std::uint16_t lanes = 1;
  for (const Expr& i : indices)
    lanes = std::max(lanes, i.type().lanes);
  return build(name.location, [&] {
    return Load::make(declared.dtype.with_lanes(lanes), declared.name, indices);
  });
}

Expr Parser::address_expression() {
  const Token& ampersand = next();
  const Token& name = expect_name("a buffer name after '&'");
  const Buffer* buffer = lookup_buffer(name.text);
  if (!buffer)
    fail(name.location, "use of undeclared buffer " + quoted(name.text));
  Buffer declared = *buffer;
  std::vector<Expr> indices = index_list(name, declared);
  return build(ampersand.location,
               [&] { return Address::make(declared.dtype, declared.name, indices); });
}

// ?name : type in [lo, hi)  |  ?name : type in {c0, c1, ...}
Expr Parser::hole_expression() {
  const Token& question = next();
  const Token& name = expect_name("a hole name after '?'");
  expect(":", "after the hole name");
  Type type = type_name("of the hole");
  expect("in", "before the domain of the hole");
  auto check_type = [&](const Token& start, const Expr& e) {
    if (e.type() != type)
      fail(start.location, "value of type " + to_string(e.type()) + " in the domain of hole ?" +
                               std::string(name.text) + " : " + to_string(type));
  };
  if (accept("[")) {
    const Token& lo_start = peek();
    Expr lo = expression();
    check_type(lo_start, lo);
    expect(",", "between the bounds of the hole");
    const Token& hi_start = peek();
    Expr hi = expression();
    check_type(hi_start, hi);
    expect(")", "after the upper bound of the hole (ranges are half-open: [lo, hi))");
    return build(question.location,
                 [&] { return Hole::make_range(type, std::string(name.text), lo, hi); });
  }
  if (!peek().is("{"))
    fail(peek().location,
         "expected '[' or '{' for the domain of the hole, found " + describe(peek()));
  next();
  std::vector<Expr> choices;
  do {
    const Token& start = peek();
    Expr choice = expression();
    check_type(start, choice);
    choices.push_back(choice);
  } while (accept(","));
  expect("}", "after the choices of the hole");
  return build(question.location,
               [&] { return Hole::make_choice(type, std::string(name.text), choices); });
}

} // namespace xir::text
