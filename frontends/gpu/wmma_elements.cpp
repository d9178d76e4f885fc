// Element access on wmma fragments: `f.num_elements` and `f.x[i]`. CUDA leaves the mapping of
// x[i] to matrix elements unspecified; xir uses the CPU runtime's (see wmma_lifting.hpp), so x[i]
// is the lane's own register slot. Code that applies one operation to every element of fragments
// of the same type is then exact on any mapping; code that pairs x[i] of fragments of different
// uses, shapes or layouts would depend on the mapping and is diagnosed.

#include <clang/AST/StmtCXX.h>

#include "wmma_lifting.hpp"

namespace xir::frontend {
namespace {

constexpr int warp_size = 32;

// Fragment types whose x[i] name the same matrix element: the same use, shape, operand layout and
// num_elements. The element type of accumulators may differ (epilogues converting f32 to f16).
struct ElementClass {
  FragmentUse use;
  int m, n, k;
  bool col_major;
  int elements;
  bool operator==(const ElementClass&) const = default;
};

std::string describe(const ElementClass& c) {
  const char* use = c.use == FragmentUse::MatrixA   ? "matrix_a"
                    : c.use == FragmentUse::MatrixB ? "matrix_b"
                                                    : "accumulator";
  std::string text = std::string(use) + " m" + std::to_string(c.m) + "n" + std::to_string(c.n) +
                     "k" + std::to_string(c.k);
  if (c.use != FragmentUse::Accumulator)
    text += c.col_major ? " col_major" : " row_major";
  return text + " with " + std::to_string(c.elements) + " elements";
}

// `e` is member `name` (x or num_elements) of a fragment: its shape.
std::optional<FragmentShape> fragment_member_shape(const clang::Expr* e, llvm::StringRef name) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
  if (!member || member->isArrow())
    return std::nullopt;
  const clang::IdentifierInfo* id = member->getMemberDecl()->getIdentifier();
  if (!id || id->getName() != name)
    return std::nullopt;
  return fragment_shape(member->getBase()->getType());
}

std::optional<ElementClass> element_class(const clang::Expr* e, llvm::StringRef member) {
  auto shape = fragment_member_shape(e, member);
  if (!shape)
    return std::nullopt;
  // (The Layout argument of accumulators is void: col_major is false.)
  return ElementClass{shape->use, shape->m,         shape->n,
                      shape->k,   shape->col_major, shape->elements_per_thread()};
}

bool is_loop(const clang::Stmt* s) {
  return llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(s);
}

void record_parents(const clang::Stmt* s,
                    std::map<const clang::Stmt*, const clang::Stmt*>& parents) {
  for (const clang::Stmt* child : s->children())
    if (child) {
      parents[child] = s;
      record_parents(child, parents);
    }
}

// Where element accesses must agree: the innermost loop around `access` (its header included),
// else the statement of a block that holds it.
const clang::Stmt* element_scope(const std::map<const clang::Stmt*, const clang::Stmt*>& parents,
                                 const clang::Expr* access) {
  const clang::Stmt* statement = nullptr;
  for (const clang::Stmt* node = access;;) {
    auto parent = parents.find(node);
    if (parent == parents.end())
      break;
    if (is_loop(parent->second))
      return parent->second;
    if (llvm::isa<clang::CompoundStmt>(parent->second) && !statement)
      statement = node;
    node = parent->second;
  }
  return statement ? statement : access;
}

// The fragment variable `base` (a fragment or an element of an array of them) names; null if none.
const clang::VarDecl* fragment_variable(const clang::Expr* base) {
  base = base->IgnoreParenImpCasts();
  while (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(base))
    base = subscript->getBase()->IgnoreParenImpCasts();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(base);
  return ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

// The uses of fragment member `member` (x or num_elements) in `s`.
void collect_element_uses(const clang::Stmt* s, llvm::StringRef member,
                          std::vector<std::pair<const clang::Expr*, ElementClass>>& uses) {
  if (!s)
    return;
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s))
    if (auto c = element_class(e, member))
      uses.emplace_back(e, *c);
  for (const clang::Stmt* child : s->children())
    collect_element_uses(child, member, uses);
}

const clang::Expr* loop_condition(const clang::Stmt* s) {
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s))
    return loop->getCond();
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s))
    return loop->getCond();
  if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(s))
    return loop->getCond();
  return nullptr;
}

} // namespace

bool is_fragment_element(const clang::Expr* e) {
  const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e->IgnoreParens());
  return subscript && fragment_member_shape(subscript->getBase()->IgnoreParenImpCasts(), "x");
}

void WmmaFragments::check_uniform_elements(FunctionLifter& lifter, const clang::Expr* access,
                                           const clang::VarDecl* fragment) {
  // Fragments are locals (they cannot be passed to functions): the body of the function declaring
  // one holds every access to it.
  const auto* function =
      fragment ? llvm::dyn_cast<clang::FunctionDecl>(fragment->getDeclContext()) : nullptr;
  if (!function || !function->getBody())
    return;
  if (functions_with_parents_.insert(function).second)
    record_parents(function->getBody(), parents_);
  const clang::Stmt* scope = element_scope(parents_, access);
  if (!uniform_scopes_.insert(scope).second)
    return;
  // The fragments whose elements the scope indexes, and the one whose num_elements bounds the
  // loop (num_elements used as a plain number elsewhere pairs no elements).
  std::vector<std::pair<const clang::Expr*, ElementClass>> uses;
  collect_element_uses(loop_condition(scope), "num_elements", uses);
  collect_element_uses(scope, "x", uses);
  for (const auto& [use, element] : uses)
    if (!(element == uses.front().second))
      lifter.unsupported(use, "element-wise code mixing wmma fragments whose x[i] name different "
                              "matrix elements (" +
                                  describe(uses.front().second) + ", " + describe(element) +
                                  ") in one loop");
}

std::optional<Expr> WmmaFragments::lift_value(FunctionLifter& lifter, const clang::Expr* e) {
  e = e->IgnoreParens();
  auto shape = fragment_member_shape(e, "num_elements");
  if (!shape)
    return std::nullopt;
  check_uniform_elements(lifter, e, fragment_variable(llvm::cast<clang::MemberExpr>(e)->getBase()));
  return make_int(shape->elements_per_thread(), lifter.scalar_type(e->getType(), e));
}

std::optional<Location> WmmaFragments::lift_element(FunctionLifter& lifter,
                                                    const WavefrontLanes& lanes,
                                                    const clang::Expr* e) {
  if (!is_fragment_element(e))
    return std::nullopt;
  const auto* subscript = llvm::cast<clang::ArraySubscriptExpr>(e->IgnoreParens());
  const auto* member = llvm::cast<clang::MemberExpr>(subscript->getBase()->IgnoreParenImpCasts());
  check_uniform_elements(lifter, member, fragment_variable(member->getBase()));
  Operand f = resolve(lifter, lanes, member->getBase());
  const int elements = f.variable->shape.elements_per_thread();
  Expr index = lifter.lift_expr_as(subscript->getIdx(), Type::i64());
  if (const std::int64_t* constant = as_const_int(index);
      constant && (*constant < 0 || *constant >= elements))
    lifter.unsupported(subscript, "the fragment element x[" + std::to_string(*constant) +
                                      "] outside its " + std::to_string(elements) + " elements");
  Expr lane = Cast::make(Type::i64(), Binary::make(BinaryOp::Mod, lanes.thread,
                                                   make_int(warp_size, lanes.thread.type())));
  Expr slot = Binary::make(
      BinaryOp::Add, Binary::make(BinaryOp::Mul, lane, make_int(elements, Type::i64())), index);
  return Location{
      f.variable->buffer, f.variable->shape.element, {Binary::make(BinaryOp::Add, f.first, slot)}};
}

} // namespace xir::frontend
