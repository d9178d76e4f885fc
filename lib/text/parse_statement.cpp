// Statements. A list of statements inside braces is one statement (or a Block of several); a
// `let x = v;` scopes over the rest of its list, `let x = v in { ... }` over its own braces, and
// a `{ ... }` item is an explicit Block.

#include <algorithm>

#include "parser_state.hpp"
#include "xir/ir/reflect.hpp"

namespace xir::text {
namespace {

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

std::uint16_t max_lanes(const std::vector<Expr>& indices) {
  std::uint16_t lanes = 1;
  for (const Expr& i : indices)
    lanes = std::max(lanes, i.type().lanes);
  return lanes;
}

} // namespace

Stmt Parser::body(std::string_view context) {
  DepthGuard guard(*this, peek().location);
  expect("{", "to open the body " + std::string(context));
  std::vector<Stmt> list = items();
  expect("}", "to close the body " + std::string(context));
  return list_to_stmt(std::move(list));
}

std::vector<Stmt> Parser::items() {
  // Lets that scope over the rest of the list are collected and closed from the innermost out,
  // so a long chain of lets does not nest the parser.
  struct OpenLet {
    std::string name;
    Expr value;
    SourceLocation location;
    std::vector<Stmt> before;
  };
  std::vector<OpenLet> open_lets;
  std::vector<Stmt> current;
  ScopeMark mark = scope_mark();
  while (!peek().is("}") && peek().kind != TokenKind::End) {
    if (!peek().is("let")) {
      current.push_back(statement());
      continue;
    }
    const Token& let = next();
    const Token& name = expect_name("a variable name after 'let'");
    check_not_keyword(name);
    expect("=", "after the name of the let");
    Expr value = expression();
    if (accept("in")) {
      ScopeMark inner = scope_mark();
      declare_var(name, value.type());
      Stmt let_body = body("of the let");
      restore(inner);
      current.push_back(build(
          let.location, [&] { return LetStmt::make(std::string(name.text), value, let_body); }));
      continue;
    }
    expect(";", "after the value of the let (or 'in {' for a let with its own body)");
    declare_var(name, value.type());
    open_lets.push_back({std::string(name.text), value, let.location, std::move(current)});
    current.clear();
  }
  while (!open_lets.empty()) {
    OpenLet& let = open_lets.back();
    Stmt rest = list_to_stmt(std::move(current));
    Stmt made = build(let.location, [&] { return LetStmt::make(let.name, let.value, rest); });
    current = std::move(let.before);
    current.push_back(made);
    open_lets.pop_back();
  }
  restore(mark);
  return current;
}

Stmt Parser::statement() {
  const Token& token = peek();
  DepthGuard guard(*this, token.location);
  if (token.is("for"))
    return for_statement();
  if (token.is("if"))
    return if_statement();
  if (token.is("allocate"))
    return allocate_statement();
  if (token.is("barrier"))
    return barrier_statement();
  if (token.is("call"))
    return intrinsic_call_statement();
  if (token.is("atomic"))
    return atomic_statement();
  if (token.is("{")) {
    next();
    std::vector<Stmt> list = items();
    expect("}", "to close the block");
    return Block::make(std::move(list));
  }
  if (token.kind == TokenKind::Identifier && peek(1).is("["))
    return store_statement();
  if (token.kind == TokenKind::Identifier && peek(1).is("="))
    fail(token.location, "assignment to " + quoted(token.text) +
                             ": variables are immutable (use 'let', or store to a buffer)");
  fail(token.location, "expected a statement, found " + describe(token));
}

// for NAME in [min, upper) [serial|unrolled|vectorized|parallel|bound(AXIS)] { body }
// The upper bound is `min + extent`; any other upper bound gives the extent `upper - min`.
Stmt Parser::for_statement() {
  const Token& for_token = next();
  const Token& name = expect_name("a loop variable after 'for'");
  check_not_keyword(name);
  expect("in", "after the loop variable");
  expect("[", "to open the loop range");
  const Token& min_start = peek();
  Expr min = expression();
  if (!min.type().is_int() || !min.type().is_scalar())
    fail(min_start.location, "loop bounds must be scalar integers, not " + to_string(min.type()));
  expect(",", "between the loop bounds");
  const Token& upper_start = peek();
  Expr upper = expression();
  if (upper.type() != min.type())
    fail(upper_start.location, "loop bounds have different types (" + to_string(min.type()) +
                                   " and " + to_string(upper.type()) + ")");
  expect(")", "after the loop range (ranges are half-open: [min, upper))");
  Expr extent;
  const std::int64_t* min_value = as_const_int(min);
  const Binary* sum = upper.as<Binary>();
  if (min_value && *min_value == 0) {
    extent = upper;
  } else if (sum && sum->op == BinaryOp::Add && structurally_equal(sum->a, min)) {
    extent = sum->b;
  } else {
    extent = build(upper_start.location, [&] { return Binary::make(BinaryOp::Sub, upper, min); });
  }
  ForKind kind = ForKind::Serial;
  HardwareAxis axis = HardwareAxis::None;
  if (peek().kind == TokenKind::Identifier) {
    const Token& kind_token = next();
    std::optional<ForKind> parsed = from_spelling(for_kind_spellings, kind_token.text);
    if (!parsed)
      fail(kind_token.location, "unknown loop kind " + quoted(kind_token.text) +
                                    " (serial, unrolled, vectorized, parallel or bound(axis))");
    kind = *parsed;
    if (kind == ForKind::Bound) {
      expect("(", "after 'bound'");
      const Token& axis_token = expect_name("a hardware axis");
      std::optional<HardwareAxis> parsed_axis =
          from_spelling(hardware_axis_spellings, axis_token.text);
      if (!parsed_axis || *parsed_axis == HardwareAxis::None)
        fail(axis_token.location, "unknown hardware axis " + quoted(axis_token.text));
      axis = *parsed_axis;
      expect(")", "after the hardware axis");
    }
  }
  ScopeMark mark = scope_mark();
  declare_var(name, min.type());
  Stmt loop_body = body("of the loop");
  restore(mark);
  return build(for_token.location, [&] {
    return For::make(std::string(name.text), min, extent, kind, axis, loop_body);
  });
}

// if (condition) { then } [else { else }]
Stmt Parser::if_statement() {
  const Token& if_token = next();
  expect("(", "after 'if'");
  const Token& condition_start = peek();
  Expr condition = expression();
  if (condition.type() != Type::boolean())
    fail(condition_start.location, "condition must be bool, not " + to_string(condition.type()));
  expect(")", "after the condition");
  Stmt then_case = body("of the if");
  Stmt else_case;
  if (accept("else"))
    else_case = body("of the else");
  return build(if_token.location,
               [&] { return IfThenElse::make(condition, then_case, else_case); });
}

std::vector<Expr> Parser::shape_list(const Token& buffer_name) {
  expect("[", "before the shape of " + quoted(buffer_name.text));
  std::vector<Expr> shape;
  do {
    const Token& start = peek();
    Expr extent = expression();
    if (!extent.type().is_int() || !extent.type().is_scalar())
      fail(start.location, "extent of buffer " + quoted(buffer_name.text) +
                               " must be a scalar integer, not " + to_string(extent.type()));
    shape.push_back(extent);
  } while (accept(","));
  expect("]", "after the shape of " + quoted(buffer_name.text));
  return shape;
}

// allocate SCOPE TYPE NAME[shape] { body }
Stmt Parser::allocate_statement() {
  const Token& allocate = next();
  MemoryScope scope = memory_scope("after 'allocate'");
  Type dtype = type_name("for the buffer's elements");
  const Token& name = expect_name("a buffer name");
  check_not_keyword(name);
  std::vector<Expr> shape = shape_list(name);
  Buffer buffer = build(name.location,
                        [&] { return Buffer::make(std::string(name.text), dtype, shape, scope); });
  ScopeMark mark = scope_mark();
  declare_buffer(name, buffer);
  Stmt allocate_body = body("of the allocation");
  restore(mark);
  return build(allocate.location, [&] { return Allocate::make(buffer, allocate_body); });
}

// barrier(SCOPE);
Stmt Parser::barrier_statement() {
  next();
  expect("(", "after 'barrier'");
  const Token& scope_token = expect_name("a barrier scope (block, warp, cluster or all)");
  std::optional<BarrierScope> scope = from_spelling(barrier_scope_spellings, scope_token.text);
  if (!scope)
    fail(scope_token.location, "unknown barrier scope " + quoted(scope_token.text));
  expect(")", "after the barrier scope");
  expect(";", "after the barrier");
  return Barrier::make(*scope);
}

// call TARGET.NAME(args);
Stmt Parser::intrinsic_call_statement() {
  const Token& call = next();
  const Token& callee = expect_name("an intrinsic '<target>.<name>' after 'call'");
  std::size_t dot = callee.text.find('.');
  if (dot == std::string_view::npos)
    fail(callee.location,
         "expected an intrinsic as '<target>.<name>', found " + quoted(callee.text));
  std::vector<Expr> args = argument_list("of the intrinsic call");
  expect(";", "after the intrinsic call");
  return build(call.location, [&] {
    return IntrinsicCall::make(std::string(callee.text.substr(0, dot)),
                               std::string(callee.text.substr(dot + 1)), args);
  });
}

// atomic NAME[indices] OP= value;   OP is + - min max & | ^
Stmt Parser::atomic_statement() {
  next();
  const Token& name = expect_name("a buffer name after 'atomic'");
  const Buffer* found = lookup_buffer(name.text);
  if (!found)
    fail(name.location, "use of undeclared buffer " + quoted(name.text));
  Buffer buffer = *found;
  std::vector<Expr> indices = index_list(name, buffer);
  const Token& op_token = peek();
  std::optional<BinaryOp> op;
  if (op_token.kind == TokenKind::Punctuation || op_token.is("min") || op_token.is("max"))
    op = from_spelling(binary_op_spellings, op_token.text);
  if (!op || !peek(1).is("="))
    fail(op_token.location,
         "expected an atomic update (+=, -=, min=, max=, &=, |=, ^=), found " + describe(op_token));
  next();
  next();
  const Token& value_start = peek();
  Expr value = expression();
  expect(";", "after the atomic update");
  if (max_lanes(indices) != 1)
    fail(name.location, "atomic updates take scalar indices");
  if (value.type() != buffer.dtype)
    fail(value_start.location, "atomic update of " + to_string(buffer.dtype) + " buffer " +
                                   quoted(buffer.name) + " with a value of type " +
                                   to_string(value.type()));
  return build(op_token.location, [&] { return Atomic::make(*op, buffer.name, indices, value); });
}

// NAME[indices] = value;
Stmt Parser::store_statement() {
  const Token& name = next();
  const Buffer* found = lookup_buffer(name.text);
  if (!found)
    fail(name.location, "use of undeclared buffer " + quoted(name.text));
  Buffer buffer = *found;
  std::vector<Expr> indices = index_list(name, buffer);
  expect("=", "after the indices of the store");
  const Token& value_start = peek();
  Expr value = expression();
  expect(";", "after the stored value");
  Type expected = buffer.dtype.with_lanes(max_lanes(indices));
  if (value.type() != expected)
    fail(value_start.location, "store of a value of type " + to_string(value.type()) + " to " +
                                   quoted(buffer.name) + ", which expects " + to_string(expected));
  return build(name.location, [&] { return Store::make(buffer.name, indices, value); });
}

} // namespace xir::text
