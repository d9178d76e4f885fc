// Loops whose variable takes values known at lift time: the body is lifted once per value.
//   for (int v = 16; v > 0; v /= 2)       constant start, bound and update (lift_constant_trip_loop)
//   for (;; s.tile /= 2) { ... break; }   a local (or struct field) set to a constant before the
//                                         loop, left by break or return (lift_known_value_loop)
// The second form is how host code picks a tile size that fits: it has no trip count, but at some
// known value the body surely leaves the loop, which bounds the copies.

#include "function_lifter.hpp"
#include "stmt_building.hpp"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <algorithm>

namespace xir::frontend {
namespace {

constexpr int max_known_value_trips = 64;

std::optional<std::int64_t> next_value(std::int64_t x, clang::BinaryOperatorKind update, std::int64_t amount) {
  switch (update) {
  case clang::BO_DivAssign: return amount == 0 ? std::nullopt : std::optional(x / amount);
  case clang::BO_MulAssign: {
    std::int64_t product = 0;
    return __builtin_mul_overflow(x, amount, &product) ? std::nullopt : std::optional(product);
  }
  case clang::BO_ShrAssign: return (amount < 0 || amount > 62) ? std::nullopt : std::optional(x >> amount);
  case clang::BO_ShlAssign: return (amount < 0 || amount > 62) ? std::nullopt : std::optional(x << amount);
  case clang::BO_AddAssign:
  case clang::BO_SubAssign: {
    std::int64_t result = 0;
    const bool overflow = update == clang::BO_AddAssign ? __builtin_add_overflow(x, amount, &result)
                                                        : __builtin_sub_overflow(x, amount, &result);
    return overflow ? std::nullopt : std::optional(result);
  }
  default: return std::nullopt;
  }
}

bool is_multiplicative(clang::BinaryOperatorKind update) {
  return update == clang::BO_DivAssign || update == clang::BO_MulAssign || update == clang::BO_ShrAssign ||
         update == clang::BO_ShlAssign;
}

// The variable a loop updates: `v`, or field `f` of the struct local `s` in `s.f`.
struct LoopVariable {
  const clang::VarDecl* var = nullptr;
  const clang::FieldDecl* field = nullptr;  // null: the variable itself
};

// `e` as a local or a field of one (`s.f`, `s.a.b`: the outermost field below the local); nullopt
// for anything else (`field` is null where `e` is the local itself).
std::optional<LoopVariable> loop_variable_of(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  const clang::FieldDecl* field = nullptr;
  while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    if (member->isArrow()) return std::nullopt;
    field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (!field) return std::nullopt;
    e = member->getBase()->IgnoreParenImpCasts();
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (!var) return std::nullopt;
  return LoopVariable{var, field};
}

// Whether writing `e` may change `at`: `e` is `at`, or the whole local holding it.
bool overlaps(const clang::Expr* e, const LoopVariable& at) {
  auto written = loop_variable_of(e);
  return written && written->var == at.var && (!written->field || !at.field || written->field == at.field);
}

// Whether a statement may write `at`: assigns or increments it, takes its address, or passes it
// (or its struct) by non-const reference or as the object of a non-const method.
class LoopVariableWriteFinder : public clang::RecursiveASTVisitor<LoopVariableWriteFinder> {
public:
  explicit LoopVariableWriteFinder(LoopVariable at) : at_(at) {}
  bool found = false;

  bool VisitBinaryOperator(clang::BinaryOperator* op) {
    if (op->isAssignmentOp() && overlaps(op->getLHS(), at_)) found = true;
    return !found;
  }
  bool VisitUnaryOperator(clang::UnaryOperator* op) {
    if ((op->isIncrementDecrementOp() || op->getOpcode() == clang::UO_AddrOf) && overlaps(op->getSubExpr(), at_))
      found = true;
    return !found;
  }
  bool VisitCallExpr(clang::CallExpr* call) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      const auto* method = member->getMethodDecl();
      if (overlaps(member->getImplicitObjectArgument(), at_) && (!method || !method->isConst())) found = true;
    }
    // An operator call's object is its first argument; methods have one parameter fewer.
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
    const unsigned first = op && method ? 1 : 0;
    if (op && method && !method->isConst() && call->getNumArgs() > 0 && overlaps(call->getArg(0), at_)) found = true;
    for (unsigned i = first; i < call->getNumArgs(); ++i) {
      if (!overlaps(call->getArg(i), at_)) continue;
      const unsigned p = i - first;
      if (!callee || p >= callee->getNumParams()) {
        found = true;  // a variadic or unknown parameter: assume the worst
        continue;
      }
      clang::QualType type = callee->getParamDecl(p)->getType();
      if (type->isReferenceType() && !type.getNonReferenceType().isConstQualified()) found = true;
    }
    return !found;
  }

private:
  LoopVariable at_;
};

bool may_write(const clang::Stmt* s, LoopVariable at) {
  LoopVariableWriteFinder finder(at);
  finder.TraverseStmt(const_cast<clang::Stmt*>(s));
  return finder.found;
}

// The compound statement of which `target` (or `target` under attributes) is a direct child.
const clang::CompoundStmt* enclosing_block(const clang::Stmt* root, const clang::Stmt* target) {
  if (!root) return nullptr;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(root))
    for (const clang::Stmt* child : block->body()) {
      const auto* attributed = llvm::dyn_cast<clang::AttributedStmt>(child);
      if (child == target || (attributed && attributed->getSubStmt() == target)) return block;
    }
  for (const clang::Stmt* child : root->children())
    if (const auto* found = enclosing_block(child, target)) return found;
  return nullptr;
}

// A `continue` of the loop whose body is `s` (not of loops nested in it).
bool contains_continue(const clang::Stmt* s) {
  if (!s) return false;
  if (llvm::isa<clang::ContinueStmt>(s)) return true;
  if (llvm::isa<clang::ForStmt>(s) || llvm::isa<clang::WhileStmt>(s) || llvm::isa<clang::DoStmt>(s) ||
      llvm::isa<clang::CXXForRangeStmt>(s) || llvm::isa<clang::LambdaExpr>(s))
    return false;
  return std::any_of(s->child_begin(), s->child_end(), contains_continue);
}

bool is_cleared_test(const Expr& condition, const std::string& flag) {
  const auto* test = condition.as<Binary>();
  const auto* load = test ? test->a.as<Load>() : nullptr;
  const std::int64_t* zero = test ? as_const_int(test->b) : nullptr;
  return test && test->op == BinaryOp::EQ && load && load->buffer == flag && zero && *zero == 0;
}

// Whether running `s` surely stores 1 to `flag`. With `skip` named (a loop without `continue`),
// a set skip flag means an earlier break or return, which set `flag` as well: `if (skip == 0) X`
// then counts as X.
bool surely_sets(const Stmt& s, const std::string& flag, const std::string& skip) {
  if (!s.defined()) return false;
  if (const auto* block = s.as<Block>())
    return std::any_of(block->stmts.begin(), block->stmts.end(),
                       [&](const Stmt& inner) { return surely_sets(inner, flag, skip); });
  if (const auto* store = s.as<Store>()) {
    const std::int64_t* value = as_const_int(store->value);
    return store->buffer == flag && value && *value == 1;
  }
  if (const auto* allocate = s.as<Allocate>()) return surely_sets(allocate->body, flag, skip);
  if (const auto* let = s.as<LetStmt>()) return surely_sets(let->body, flag, skip);
  if (const auto* branch = s.as<IfThenElse>()) {
    if (const std::int64_t* c = as_const_int(branch->condition))
      return surely_sets(*c ? branch->then_case : branch->else_case, flag, skip);
    if (!skip.empty() && is_cleared_test(branch->condition, skip)) return surely_sets(branch->then_case, flag, skip);
    return surely_sets(branch->then_case, flag, skip) && surely_sets(branch->else_case, flag, skip);
  }
  return false;
}

} // namespace

bool is_known_value_loop(const clang::ForStmt* loop) {
  if (loop->getInit() || !loop->getInc()) return false;
  const clang::Expr* inc = loop->getInc()->IgnoreParenImpCasts();
  const clang::Expr* target = nullptr;
  bool multiplicative = false;
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(inc); unary && unary->isIncrementDecrementOp()) {
    target = unary->getSubExpr();
  } else if (const auto* compound = llvm::dyn_cast<clang::CompoundAssignOperator>(inc)) {
    target = compound->getLHS();
    multiplicative = is_multiplicative(compound->getOpcode());
  } else {
    return false;
  }
  return !loop->getCond() || multiplicative || llvm::isa<clang::MemberExpr>(target->IgnoreParenImpCasts());
}

std::optional<std::int64_t> FunctionLifter::known_entry_value(const clang::ForStmt* loop, const clang::Expr* location) {
  auto at = loop_variable_of(location);
  const clang::FunctionDecl* function = inline_stack_.empty() ? function_ : inline_stack_.back();
  const clang::CompoundStmt* block = at && function ? enclosing_block(function->getBody(), loop) : nullptr;
  if (!block) return std::nullopt;
  // The declaration must be an earlier statement of the loop's block, and nothing in between
  // (other declarators of the declaration included) may write the variable.
  const clang::Expr* initializer = nullptr;
  bool declared = false;
  for (const clang::Stmt* s : block->body()) {
    const auto* attributed = llvm::dyn_cast<clang::AttributedStmt>(s);
    if (s == loop || (attributed && attributed->getSubStmt() == loop)) break;
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s);
        decl && std::find(decl->decl_begin(), decl->decl_end(), at->var) != decl->decl_end()) {
      declared = true;
      initializer = at->var->getInit() ? at->var->getInit()->IgnoreImplicit() : nullptr;
    }
    if (declared && may_write(s, *at)) return std::nullopt;
  }
  if (!declared || !initializer) return std::nullopt;
  if (at->field) {
    // The field's element of the struct's initializer list, `S s{..., 8, ...}`.
    const auto* list = llvm::dyn_cast<clang::InitListExpr>(initializer);
    const unsigned index = at->field->getFieldIndex();
    if (!list || at->field->getParent() != at->var->getType()->getAsRecordDecl() || index >= list->getNumInits())
      return std::nullopt;
    initializer = list->getInit(index);
  }
  auto value = try_constant(initializer);
  const std::int64_t* v = value ? as_const_int(*value) : nullptr;
  return v ? std::optional(*v) : std::nullopt;
}

Stmt FunctionLifter::lift_known_value_loop(const clang::ForStmt* loop) {
  const clang::Expr* inc = loop->getInc()->IgnoreParenImpCasts();
  const clang::Expr* target = nullptr;
  clang::BinaryOperatorKind update = clang::BO_AddAssign;
  std::int64_t amount = 1;
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(inc)) {
    target = unary->getSubExpr();
    update = unary->isIncrementOp() ? clang::BO_AddAssign : clang::BO_SubAssign;
  } else {
    const auto* compound = llvm::cast<clang::CompoundAssignOperator>(inc);
    target = compound->getLHS();
    update = compound->getOpcode();
    auto k = try_constant(compound->getRHS());
    if (!k || !as_const_int(*k)) unsupported(loop, "a loop update by an amount not known at lift time");
    amount = *as_const_int(*k);
  }
  const Location slot = lift_location(target);  // the variable's storage
  const Type t = slot.element;
  if (!t.is_int() || t.is_vector()) unsupported(loop, "a for loop over a non-integer variable");
  const auto entry = known_entry_value(loop, target);
  if (!entry)
    unsupported(loop, "a for loop without an init statement whose variable's value before the loop is not known "
                      "at lift time");
  const LoopVariable at = *loop_variable_of(target);
  if (may_write(loop->getBody(), at) || (loop->getCond() && may_write(loop->getCond(), at)))
    unsupported(loop, "a for loop whose body assigns the loop variable");

  // Within each copy of the body the variable reads as its constant value (so exits at known
  // values fold); its storage is set too, for reads after the loop.
  const Binding saved = *binding_of(at.var);
  const auto read_as = [&](Expr value) {
    if (!at.field) return bind(at.var, ValueBinding{value});
    StructBinding fields = std::get<StructBinding>(saved);
    fields.fields[at.field->getNameAsString()] = value;
    bind(at.var, fields);
  };
  const LoopExit exit = loop_exits_.back();  // lift_for gives this loop both flags
  const std::string skip_means_exit = contains_continue(loop->getBody()) ? std::string() : exit.skip;
  const Expr running = Binary::make(BinaryOp::EQ, Load::make(Type::i32(), exit.broken, {make_int(0)}), make_int(0));
  std::vector<Stmt> iterations;
  std::int64_t v = *entry;
  ++control_depth_;
  for (int trip = 0;; ++trip) {
    if (trip == max_known_value_trips)
      unsupported(loop, "a loop that does not surely end within " + std::to_string(max_known_value_trips) +
                            " iterations (its variable's values are known at lift time, not its exit)");
    count_expansion(loop);
    Expr value;
    try {
      value = IntImm::make(t, v);
    } catch (const IRError&) {
      unsupported(loop, "a loop whose variable overflows its type");
    }
    read_as(value);
    std::vector<Stmt> iteration{Store::make(slot.buffer, slot.indices, value)};
    Expr condition = loop->getCond() ? fold(lift_condition(loop->getCond())) : make_bool(true);
    iteration.insert(iteration.end(), pending_.begin(), pending_.end());
    pending_.clear();
    const std::int64_t* holds = as_const_int(condition);
    if (holds && !*holds) {  // the loop ends here, leaving the variable at this value
      iterations.push_back(IfThenElse::make(running, sequence(std::move(iteration))));
      break;
    }
    Stmt body = sequence({Store::make(exit.skip, {make_int(0)}, make_int(0)), lift_stmt(loop->getBody())});
    if (!holds) body = IfThenElse::make(condition, body, Store::make(exit.broken, {make_int(0)}, make_int(1)));
    const bool surely_ends = surely_sets(body, exit.broken, skip_means_exit);
    iteration.push_back(body);
    iterations.push_back(IfThenElse::make(running, sequence(std::move(iteration))));
    if (surely_ends) break;
    auto next = next_value(v, update, amount);
    if (!next) unsupported(loop, "this loop update");
    v = *next;
  }
  --control_depth_;
  bind(at.var, saved);
  return sequence(std::move(iterations));
}

std::optional<Stmt> FunctionLifter::lift_constant_trip_loop(const clang::ForStmt* loop, const clang::VarDecl* var) {
  // `for (int v = 16; v > 0; v /= 2)` and the like: start, bound and update are constants, so the
  // values v takes are known now; the body is lifted once per value (at most 64).
  const auto* cond = llvm::dyn_cast<clang::BinaryOperator>(loop->getCond()->IgnoreParenImpCasts());
  const auto* update = llvm::dyn_cast_or_null<clang::CompoundAssignOperator>(
      loop->getInc() ? loop->getInc()->IgnoreParenImpCasts() : nullptr);
  if (!update) return std::nullopt;
  auto start = try_constant(var->getInit());
  auto bound = try_constant(cond->getRHS());
  auto amount = try_constant(update->getRHS());
  if (!start || !bound || !amount || !as_const_int(*start) || !as_const_int(*bound) || !as_const_int(*amount))
    return std::nullopt;
  std::int64_t v = *as_const_int(*start), b = *as_const_int(*bound), a = *as_const_int(*amount);
  const auto holds = [&](std::int64_t x) {
    switch (cond->getOpcode()) {
    case clang::BO_LT: return x < b;
    case clang::BO_LE: return x <= b;
    case clang::BO_GT: return x > b;
    case clang::BO_GE: return x >= b;
    case clang::BO_NE: return x != b;
    default: return false;
    }
  };
  Type t = scalar_type(var->getType(), loop);
  std::vector<Stmt> copies;
  ++control_depth_;
  for (int trips = 0; holds(v); ++trips) {
    if (trips == max_known_value_trips) unsupported(loop, "a loop unrolled at lift time to more than 64 iterations");
    count_expansion(loop);
    bind(var, ValueBinding{IntImm::make(t, v)});
    copies.push_back(lift_loop_body(loop->getBody()));
    auto n = next_value(v, update->getOpcode(), a);
    if (!n) unsupported(loop, "this loop update");
    v = *n;
  }
  --control_depth_;
  return sequence(std::move(copies));
}

} // namespace xir::frontend
