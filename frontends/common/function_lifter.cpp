#include "function_lifter.hpp"

#include "std_vector.hpp"
#include "stmt_building.hpp"
#include "xir/text/parser.hpp"

#include <clang/AST/Attr.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>

#include <algorithm>

namespace xir::frontend {
namespace {

// Every local variable that is written after its declaration (assigned, incremented, or whose
// address is taken): those need storage; the others become let bindings.
// With `fields`, also every field of a struct local that is written (`s.f = v`: s and f).
class MutationFinder : public clang::RecursiveASTVisitor<MutationFinder> {
public:
  std::set<const clang::VarDecl*>& mutated;
  std::set<FieldOf>* fields;
  explicit MutationFinder(std::set<const clang::VarDecl*>& out, std::set<FieldOf>* fields_out = nullptr)
      : mutated(out), fields(fields_out) {}

  void note(const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e))
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl())) mutated.insert(var);
    if (!fields) return;
    std::string field;  // the field right below the local (`s.a.b`: a)
    while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (member->isArrow()) return;
      field = member->getMemberDecl()->getNameAsString();
      e = member->getBase()->IgnoreParenImpCasts();
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e); ref && !field.empty())
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl())) fields->insert({var, field});
  }
  bool VisitBinaryOperator(clang::BinaryOperator* op) {
    if (op->isAssignmentOp()) note(op->getLHS());
    return true;
  }
  bool VisitUnaryOperator(clang::UnaryOperator* op) {
    if (op->isIncrementDecrementOp() || op->getOpcode() == clang::UO_AddrOf) note(op->getSubExpr());
    return true;
  }
};

Expr zero_of(Type t) { return t.is_float() ? make_float(0.0, t) : IntImm::make(t, 0); }

// A scalar field of a struct with std::vector fields: heap storage like the vectors', so the
// threads of parallel loops inside its scope read the value it has (a local is per thread).
Buffer struct_field_slot(const std::string& name, Type type) {
  return Buffer::make(name, type, {make_int(1)}, MemoryScope::Host);
}

// A struct (not a standard library type) with std::vector or pointer fields: its fields are not
// all scalars, so it is bound field by field with buffers and pointers (StructBinding's maps).
bool is_struct_with_buffers(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsRecordDecl();
  if (!record || record->isInStdNamespace()) return false;
  if (has_std_vector_field(type)) return true;
  for (const clang::FieldDecl* field : record->fields())
    if (field->getType()->isPointerType()) return true;
  return false;
}

// `S v = f(...);` where S has std::vector or pointer fields and f has a body: the call; nullptr otherwise.
const clang::CallExpr* struct_with_buffers_call(const clang::VarDecl* var) {
  if (!var->hasInit() || !is_struct_with_buffers(var->getType())) return nullptr;
  const clang::Expr* init = var->getInit()->IgnoreImplicit();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init);
      construct && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor())
    init = construct->getArg(0)->IgnoreImplicit();
  if (const auto* tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(init)) init = tmp->getSubExpr()->IgnoreImplicit();
  const auto* call = llvm::dyn_cast<clang::CallExpr>(init);
  if (!call || llvm::isa<clang::CXXMemberCallExpr>(call) || llvm::isa<clang::CXXOperatorCallExpr>(call)) return nullptr;
  const clang::FunctionDecl* callee = call->getDirectCallee();
  return callee && callee->hasBody() ? call : nullptr;
}

Expr convert(Expr value, Type type) {
  if (value.type() == type) return value;
  if (type.is_bool()) return Binary::make(BinaryOp::NE, value, zero_of(value.type()));
  if (const auto* imm = value.as<IntImm>(); imm && type.is_int() && type.is_scalar()) {
    // Fold integer literals to the target type when the value fits (keeps the IR readable).
    try {
      return IntImm::make(type, imm->value);
    } catch (const IRError&) {
    }
  }
  return Cast::make(type, value);
}

std::optional<BinaryOp> binary_op_of(clang::BinaryOperatorKind kind) {
  switch (kind) {
  case clang::BO_Add: case clang::BO_AddAssign: return BinaryOp::Add;
  case clang::BO_Sub: case clang::BO_SubAssign: return BinaryOp::Sub;
  case clang::BO_Mul: case clang::BO_MulAssign: return BinaryOp::Mul;
  case clang::BO_Div: case clang::BO_DivAssign: return BinaryOp::Div;
  case clang::BO_Rem: case clang::BO_RemAssign: return BinaryOp::Mod;
  case clang::BO_Shl: case clang::BO_ShlAssign: return BinaryOp::Shl;
  case clang::BO_Shr: case clang::BO_ShrAssign: return BinaryOp::Shr;
  case clang::BO_And: case clang::BO_AndAssign: return BinaryOp::BitAnd;
  case clang::BO_Or: case clang::BO_OrAssign: return BinaryOp::BitOr;
  case clang::BO_Xor: case clang::BO_XorAssign: return BinaryOp::BitXor;
  case clang::BO_LT: return BinaryOp::LT;
  case clang::BO_LE: return BinaryOp::LE;
  case clang::BO_GT: return BinaryOp::GT;
  case clang::BO_GE: return BinaryOp::GE;
  case clang::BO_EQ: return BinaryOp::EQ;
  case clang::BO_NE: return BinaryOp::NE;
  case clang::BO_LAnd: return BinaryOp::And;
  case clang::BO_LOr: return BinaryOp::Or;
  default: return std::nullopt;
  }
}

const clang::Stmt* strip_attributes(const clang::Stmt* s, bool* unroll) {
  while (const auto* attributed = llvm::dyn_cast<clang::AttributedStmt>(s)) {
    for (const clang::Attr* attr : attributed->getAttrs())
      if (llvm::isa<clang::LoopHintAttr>(attr)) *unroll = true;
    s = attributed->getSubStmt();
  }
  return s;
}

// float4, int2, ...: a struct of 2 to 4 fields x, y, z, w of one scalar type. Its element type and lanes.
std::optional<std::pair<Type, int>> vector_type_of(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsRecordDecl();
  if (!record || lift_scalar_type(type.getNonReferenceType())) return std::nullopt;
  std::optional<Type> element;
  int lanes = 0;
  for (const clang::FieldDecl* field : record->fields()) {
    auto t = lift_scalar_type(field->getType());
    if (lanes >= 4 || !t || (element && *t != *element) || field->getName() != std::string(1, "xyzw"[lanes]))
      return std::nullopt;
    element = t;
    ++lanes;
  }
  if (lanes < 2) return std::nullopt;
  return std::make_pair(*element, lanes);
}

// A message to stdout/stderr on an error path of host code: it does not change what the kernel computes.
bool is_diagnostic_print(const clang::Stmt* s) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  const auto* call = e ? llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()) : nullptr;
  const clang::FunctionDecl* f = call ? call->getDirectCallee() : nullptr;
  if (!f) return false;
  const std::string name = f->getNameAsString();
  return name == "fprintf" || name == "printf" || name == "puts" || name == "fputs" || name == "perror";
}

// `return;`, or a block of diagnostic prints ending in `return;`.
bool is_return_only(const clang::Stmt* s) {
  if (llvm::isa<clang::ReturnStmt>(s)) return !llvm::cast<clang::ReturnStmt>(s)->getRetValue();
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    if (block->size() == 0) return false;
    for (const clang::Stmt* inner : block->body())
      if (inner != block->body_back() && !is_diagnostic_print(inner)) return false;
    return is_return_only(block->body_back());
  }
  return false;
}

// A `return` in `s`, at any depth.
bool contains_return(const clang::Stmt* s) {
  if (!s || llvm::isa<clang::LambdaExpr>(s)) return false;
  if (llvm::isa<clang::ReturnStmt>(s)) return true;
  for (const clang::Stmt* child : s->children())
    if (contains_return(child)) return true;
  return false;
}

// A `return` in `s` inside a loop of `s`.
bool contains_return_in_loop(const clang::Stmt* s) {
  if (!s || llvm::isa<clang::LambdaExpr>(s)) return false;
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return contains_return(loop->getBody());
  for (const clang::Stmt* child : s->children())
    if (contains_return_in_loop(child)) return true;
  return false;
}

// `return f(...);` of a function returning void: the call, then the return.
const clang::Expr* returned_void_call(const clang::Stmt* s) {
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s))
    return block->size() == 1 ? returned_void_call(block->body_front()) : nullptr;
  const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s);
  const clang::Expr* value = ret ? ret->getRetValue() : nullptr;
  return value && value->getType()->isVoidType() ? value : nullptr;
}

// `return;` or `return f();` of a function returning void.
bool is_void_return(const clang::ReturnStmt* ret) {
  return !ret->getRetValue() || ret->getRetValue()->getType()->isVoidType();
}

// A `return;` (or `return f();` of a void function) in `s`, at any depth.
bool contains_void_return(const clang::Stmt* s) {
  if (!s || llvm::isa<clang::LambdaExpr>(s)) return false;
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) return is_void_return(ret);
  for (const clang::Stmt* child : s->children())
    if (contains_void_return(child)) return true;
  return false;
}

// Whether a function body's `return;` statements need the `returned` flag: one inside a loop, or
// one nested anywhere but at the end of the body or in an `if (c) return;` guard among the body's
// own statements (a return ending a nested block must also skip the rest of the function).
bool needs_return_flag(const clang::Stmt* body) {
  if (contains_return_in_loop(body)) return true;
  const auto* block = llvm::dyn_cast<clang::CompoundStmt>(body);
  if (!block) return contains_void_return(body) && !llvm::isa<clang::ReturnStmt>(body);
  for (const clang::Stmt* s : block->body()) {
    if (llvm::isa<clang::ReturnStmt>(s)) continue;
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
        branch && !branch->getElse() && !branch->getInit() &&
        (is_return_only(branch->getThen()) || returned_void_call(branch->getThen())))
      continue;
    if (contains_void_return(s)) return true;
  }
  return false;
}

// A `continue` (unless `break_only`) or `break` in `s` that jumps out of the loop around `s`:
// jumps inside loops nested in `s` belong to those loops.
bool contains_jump(const clang::Stmt* s, bool break_only) {
  if (!s) return false;
  if (llvm::isa<clang::BreakStmt>(s)) return true;
  if (llvm::isa<clang::ContinueStmt>(s)) return !break_only;
  if (llvm::isa<clang::ForStmt>(s) || llvm::isa<clang::WhileStmt>(s) || llvm::isa<clang::DoStmt>(s) ||
      llvm::isa<clang::CXXForRangeStmt>(s) || llvm::isa<clang::SwitchStmt>(s) || llvm::isa<clang::LambdaExpr>(s))
    return false;
  for (const clang::Stmt* child : s->children())
    if (contains_jump(child, break_only)) return true;
  return false;
}

// The `c ? a : b` initializer of a pointer variable, or nullptr.
const clang::ConditionalOperator* pointer_choice(const clang::VarDecl* var) {
  if (!var->getType()->isPointerType() || !var->hasInit()) return nullptr;
  return llvm::dyn_cast<clang::ConditionalOperator>(var->getInit()->IgnoreParenImpCasts());
}

bool refers_to(const clang::Stmt* s, const clang::VarDecl* var) {
  if (!s) return false;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref && ref->getDecl() == var) return true;
  for (const clang::Stmt* child : s->children())
    if (refers_to(child, var)) return true;
  return false;
}

// The && operands of a condition, in order.
void conjuncts(const clang::Expr* e, std::vector<const clang::Expr*>& out) {
  e = e->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e); op && op->getOpcode() == clang::BO_LAnd) {
    conjuncts(op->getLHS(), out);
    conjuncts(op->getRHS(), out);
    return;
  }
  out.push_back(e);
}


} // namespace

[[noreturn]] void unsupported(clang::SourceLocation loc, const std::string& construct, std::string_view dialect) {
  throw LiftError(loc, construct + " is not supported by the " + std::string(dialect) + " frontend");
}

Buffer value_slot(const std::string& name, Type type) {
  return Buffer::make(name, type.element_of(), {make_int(type.lanes)}, MemoryScope::Local);
}

Expr slot_index(Type type) {
  return type.is_vector() ? Ramp::make(make_int(0), make_int(1), type.lanes) : make_int(0);
}

FunctionLifter::FunctionLifter(clang::ASTContext& context, const DialectHooks& hooks)
    : context_(context), hooks_(hooks) {}

const Binding* FunctionLifter::binding_of(const clang::ValueDecl* decl) const {
  auto it = env_.find(decl);
  return it == env_.end() ? nullptr : &it->second;
}

void FunctionLifter::unsupported(const clang::Stmt* s, const std::string& construct) const {
  frontend::unsupported(s->getBeginLoc(), construct, hooks_.name);
}

void FunctionLifter::unsupported(const clang::Decl* d, const std::string& construct) const {
  frontend::unsupported(d->getLocation(), construct, hooks_.name);
}

std::string ir_name(std::string cxx_name) { return text_safe_name(std::move(cxx_name)); }

std::string FunctionLifter::fresh_name(const std::string& given) {
  const std::string base = ir_name(given);
  std::string name = base.empty() ? "v" : base;
  if (names_.insert(name).second) return name;
  // Suffixes below next_suffix_[base] are taken (names are never released): starting there keeps
  // many inlined copies of one function linear instead of quadratic.
  int& next = next_suffix_[base];
  next = std::max(next, 1);
  do {
    name = base + "_" + std::to_string(next++);
  } while (!names_.insert(name).second);
  return name;
}

Type FunctionLifter::scalar_type(clang::QualType type, const clang::Stmt* where) const {
  return scalar_type(type, where->getBeginLoc());
}

Type FunctionLifter::scalar_type(clang::QualType type, clang::SourceLocation where) const {
  if (auto t = lift_scalar_type(type)) return *t;
  frontend::unsupported(where, "a value of type `" + type.getAsString() + "`", hooks_.name);
}

bool FunctionLifter::in_device_code() const {
  const clang::FunctionDecl* f = inline_stack_.empty() ? function_ : inline_stack_.back();
  return f && (f->hasAttr<clang::CUDAGlobalAttr>() || f->hasAttr<clang::CUDADeviceAttr>());
}

Stmt FunctionLifter::lift_function_body(const clang::FunctionDecl* function) {
  function_ = function;
  MutationFinder finder(mutated_, &fields_written_);
  finder.TraverseStmt(function->getBody());
  for (const clang::ParmVarDecl* p : function->parameters()) names_.insert(ir_name(p->getNameAsString()));
  for (const auto& [decl, binding] : env_) prebound_.insert(decl);
  if (!needs_return_flag(function->getBody())) return lift_stmt(function->getBody());
  returned_ = fresh_name("returned");
  Stmt body = lift_stmt(function->getBody());
  return Allocate::make(Buffer::make(returned_, Type::i32(), {make_int(1)}, MemoryScope::Local),
                        sequence({Store::make(returned_, {make_int(0)}, make_int(0)), body}));
}

Stmt FunctionLifter::with_pending(Stmt s) {
  if (pending_.empty()) return s;
  std::vector<Stmt> stmts = std::move(pending_);
  pending_.clear();
  stmts.push_back(std::move(s));
  return sequence(std::move(stmts));
}

// ---------------------------------------------------------------------------------------------
// Statements

Stmt FunctionLifter::lift_stmt(const clang::Stmt* s) {
  bool unroll = false;
  s = strip_attributes(s, &unroll);
  if (hooks_.lift_statement)
    if (auto lifted = hooks_.lift_statement(*this, s)) return *lifted;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    return lift_block(std::vector<const clang::Stmt*>(block->body_begin(), block->body_end()), 0);
  }
  if (llvm::isa<clang::NullStmt>(s)) return Block::make({});
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s))
    return lift_block({decl}, 0);
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s))
    return lift_loop(loop, unroll ? ForKind::Unrolled : ForKind::Serial);
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    if (branch->getInit() || branch->getConditionVariable()) unsupported(s, "an if with a declaration");
    Expr condition = fold(lift_condition(branch->getCond()));
    std::vector<Stmt> before = std::move(pending_);
    pending_.clear();
    Stmt result;
    if (const std::int64_t* c = as_const_int(condition)) {
      const clang::Stmt* taken = *c ? branch->getThen() : branch->getElse();
      result = taken ? lift_stmt(taken) : Block::make({});
    } else {
      ++control_depth_;
      Stmt then_case = lift_stmt(branch->getThen());
      Stmt else_case = branch->getElse() ? lift_stmt(branch->getElse()) : Stmt();
      --control_depth_;
      result = IfThenElse::make(condition, then_case, else_case);
    }
    before.push_back(result);
    return sequence(std::move(before));
  }
  if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(s)) {
    // `do { ... } while (0)`, the body of statement-like macros, runs once.
    auto once = try_constant(loop->getCond());
    if (once && as_const_int(*once) && *as_const_int(*once) == 0) return lift_stmt(loop->getBody());
  }
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s))
    if (auto lifted = lift_counting_while(loop)) return *lifted;
  if (llvm::isa<clang::WhileStmt>(s) || llvm::isa<clang::DoStmt>(s))
    unsupported(s, "a while loop (loops must have a computable trip count)");
  if (llvm::isa<clang::GotoStmt>(s) || llvm::isa<clang::LabelStmt>(s)) unsupported(s, "goto");
  if (llvm::isa<clang::BreakStmt>(s) || llvm::isa<clang::ContinueStmt>(s)) return lift_jump(s);
  if (llvm::isa<clang::SwitchStmt>(s)) unsupported(s, "switch");
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s);
      ret && is_void_return(ret) && !returned_.empty())
    return ret->getRetValue() ? sequence({lift_stmt(ret->getRetValue()), lift_jump(s)}) : lift_jump(s);
  if (llvm::isa<clang::ReturnStmt>(s)) unsupported(s, "a return before the end of the function");
  if (llvm::isa<clang::CXXTryStmt>(s)) unsupported(s, "try/catch");
  if (llvm::isa<clang::AsmStmt>(s)) unsupported(s, "inline assembly");
  if (llvm::isa<clang::CXXThrowExpr>(s)) unsupported(s, "throw");
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) return with_pending(lift_assignment(e));
  unsupported(s, std::string("the statement `") + s->getStmtClassName() + "`");
}

Stmt FunctionLifter::lift_block(const std::vector<const clang::Stmt*>& stmts, std::size_t first) {
  std::vector<Stmt> out;
  for (std::size_t i = first; i < stmts.size(); ++i) {
    bool unroll = false;
    const clang::Stmt* s = strip_attributes(stmts[i], &unroll);
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
        branch && !branch->getInit() && !branch->getConditionVariable()) {
      // `if constexpr` and other constant conditions: the taken branch's statements join this
      // block, so a `return` in them ends the enclosing function.
      auto constant = try_constant(branch->getCond());
      if (constant && as_const_int(*constant)) {
        std::vector<const clang::Stmt*> spliced(stmts.begin() + static_cast<long>(i) + 1, stmts.end());
        const clang::Stmt* taken = *as_const_int(*constant) ? branch->getThen() : branch->getElse();
        if (const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(taken))
          spliced.insert(spliced.begin(), block->body_begin(), block->body_end());
        else if (taken)
          spliced.insert(spliced.begin(), taken);
        out.push_back(lift_block(spliced, 0));
        return sequence(std::move(out));
      }
    }
    if (auto sizing = lift_std_vector_field_sizing(*this, s)) {
      // `s.v.assign(n, x)`: a heap buffer from here to the end of the block (the struct's).
      auto depth = buffer_struct_depth_.find(sizing->object);
      if (depth == buffer_struct_depth_.end())
        unsupported(s, "sizing a std::vector field of a struct that is not a local variable");
      if (depth->second != control_depth_)
        unsupported(s, "sizing a std::vector field in a loop or branch below its struct's declaration");
      const std::string name = fresh_name(sizing->object->getNameAsString() + "_" + sizing->field);
      const std::string size = fresh_name(name + "_size");
      const Expr extent = Var::make(Type::i64(), size);
      StructBinding updated = std::get<StructBinding>(*binding_of(sizing->object));
      updated.vectors[sizing->field] = ArrayBinding{name, sizing->element, {extent}};
      bind(sizing->object, updated);
      let_values_[size] = sizing->size;
      const std::string index = fresh_name(name + "_i");
      Stmt fill = For::make(index, make_int(0, Type::i64()), extent, ForKind::Serial,
                            Store::make(name, {Var::make(Type::i64(), index)}, sizing->fill));
      std::vector<const clang::Stmt*> rest(stmts.begin() + static_cast<long>(i) + 1, stmts.end());
      Stmt body = sequence({fill, lift_block(rest, 0)});
      out.push_back(with_pending(
          LetStmt::make(size, sizing->size, Allocate::make(Buffer::make(name, sizing->element, {extent}, MemoryScope::Host), body))));
      return sequence(std::move(out));
    }
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
      // Each declaration scopes over the rest of the block.
      std::vector<const clang::Stmt*> rest(stmts.begin() + static_cast<long>(i) + 1, stmts.end());
      std::vector<const clang::Decl*> decls(decl->decl_begin(), decl->decl_end());
      std::function<Stmt(std::size_t)> declare = [&](std::size_t d) -> Stmt {
        if (d == decls.size()) return lift_block(rest, 0);
        const auto* var = llvm::dyn_cast<clang::VarDecl>(decls[d]);
        if (!var) {
          if (llvm::isa<clang::TypedefNameDecl>(decls[d]) || llvm::isa<clang::StaticAssertDecl>(decls[d]))
            return declare(d + 1);
          unsupported(decls[d], "a local declaration of this kind");
        }
        if (const auto* choice = pointer_choice(var); choice && !prebound_.count(var)) {
          // `T *p = c ? a : b;` points into one of two buffers: the rest of the block is lifted
          // once for each, under `if (c)`.
          Expr condition = lift_condition(choice->getCond());
          std::vector<Stmt> before = std::move(pending_);
          pending_.clear();
          bind(var, lift_pointer(choice->getTrueExpr()));
          Stmt then_case = declare(d + 1);
          bind(var, lift_pointer(choice->getFalseExpr()));
          Stmt else_case = declare(d + 1);
          before.push_back(IfThenElse::make(condition, then_case, else_case));
          return sequence(std::move(before));
        }
        if (const clang::CallExpr* call = struct_with_buffers_call(var)) {
          // The callee's vectors live on in `var`: the rest of the block is lifted inside them.
          std::vector<Stmt> before = std::move(pending_);
          pending_.clear();
          before.push_back(inline_struct_call_scoping(call, [&, var, d](StructBinding value) {
            bind(var, std::move(value));
            buffer_struct_depth_[var] = control_depth_;
            return declare(d + 1);
          }));
          return sequence(std::move(before));
        }
        if (is_struct_with_buffers(var->getType()) && !var->getType()->isReferenceType()) {
          std::vector<Stmt> before = std::move(pending_);
          pending_.clear();
          before.push_back(declare_struct_with_buffers(var, [&, d] { return declare(d + 1); }));
          return sequence(std::move(before));
        }
        Stmt head = lift_declaration(var);
        std::vector<Stmt> before = std::move(pending_);  // inlined calls in the initializer
        pending_.clear();
        Stmt tail = declare(d + 1);
        if (const auto* alloc = head.as<Allocate>()) {
          // lift_declaration returns Allocate(buffer, init) where the rest must go inside.
          before.push_back(Allocate::make(alloc->buffer, sequence({alloc->body, tail})));
        } else if (const auto* let = head.as<LetStmt>()) {
          before.push_back(LetStmt::make(let->name, let->value, tail));
        } else {
          before.push_back(sequence({head, tail}));
        }
        return sequence(std::move(before));
      };
      out.push_back(declare(0));
      return sequence(std::move(out));
    }
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
        branch && !branch->getElse() && (is_return_only(branch->getThen()) || returned_void_call(branch->getThen())) &&
        (returned_.empty() || loop_exits_.empty())) {
      // `if (c) return;` (or `return f();`) guards the rest of the block.
      Expr condition = fold(lift_condition(branch->getCond()));
      std::vector<const clang::Stmt*> rest(stmts.begin() + static_cast<long>(i) + 1, stmts.end());
      Stmt tail = lift_block(rest, 0);
      out.insert(out.end(), pending_.begin(), pending_.end());
      pending_.clear();
      // Where a loop of the function may return, enclosing blocks test `returned`: set it.
      Stmt mark = returned_.empty() ? Stmt() : Store::make(returned_, {make_int(0)}, make_int(1));
      if (const clang::Expr* call = returned_void_call(branch->getThen())) mark = sequence({lift_stmt(call), mark});
      if (const std::int64_t* c = as_const_int(condition)) {
        out.push_back(*c ? mark : tail);
      } else {
        out.push_back(IfThenElse::make(Unary::make(UnaryOp::Not, condition), tail, mark));
      }
      return sequence(std::move(out));
    }
    if (auto early = lift_early_value_return(stmts, i, out)) return *early;
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s);
        ret && i + 1 == stmts.size() && !(is_void_return(ret) && !returned_.empty())) {
      if (ret->getRetValue() && ret->getRetValue()->getType()->isVoidType()) {
        out.push_back(lift_stmt(ret->getRetValue()));  // `return f();` of a void function
        continue;
      }
      if (ret->getRetValue() && ret->getRetValue()->getType()->isRecordType() &&
          !lift_scalar_type(ret->getRetValue()->getType())) {
        // A struct of scalars returned by an inlined call: field by field.
        out.push_back(lift_struct_return(ret));
        continue;
      }
      if (ret->getRetValue()) {
        // The value of an inlined call, lifted inside the scope of the function's own lets.
        if (return_targets_.empty()) unsupported(s, "a returned value here");
        if (control_depth_ != return_depths_.back()) unsupported(s, "a return inside a loop or branch");
        const auto& [buffer, type] = return_targets_.back();
        out.push_back(with_pending(Store::make(buffer, {slot_index(type)}, lift_expr_as(ret->getRetValue(), type))));
      }
      continue;
    }
    out.push_back(lift_stmt(stmts[i]));
    if (i + 1 < stmts.size() && loop_exits_.empty() && !returned_.empty() && contains_return(s)) {
      // The statement may return from inside a loop: the rest of the function runs only if it did not.
      std::vector<const clang::Stmt*> rest(stmts.begin() + static_cast<long>(i) + 1, stmts.end());
      Expr running = Binary::make(BinaryOp::EQ, Load::make(Type::i32(), returned_, {make_int(0)}), make_int(0));
      if (Stmt tail = lift_block(rest, 0); !is_empty(tail)) out.push_back(IfThenElse::make(running, tail));
      return sequence(std::move(out));
    }
    if (i + 1 < stmts.size() && !loop_exits_.empty() && !loop_exits_.back().skip.empty() &&
        (contains_jump(s, false) || (!returned_.empty() && contains_return(s)))) {
      // The statement may continue or break: the rest of the block runs only if it did not.
      const std::string& skip = loop_exits_.back().skip;
      std::vector<const clang::Stmt*> rest(stmts.begin() + static_cast<long>(i) + 1, stmts.end());
      Expr not_skipped = Binary::make(BinaryOp::EQ, Load::make(Type::i32(), skip, {make_int(0)}), make_int(0));
      if (Stmt tail = lift_block(rest, 0); !is_empty(tail)) out.push_back(IfThenElse::make(not_skipped, tail));
      return sequence(std::move(out));
    }
  }
  return sequence(std::move(out));
}

std::optional<PointerBinding> FunctionLifter::lift_vector_element(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  const clang::Expr* base = nullptr;
  const clang::Expr* index = nullptr;
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
    base = subscript->getBase();
    index = subscript->getIdx();
  } else if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op && op->getOpcode() == clang::UO_Deref) {
    base = op->getSubExpr();
  }
  if (!base || !base->getType()->isPointerType() || !vector_type_of(base->getType()->getPointeeType()))
    return std::nullopt;
  PointerBinding p = lift_pointer(base);
  if (p.lanes == 1) unsupported(e, "a vector read through a pointer to scalars");
  if (index) {
    Expr i = convert(lift_expr(index), p.offset.type());
    p.offset = Binary::make(BinaryOp::Add, p.offset, Binary::make(BinaryOp::Mul, i, make_int(p.lanes, i.type())));
  }
  return p;
}

Stmt FunctionLifter::lift_vector_assignment(const clang::CXXOperatorCallExpr* op) {
  // `v4[i] = value`: every lane's value first, then one store per lane.
  auto target = lift_vector_element(op->getArg(0));
  if (!target) unsupported(op, "an assignment to this vector");
  StructBinding value = lift_struct(op->getArg(1));
  std::vector<std::pair<std::string, Expr>> lets;
  std::vector<Stmt> stores;
  int k = 0;
  for (const clang::FieldDecl* field : op->getType()->getAsRecordDecl()->fields()) {
    auto it = value.fields.find(field->getNameAsString());
    if (it == value.fields.end()) unsupported(op, "an assignment of this vector value");
    const std::string lane = fresh_name("lane");
    lets.emplace_back(lane, convert(it->second, target->element));
    Expr index = Binary::make(BinaryOp::Add, target->offset, make_int(k++, target->offset.type()));
    stores.push_back(Store::make(target->buffer, {index}, Var::make(target->element, lane)));
  }
  Stmt result = sequence(std::move(stores));
  for (auto it = lets.rbegin(); it != lets.rend(); ++it) result = LetStmt::make(it->first, it->second, result);
  return result;
}

Stmt FunctionLifter::lift_jump(const clang::Stmt* jump) {
  if (llvm::isa<clang::ReturnStmt>(jump)) {
    // Leaves every loop around it and the rest of the function.
    std::vector<Stmt> stores{Store::make(returned_, {make_int(0)}, make_int(1))};
    for (const LoopExit& exit : loop_exits_) {
      if (!exit.broken.empty()) stores.push_back(Store::make(exit.broken, {make_int(0)}, make_int(1)));
      if (!exit.skip.empty()) stores.push_back(Store::make(exit.skip, {make_int(0)}, make_int(1)));
    }
    return sequence(std::move(stores));
  }
  const bool is_break = llvm::isa<clang::BreakStmt>(jump);
  if (loop_exits_.empty() || loop_exits_.back().skip.empty())
    unsupported(jump, is_break ? "break outside a for loop" : "continue outside a for loop");
  const LoopExit& exit = loop_exits_.back();
  Stmt skip = Store::make(exit.skip, {make_int(0)}, make_int(1));
  if (!is_break) return skip;
  return Block::make({Store::make(exit.broken, {make_int(0)}, make_int(1)), skip});
}

Stmt FunctionLifter::lift_loop_body(const clang::Stmt* body) {
  const LoopExit& exit = loop_exits_.back();
  if (exit.skip.empty()) return lift_stmt(body);
  const std::string skip = exit.skip, broken = exit.broken;
  Stmt iteration = sequence({Store::make(skip, {make_int(0)}, make_int(0)), lift_stmt(body)});
  if (broken.empty()) return iteration;
  Expr running = Binary::make(BinaryOp::EQ, Load::make(Type::i32(), broken, {make_int(0)}), make_int(0));
  return IfThenElse::make(running, iteration);
}

std::string FunctionLifter::dynamic_shared_view(DynamicShared& storage, Type element, const std::string& base) {
  const std::string type_name = to_string(element);
  if (auto it = storage.views.find(type_name); it != storage.views.end()) return it->second;
  const std::string name = fresh_name(storage.views.empty() ? base : base + "_" + type_name);
  Expr count = Binary::make(BinaryOp::Div, convert(storage.bytes, Type::i64()), make_int(element.bytes(), Type::i64()));
  hoisted_.push_back(Buffer::make(name, element, {count}, MemoryScope::Shared));
  storage.views[type_name] = name;
  dynamic_view_of_[name] = &storage;
  return name;
}

Stmt FunctionLifter::lift_for(const clang::ForStmt* loop, ForKind kind) {
  LoopExit exit;
  const bool returns = !returned_.empty() && contains_return(loop->getBody());
  // A loop over known values also ends by `broken` where its condition fails at run time.
  const bool known_values = is_known_value_loop(loop);
  if (known_values || returns || contains_jump(loop->getBody(), false)) exit.skip = fresh_name("skip");
  if (known_values || returns || contains_jump(loop->getBody(), true)) exit.broken = fresh_name("broken");
  loop_exits_.push_back(exit);
  Stmt lifted = lift_canonical_for(loop, kind);
  loop_exits_.pop_back();
  if (exit.skip.empty()) return lifted;
  // The flags are per thread, allocated around the loop; `broken` starts cleared.
  if (!exit.broken.empty())
    lifted = Allocate::make(Buffer::make(exit.broken, Type::i32(), {make_int(1)}, MemoryScope::Local),
                            sequence({Store::make(exit.broken, {make_int(0)}, make_int(0)), lifted}));
  return Allocate::make(Buffer::make(exit.skip, Type::i32(), {make_int(1)}, MemoryScope::Local), lifted);
}

std::optional<Stmt> FunctionLifter::lift_early_value_return(const std::vector<const clang::Stmt*>& stmts, std::size_t i,
                                                            std::vector<Stmt>& out) {
  // `if (c) return e; ...; return f;` at the top level of an inlined function: the result is e
  // where c holds, else what the rest of the block computes.
  const auto* branch = llvm::dyn_cast<clang::IfStmt>(stmts[i]);
  if (!branch || branch->getElse() || branch->getInit() || branch->getConditionVariable() || return_targets_.empty() ||
      control_depth_ != return_depths_.back())
    return std::nullopt;
  const clang::Stmt* then = branch->getThen();
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(then); block && block->size() == 1) then = block->body_front();
  const auto* early = llvm::dyn_cast<clang::ReturnStmt>(then);
  const auto* last = llvm::dyn_cast<clang::ReturnStmt>(stmts.back());
  if (!early || !early->getRetValue() || !last || !last->getRetValue() || i + 1 == stmts.size()) return std::nullopt;
  const auto [buffer, type] = return_targets_.back();
  Expr condition = fold(lift_condition(branch->getCond()));
  out.insert(out.end(), pending_.begin(), pending_.end());
  pending_.clear();
  ++control_depth_;
  Stmt then_case = with_pending(Store::make(buffer, {make_int(0)}, lift_expr_as(early->getRetValue(), type)));
  --control_depth_;
  // The rest stays at the function's top level: its own early returns are lifted the same way.
  Stmt else_case = lift_block(std::vector<const clang::Stmt*>(stmts.begin() + static_cast<long>(i) + 1, stmts.end()), 0);
  out.push_back(IfThenElse::make(condition, then_case, else_case));
  return sequence(std::move(out));
}

Stmt FunctionLifter::lift_declaration(const clang::VarDecl* var) {
  if (prebound_.count(var)) return Block::make({});  // bound before the body (host code's device pointers)
  if (var->isStaticLocal() && !hooks_.declaration_scope(var)) unsupported(var, "a static local variable");
  if (hooks_.lift_opaque_declaration && hooks_.lift_opaque_declaration(*this, var)) return Block::make({});
  const std::string name = fresh_name(var->getNameAsString());
  clang::QualType type = var->getType();

  if (const auto* open = context_.getAsIncompleteArrayType(type);
      open && var->hasExternalStorage() && hooks_.dynamic_shared_bytes && hooks_.declaration_scope(var)) {
    // `extern __shared__ T name[]`: the launch's dynamic shared memory.
    Type element = scalar_type(open->getElementType(), var->getLocation());
    // Every such declaration of a kernel names the same memory.
    if (dynamic_shared_.empty()) {
      dynamic_shared_.push_back(std::make_unique<DynamicShared>());
      dynamic_shared_.back()->bytes = hooks_.dynamic_shared_bytes(*this, var);
    }
    names_.erase(name);
    const std::string buffer = dynamic_shared_view(*dynamic_shared_.back(), element, var->getNameAsString());
    Expr count = Binary::make(BinaryOp::Div, convert(dynamic_shared_.back()->bytes, Type::i64()),
                              make_int(element.bytes(), Type::i64()));
    bind(var, ArrayBinding{buffer, element, {count}});
    return Block::make({});
  }
  if (context_.getAsConstantArrayType(type) || type->getAs<clang::ExtVectorType>()) {
    std::vector<Expr> dims;
    clang::QualType element = type;
    if (const auto* vector = type->getAs<clang::ExtVectorType>()) {
      // A clang vector (ext_vector_type: HIP's MFMA operands) is a one-dimensional local array.
      dims.push_back(make_int(vector->getNumElements()));
      element = vector->getElementType();
    }
    // Larger arrays fit no target's on-chip or per-thread memory (and would exhaust the host's
    // memory when interpreted).
    constexpr std::uint64_t max_array_bytes = std::uint64_t(1) << 30;
    std::uint64_t elements = 1;
    while (const auto* a = context_.getAsConstantArrayType(element)) {
      const llvm::APInt& size = a->getSize();
      if (size.getActiveBits() > 31 || elements * size.getZExtValue() > max_array_bytes)
        unsupported(var, "an array larger than 1 GiB");
      elements *= size.getZExtValue();
      dims.push_back(make_int(static_cast<std::int64_t>(size.getZExtValue())));
      element = a->getElementType();
    }
    Type element_type = scalar_type(element, var->getLocation());
    if (elements * static_cast<std::uint64_t>(element_type.bytes()) > max_array_bytes)
      unsupported(var, "an array larger than 1 GiB");
    const clang::Expr* init = var->hasInit() ? var->getInit()->IgnoreImplicit() : nullptr;
    if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(init);
        construct && construct->getConstructor()->isDefaultConstructor() && construct->getConstructor()->isTrivial())
      init = nullptr;  // arrays of __half: trivially default-constructed
    const auto* list = llvm::dyn_cast_or_null<clang::InitListExpr>(init);
    if (init && !list && type->getAs<clang::ExtVectorType>() && hooks_.lift_vector_assignment) {
      ArrayBinding vector{name, scalar_type(element, var->getLocation()), dims};
      if (auto set = hooks_.lift_vector_assignment(*this, vector, init)) {
        bind(var, vector);
        return Allocate::make(Buffer::make(name, vector.element, dims, MemoryScope::Local), *set);
      }
    }
    if (init && !list) unsupported(var, "this array initializer");
    MemoryScope scope = hooks_.declaration_scope(var).value_or(MemoryScope::Local);
    if (list && scope != MemoryScope::Local) unsupported(var, "an initializer of an on-chip array");
    if (list && element_type.is_vector()) unsupported(var, "an initializer of an array of vectors");
    // An array of vectors (__m512 acc[4]) keeps each vector's lanes in a last dimension.
    std::vector<Expr> storage_dims = dims;
    if (element_type.is_vector()) storage_dims.push_back(make_int(element_type.lanes));
    Buffer buffer = Buffer::make(name, element_type.element_of(), storage_dims, scope);
    bind(var, ArrayBinding{name, element_type, dims});
    if (scope != MemoryScope::Local) {
      // Shared memory, NRAM, WRAM, SRAM: one allocation for the whole kernel, outside the threads.
      hoisted_.push_back(buffer);
      return Block::make({});
    }
    return Allocate::make(buffer, list ? initialize_array(name, element_type, dims, list) : Block::make({}));
  }
  if (auto scope = hooks_.declaration_scope(var)) {
    // A scalar in shared memory / NRAM: a one-element buffer of the whole block or task.
    Type t = scalar_type(type, var->getLocation());
    hoisted_.push_back(Buffer::make(name, t, {make_int(1)}, *scope));
    bind(var, MutableBinding{name, t});
    return Block::make({});
  }

  if (type->isPointerType() && !var->hasInit() && type->getPointeeType()->isIncompleteType())
    return Block::make({});  // an opaque runtime handle (a CNRT queue): only runtime calls use it
  if (type->isPointerType()) {
    if (type->isFunctionPointerType()) unsupported(var, "a function pointer");
    if (!var->hasInit()) unsupported(var, "an uninitialized pointer");
    bind(var, lift_pointer(var->getInit()));
    return Block::make({});
  }
  if (is_std_vector(type)) {
    if (mutated_.count(var)) unsupported(var, "a std::vector that is assigned after its declaration");
    return lift_std_vector_declaration(*this, var);
  }
  if (const auto* record = type->getAsCXXRecordDecl();
      record && (record->getName() == "dim3" || record->getName() == "cnrtDim3_t")) {
    if (mutated_.count(var)) unsupported(var, "a launch dimension that is assigned after its declaration");
    return Block::make({});  // launches read the initializer
  }
  if (type->isUnionType()) unsupported(var, "a union");
  if (is_struct_with_buffers(type)) unsupported(var, "a struct with std::vector or pointer fields declared here");
  if (type->isRecordType() && !lift_scalar_type(type)) {
    if (mutated_.count(var)) unsupported(var, "a struct that is assigned after its declaration");
    const auto* construct =
        var->hasInit() ? llvm::dyn_cast<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit()) : nullptr;
    if (!var->hasInit() || (construct && construct->getNumArgs() == 0 && construct->getConstructor()->isTrivial())) {
      // Fields assigned one by one later: one scalar of storage per field.
      StructBinding fields;
      for (const clang::FieldDecl* field : type->getAsRecordDecl()->fields()) {
        Type t = scalar_type(field->getType(), field->getLocation());
        const std::string storage = fresh_name(name + "_" + field->getNameAsString());
        per_thread_.push_back(Buffer::make(storage, t, {make_int(1)}, MemoryScope::Local));
        fields.fields[field->getNameAsString()] = Load::make(t, storage, {make_int(0)});
      }
      bind(var, fields);
      return Block::make({});
    }
    if (auto vector = vector_type_of(type)) {
      // A vector value (float4): its lanes are read once, at the declaration, into a local buffer.
      StructBinding lanes = lift_struct(var->getInit());
      std::vector<Stmt> stores;
      StructBinding snapshot;
      int k = 0;
      for (const clang::FieldDecl* field : type->getAsRecordDecl()->fields()) {
        const std::string lane = field->getNameAsString();
        stores.push_back(Store::make(name, {make_int(k)}, convert(lanes.fields.at(lane), vector->first)));
        snapshot.fields[lane] = Load::make(vector->first, name, {make_int(k++)});
      }
      bind(var, snapshot);
      return Allocate::make(Buffer::make(name, vector->first, {make_int(vector->second)}, MemoryScope::Local),
                            sequence(std::move(stores)));
    }
    // Fields assigned later, and fields whose initial value reads memory (which may change before
    // they are read), get storage set here; the others stay the initializer's expressions.
    StructBinding fields = lift_struct(var->getInit());
    std::vector<Stmt> stores;
    for (auto& [field, value] : fields.fields) {
      if (!fields_written_.count({var, field}) && !reads_memory(value)) continue;
      const std::string storage = fresh_name(name + "_" + field);
      per_thread_.push_back(Buffer::make(storage, value.type(), {make_int(1)}, MemoryScope::Local));
      stores.push_back(Store::make(storage, {make_int(0)}, value));
      value = Load::make(value.type(), storage, {make_int(0)});
    }
    bind(var, fields);
    return sequence(std::move(stores));
  }

  Type t = scalar_type(type, var->getLocation());
  if (!mutated_.count(var)) {
    if (!var->hasInit()) unsupported(var, "a variable that is read but never assigned");
    Expr value = lift_expr_as(var->getInit(), t);
    if (value.as<IntImm>() || value.as<FloatImm>()) {
      bind(var, ValueBinding{value});  // constants propagate (folds error checks in host code)
      return Block::make({});
    }
    bind(var, ValueBinding{Var::make(t, name)});
    let_values_[name] = value;
    return LetStmt::make(name, value, Block::make({}));
  }
  Buffer buffer = value_slot(name, t);
  Stmt init = Block::make({});
  if (var->hasInit()) {
    Expr value = lift_expr_as(var->getInit(), t);
    init = Store::make(name, {slot_index(t)}, value);
  }
  bind(var, MutableBinding{name, t});
  Stmt initialized = Allocate::make(buffer, init);
  return initialized;
}

void FunctionLifter::count_expansion(const clang::Stmt* where) {
  // Inlining and unrolling multiply: nested unrolled loops or a call tree that doubles at each
  // level would otherwise grow the IR exponentially (and hang the lifter).
  if (++expansions_ > max_expansions)
    unsupported(where, "more than " + std::to_string(max_expansions) +
                           " inlined calls and unrolled loop iterations in one function");
}

Stmt FunctionLifter::lift_canonical_for(const clang::ForStmt* loop, ForKind kind) {
  // Canonical form: for (T v = a; v < b | v <= b | v > b | v >= b; ++v | v++ | v += s | --v | v -= s)
  if (!loop->getInit()) return is_known_value_loop(loop) ? lift_known_value_loop(loop) : lift_for_over_existing(loop, kind);
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop->getInit());
  if (!init || !init->isSingleDecl()) unsupported(loop, "a for loop without a single loop-variable declaration");
  const auto* var = llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl());
  if (!var || !var->hasInit()) unsupported(loop, "a for loop without an initialized loop variable");
  Type t = scalar_type(var->getType(), loop);
  if (!t.is_int()) unsupported(loop, "a for loop over a non-integer variable");

  const auto refers_to_var = [&](const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref && ref->getDecl() == var;
  };

  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(
      loop->getCond() ? loop->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!cond || !cond->isComparisonOp() || !refers_to_var(cond->getLHS()))
    unsupported(loop, "a for loop whose condition is not `var <op> bound`");

  // Step: +s or -s.
  Expr step;
  bool increasing = true;
  const clang::Expr* inc = loop->getInc() ? loop->getInc()->IgnoreParenImpCasts() : nullptr;
  if (const auto* unary = llvm::dyn_cast_or_null<clang::UnaryOperator>(inc);
      unary && unary->isIncrementDecrementOp() && refers_to_var(unary->getSubExpr())) {
    step = make_int(1, t);
    increasing = unary->isIncrementOp();
  } else if (const auto* compound = llvm::dyn_cast_or_null<clang::CompoundAssignOperator>(inc);
             compound && refers_to_var(compound->getLHS()) &&
             (compound->getOpcode() == clang::BO_AddAssign || compound->getOpcode() == clang::BO_SubAssign)) {
    step = lift_expr_as(compound->getRHS(), t);
    increasing = compound->getOpcode() == clang::BO_AddAssign;
  } else if (auto unrolled = lift_constant_trip_loop(loop, var)) {
    return *unrolled;
  } else {
    unsupported(loop, "a for loop whose increment is not `++v`, `--v`, `v += s` or `v -= s` "
                      "and whose trip count is not a compile-time constant");
  }
  if (const std::int64_t* s = as_const_int(step); s && *s <= 0)
    unsupported(loop, "a for loop with a non-positive step");

  // The loop variable must not change inside the body.
  std::set<const clang::VarDecl*> written;
  MutationFinder finder(written);
  finder.TraverseStmt(const_cast<clang::Stmt*>(loop->getBody()));
  if (written.count(var)) unsupported(loop, "a for loop whose body assigns the loop variable");

  Expr start = lift_expr_as(var->getInit(), t);
  Expr bound = lift_expr_as(cond->getRHS(), t);
  auto op = cond->getOpcode();
  if (increasing != (op == clang::BO_LT || op == clang::BO_LE))
    unsupported(loop, "a for loop whose condition and step disagree in direction");
  const auto add = [](Expr a, Expr b) { return Binary::make(BinaryOp::Add, a, b); };
  const auto sub = [](Expr a, Expr b) { return Binary::make(BinaryOp::Sub, a, b); };
  // Distance to cover: bound - start (increasing) or start - bound (decreasing), inclusive adds one.
  Expr distance = increasing ? sub(bound, start) : sub(start, bound);
  if (op == clang::BO_LE || op == clang::BO_GE) distance = add(distance, make_int(1, t));

  const std::string name = fresh_name(var->getNameAsString());
  const bool unit_increasing = increasing && as_const_int(step) && *as_const_int(step) == 1;
  Expr trips = unit_increasing ? distance
                               : Binary::make(BinaryOp::Div, sub(add(distance, step), make_int(1, t)), step);
  trips = Binary::make(BinaryOp::Max, trips, make_int(0, t));

  ++control_depth_;
  if (unit_increasing) {
    bind(var, ValueBinding{Var::make(t, name)});
    Stmt body = lift_loop_body(loop->getBody());
    --control_depth_;
    return For::make(name, start, trips, kind, body);
  }
  const std::string counter = fresh_name(name + "_iter");
  Expr offset = Binary::make(BinaryOp::Mul, Var::make(t, counter), step);
  bind(var, ValueBinding{Var::make(t, name)});
  Stmt body = lift_loop_body(loop->getBody());
  --control_depth_;
  return For::make(counter, make_int(0, t), trips, kind,
                   LetStmt::make(name, increasing ? add(start, offset) : sub(start, offset), body));
}

Stmt FunctionLifter::lift_loop(const clang::ForStmt* loop, ForKind kind) { return lift_for(loop, kind); }

Stmt FunctionLifter::lift_for_over_existing(const clang::ForStmt* loop, ForKind kind) {
  // The variable is a mutable local (a one-element buffer): each iteration stores its value, and
  // after the loop it holds the first value that failed the condition.
  const clang::Expr* inc = loop->getInc() ? loop->getInc()->IgnoreParenImpCasts() : nullptr;
  const clang::VarDecl* var = nullptr;
  const clang::Expr* step_expr = nullptr;
  const auto var_of = [](const clang::Expr* e) -> const clang::VarDecl* {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  };
  if (const auto* unary = llvm::dyn_cast_or_null<clang::UnaryOperator>(inc); unary && unary->isIncrementOp()) {
    var = var_of(unary->getSubExpr());
  } else if (const auto* compound = llvm::dyn_cast_or_null<clang::CompoundAssignOperator>(inc);
             compound && compound->getOpcode() == clang::BO_AddAssign) {
    var = var_of(compound->getLHS());
    step_expr = compound->getRHS();
  }
  const Binding* binding = var ? binding_of(var) : nullptr;
  const auto* slot = binding ? std::get_if<MutableBinding>(binding) : nullptr;
  if (!slot || !slot->type.is_int() || slot->type.is_vector())
    unsupported(loop, "a for loop without a loop-variable declaration whose increment is not `++v` or `v += s`");
  // Condition: `v < b`, `v <= b`, `v + e < b` or `v + e <= b`.
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(
      loop->getCond() ? loop->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!cond || (cond->getOpcode() != clang::BO_LT && cond->getOpcode() != clang::BO_LE))
    unsupported(loop, "a for loop without a loop-variable declaration whose condition is not `v (+ e) < bound`");
  const Type t = slot->type;
  Expr bound = lift_expr_as(cond->getRHS(), t);
  const clang::Expr* lhs = cond->getLHS()->IgnoreParenImpCasts();
  if (const auto* sum = llvm::dyn_cast<clang::BinaryOperator>(lhs); sum && sum->getOpcode() == clang::BO_Add) {
    if (var_of(sum->getLHS()) != var) unsupported(loop, "this loop condition");
    bound = Binary::make(BinaryOp::Sub, bound, lift_expr_as(sum->getRHS(), t));
  } else if (var_of(lhs) != var) {
    unsupported(loop, "this loop condition");
  }
  if (cond->getOpcode() == clang::BO_LE) bound = Binary::make(BinaryOp::Add, bound, make_int(1, t));
  Expr step = step_expr ? lift_expr_as(step_expr, t) : make_int(1, t);
  if (const std::int64_t* c = as_const_int(step); !c || *c <= 0)
    unsupported(loop, "a for loop without a loop-variable declaration whose step is not a positive constant");
  std::set<const clang::VarDecl*> written;
  MutationFinder finder(written);
  finder.TraverseStmt(const_cast<clang::Stmt*>(loop->getBody()));
  if (written.count(var)) unsupported(loop, "a for loop whose body assigns the loop variable");

  const std::string start = fresh_name(var->getNameAsString() + "_start");
  const std::string counter = fresh_name(var->getNameAsString() + "_iter");
  Expr first = Var::make(t, start);
  const auto add = [](Expr a, Expr b) { return Binary::make(BinaryOp::Add, a, b); };
  const auto mul = [](Expr a, Expr b) { return Binary::make(BinaryOp::Mul, a, b); };
  Expr distance = Binary::make(BinaryOp::Sub, bound, first);
  Expr trips = Binary::make(BinaryOp::Max,
                            Binary::make(BinaryOp::Div, add(distance, Binary::make(BinaryOp::Sub, step, make_int(1, t))), step),
                            make_int(0, t));
  ++control_depth_;
  // After a break, v would have to hold the value it broke at.
  if (contains_jump(loop->getBody(), true)) unsupported(loop, "break in a for loop over an existing variable");
  Stmt body = lift_loop_body(loop->getBody());
  --control_depth_;
  Stmt set = Store::make(slot->buffer, {make_int(0)}, add(first, mul(Var::make(t, counter), step)));
  Stmt iterations = For::make(counter, make_int(0, t), trips, kind, sequence({set, body}));
  Stmt after = Store::make(slot->buffer, {make_int(0)}, add(first, mul(trips, step)));
  return LetStmt::make(start, Load::make(t, slot->buffer, {make_int(0)}), sequence({iterations, after}));
}

Stmt FunctionLifter::initialize_array(const std::string& buffer, Type element, const std::vector<Expr>& dims,
                                      const clang::InitListExpr* init) {
  // `= {}` / `= {0}` zero-fill every element; a one-dimensional list sets its elements in order.
  const auto is_zero = [&](const clang::Expr* e) {
    auto c = try_constant(e);
    clang::Expr::EvalResult result;
    if (c && as_const_int(*c)) return *as_const_int(*c) == 0;
    return e->EvaluateAsFloat(result.Val.getFloat(), context_) && result.Val.getFloat().isZero();
  };
  bool all_zero = true;
  for (const clang::Expr* e : init->inits())
    if (llvm::isa<clang::InitListExpr>(e) || !is_zero(e)) all_zero = false;
  Expr zero = element.is_float() ? make_float(0.0, element) : IntImm::make(element, 0);
  if (all_zero) {
    std::vector<Expr> indices;
    std::vector<std::string> vars;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      vars.push_back(fresh_name(buffer + "_i" + std::to_string(d)));
      indices.push_back(Var::make(Type::i32(), vars.back()));
    }
    Stmt body = Store::make(buffer, indices, zero);
    for (std::size_t d = dims.size(); d-- > 0;) body = For::make(vars[d], make_int(0), dims[d], ForKind::Serial, body);
    return body;
  }
  // Nested lists set their elements in order, one level per dimension; missing ones are zero.
  std::vector<Stmt> stores;
  if (dims.size() == 1 && init) {
    const std::int64_t n = *as_const_int(dims[0]);
    // A long zero tail (`float t[100000] = {1.0f};`) is one loop, not one store per element.
    const std::int64_t listed = std::min<std::int64_t>(n, init->getNumInits());
    const std::int64_t explicit_end = n - listed > 64 ? listed : n;
    for (std::int64_t i = 0; i < explicit_end; ++i) {
      Expr value = i < listed ? lift_expr_as(init->getInit(static_cast<unsigned>(i)), element) : zero;
      stores.push_back(Store::make(buffer, {make_int(i)}, value));
    }
    if (explicit_end < n) {
      const std::string i = fresh_name(buffer + "_i0");
      stores.push_back(For::make(i, make_int(explicit_end), make_int(n - explicit_end), ForKind::Serial,
                                 Store::make(buffer, {Var::make(Type::i32(), i)}, zero)));
    }
  } else {
    std::function<void(const clang::InitListExpr*, std::vector<Expr>)> fill = [&](const clang::InitListExpr* list,
                                                                                  std::vector<Expr> prefix) {
      const std::size_t d = prefix.size();
      const std::int64_t n = *as_const_int(dims[d]);
      for (std::int64_t i = 0; i < n; ++i) {
        std::vector<Expr> at = prefix;
        at.push_back(make_int(i));
        const clang::Expr* e = list && i < list->getNumInits() ? list->getInit(static_cast<unsigned>(i)) : nullptr;
        const auto* inner = llvm::dyn_cast_or_null<clang::InitListExpr>(e ? e->IgnoreImplicit() : nullptr);
        if (d + 1 < dims.size()) {
          if (e && !inner) unsupported(e, "a brace-elided initializer of a multi-dimensional array");
          fill(inner, at);
        } else {
          if (inner) unsupported(e, "this array initializer");
          stores.push_back(Store::make(buffer, at, e ? lift_expr_as(e, element) : zero));
        }
      }
    };
    fill(init, {});
  }
  return sequence(std::move(stores));
}

Stmt FunctionLifter::lift_vector_assignment(const clang::Expr* destination, const clang::Expr* value) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(destination->IgnoreParenImpCasts());
  const Binding* binding = ref ? binding_of(ref->getDecl()) : nullptr;
  const auto* vector = binding ? std::get_if<ArrayBinding>(binding) : nullptr;
  if (vector && hooks_.lift_vector_assignment)
    if (auto set = hooks_.lift_vector_assignment(*this, *vector, value)) return *set;
  unsupported(destination, "an assignment of a whole vector from this expression");
}

PointerBinding FunctionLifter::lift_pointer_assignment(const clang::BinaryOperator* op) {
  PointerBinding p = op->getOpcode() == clang::BO_Assign ? lift_pointer(op->getRHS()) : lift_pointer(op->getLHS());
  if (op->getOpcode() == clang::BO_AddAssign || op->getOpcode() == clang::BO_SubAssign) {
    Expr delta = convert(lift_expr(op->getRHS()), p.offset.type());
    if (p.lanes > 1) delta = Binary::make(BinaryOp::Mul, delta, make_int(p.lanes, delta.type()));
    p.offset = Binary::make(op->getOpcode() == clang::BO_AddAssign ? BinaryOp::Add : BinaryOp::Sub, p.offset, delta);
  } else if (op->getOpcode() != clang::BO_Assign) {
    unsupported(op, "this pointer update");
  }
  return p;
}

Stmt FunctionLifter::lift_assignment(const clang::Expr* e) {
  e = e->IgnoreParens();
  if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) e = cleanups->getSubExpr();
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
      op && op->isAssignmentOp() && op->getLHS()->getType()->isPointerType()) {
    // `p += offset` / `p = q + offset` outside loops and branches re-bases the pointer from here on.
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParenImpCasts());
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(op->getLHS()->IgnoreParenImpCasts()))
      return set_pointer_field(member, op);
    if (!ref || control_depth_ > 0) unsupported(e, "a pointer assignment inside a loop or branch");
    bind(ref->getDecl(), lift_pointer_assignment(op));
    return Block::make({});
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e); op && op->getOpcode() == clang::BO_Assign) {
    // `a = b = v;`: b = v, then a = b.
    if (const auto* inner = llvm::dyn_cast<clang::BinaryOperator>(op->getRHS()->IgnoreParenImpCasts());
        inner && inner->getOpcode() == clang::BO_Assign) {
      Stmt first = lift_assignment(inner);
      Location source = lift_location(inner->getLHS());
      Location target = lift_location(op->getLHS());
      Expr value = convert(Load::make(source.element, source.buffer, source.indices), target.element);
      return sequence({first, Store::make(target.buffer, target.indices, value)});
    }
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e); op && op->isAssignmentOp()) {
    if (op->getOpcode() == clang::BO_Assign && op->getLHS()->getType()->getAs<clang::ExtVectorType>())
      return lift_vector_assignment(op->getLHS(), op->getRHS());
    Location target = lift_location(op->getLHS());
    Expr value;
    if (const auto* compound = llvm::dyn_cast<clang::CompoundAssignOperator>(op)) {
      Type computation = scalar_type(compound->getComputationLHSType(), op);
      Expr current = convert(Load::make(target.element, target.buffer, target.indices), computation);
      Expr rhs = lift_expr_as(op->getRHS(), computation);
      value = convert(Binary::make(*binary_op_of(op->getOpcode()), current, rhs), target.element);
    } else {
      value = lift_expr_as(op->getRHS(), target.element);
    }
    return Store::make(target.buffer, target.indices, value);
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op && op->isIncrementDecrementOp()) {
    Location target = lift_location(op->getSubExpr());
    Expr current = Load::make(target.element, target.buffer, target.indices);
    Expr one = target.element.is_float() ? make_float(1.0, target.element) : IntImm::make(target.element, 1);
    return Store::make(target.buffer, target.indices,
                       Binary::make(op->isIncrementOp() ? BinaryOp::Add : BinaryOp::Sub, current, one));
  }
  if (is_diagnostic_print(e)) {
    // Host code's error messages do not change what is computed; device code's output would be lost.
    if (in_device_code()) unsupported(e, "printing from device code");
    return Block::make({});
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
      op && op->getOperator() == clang::OO_Equal && vector_type_of(op->getType()))
    return lift_vector_assignment(op);
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
      op && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && lift_scalar_type(op->getType())) {
    // `h = value` on a 16-bit float struct (__half): its trivial copy assignment stores the value.
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
    if (method && method->isTrivial()) {
      Location target = lift_location(op->getArg(0));
      return Store::make(target.buffer, target.indices, lift_expr_as(op->getArg(1), target.element));
    }
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    if (hooks_.lift_builtin_call)
      if (auto s = hooks_.lift_builtin_call(*this, call)) return *s;
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee && callee->hasBody()) {
      inline_call(call);
      return Block::make({});
    }
    if (!callee) unsupported(call, "an indirect call");
    unsupported(call, "a call of `" + callee->getNameAsString() + "`");
  }
  if (const auto* cast = llvm::dyn_cast<clang::CStyleCastExpr>(e); cast && cast->getType()->isVoidType())
    return Block::make({});  // `(void)x;`
  unsupported(e, "an expression statement with this form");
}

// ---------------------------------------------------------------------------------------------
// Expressions

std::optional<Expr> FunctionLifter::try_constant(const clang::Expr* e) {
  if (e->isValueDependent() || e->HasSideEffects(context_)) return std::nullopt;
  auto t = lift_scalar_type(e->getType());
  if (!t || t->is_vector()) return std::nullopt;
  if (t->is_int() || t->is_bool()) {
    clang::Expr::EvalResult result;
    if (e->EvaluateAsInt(result, context_)) {
      std::int64_t v = result.Val.getInt().getExtValue();
      if (t->is_bool()) return make_bool(v != 0);
      try {
        return IntImm::make(*t, v);
      } catch (const IRError&) {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

Expr FunctionLifter::lift_expr_as(const clang::Expr* e, Type type) { return convert(lift_expr(e), type); }

Expr FunctionLifter::lift_condition(const clang::Expr* e) { return lift_expr_as(e, Type::boolean()); }

Expr FunctionLifter::lift_expr(const clang::Expr* e) {
  e = e->IgnoreParens();
  if (auto c = try_constant(e)) return *c;
  if (hooks_.lift_builtin_value)
    if (auto v = hooks_.lift_builtin_value(*this, e)) return *v;
  if (auto element = lift_std_vector_element(*this, e)) return Load::make(element->element, element->buffer, element->indices);
  if (auto size = lift_std_vector_size(*this, e)) return *size;

  if (const auto* lit = llvm::dyn_cast<clang::FloatingLiteral>(e))
    return make_float(lit->getValueAsApproximateDouble(), scalar_type(e->getType(), e));
  if (const auto* lit = llvm::dyn_cast<clang::IntegerLiteral>(e))
    return IntImm::make(scalar_type(e->getType(), e), static_cast<std::int64_t>(lit->getValue().getZExtValue()));
  if (const auto* lit = llvm::dyn_cast<clang::CXXBoolLiteralExpr>(e)) return make_bool(lit->getValue());
  if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) return lift_cast(cast);
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const clang::ValueDecl* decl = ref->getDecl();
    if (const auto* constant = llvm::dyn_cast<clang::EnumConstantDecl>(decl))
      return IntImm::make(scalar_type(e->getType(), e), constant->getInitVal().getExtValue());
    if (const Binding* b = binding_of(decl)) {
      if (const auto* v = std::get_if<ValueBinding>(b)) return v->value;
      if (const auto* m = std::get_if<MutableBinding>(b)) return Load::make(m->type, m->buffer, {slot_index(m->type)});
    }
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(decl); var && var->getType().isConstQualified() &&
                                                                 var->hasInit() && !binding_of(decl)) {
      // A constant defined outside the function (constexpr float scale = ...).
      clang::Expr::EvalResult result;
      if (var->getInit()->EvaluateAsFloat(result.Val.getFloat(), context_))
        return make_float(result.Val.getFloat().convertToDouble(), scalar_type(e->getType(), e));
    }
    unsupported(e, "the use of `" + decl->getNameAsString() + "` here");
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e)) return lift_binary(op);
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e)) {
    switch (op->getOpcode()) {
    case clang::UO_Minus: return Unary::make(UnaryOp::Neg, lift_expr(op->getSubExpr()));
    case clang::UO_Plus: return lift_expr(op->getSubExpr());
    case clang::UO_LNot: return Unary::make(UnaryOp::Not, lift_condition(op->getSubExpr()));
    case clang::UO_Not: return Unary::make(UnaryOp::BitNot, lift_expr(op->getSubExpr()));
    case clang::UO_Deref: {
      Location loc = lift_location(e);
      return Load::make(loc.element, loc.buffer, loc.indices);
    }
    default: unsupported(e, "the operator `" + std::string(clang::UnaryOperator::getOpcodeStr(op->getOpcode())) +
                                "` inside an expression");
    }
  }
  if (const auto* op = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
    Type t = scalar_type(e->getType(), e);
    Expr condition = lift_condition(op->getCond());
    // Inlined calls of each side run only when that side is chosen.
    const auto side = [&](const clang::Expr* branch, std::vector<Stmt>& statements) {
      const std::size_t mark = pending_.size();
      Expr value = lift_expr_as(branch, t);
      statements.assign(pending_.begin() + static_cast<long>(mark), pending_.end());
      pending_.resize(mark);
      return value;
    };
    std::vector<Stmt> when_true, when_false;
    Expr true_value = side(op->getTrueExpr(), when_true);
    Expr false_value = side(op->getFalseExpr(), when_false);
    if (!when_true.empty() || !when_false.empty())
      pending_.push_back(IfThenElse::make(condition, sequence(std::move(when_true)),
                                          when_false.empty() ? Stmt() : sequence(std::move(when_false))));
    return Select::make(condition, true_value, false_value);
  }
  if (llvm::isa<clang::ArraySubscriptExpr>(e)) {
    Location loc = lift_location(e);
    return Load::make(loc.element, loc.buffer, loc.indices);
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) return lift_call_expr(call);
  if (const auto* tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) return lift_expr(tmp->getSubExpr());
  if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return lift_expr(cleanups->getSubExpr());
  if (const auto* bind_tmp = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return lift_expr(bind_tmp->getSubExpr());
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    // __half(x), __nv_bfloat16(x), or a copy of one: a conversion.
    Type t = scalar_type(e->getType(), e);
    if (construct->getNumArgs() == 1) return lift_expr_as(construct->getArg(0), t);
    unsupported(e, "this constructor call");
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e); member && !member->isArrow()) {
    StructBinding object = lift_struct(member->getBase());
    auto it = object.fields.find(member->getMemberDecl()->getNameAsString());
    if (it == object.fields.end()) unsupported(e, "this member access");
    return convert(it->second, scalar_type(e->getType(), e));
  }
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    // operator float() of __half / __nv_bfloat16.
    if (llvm::isa<clang::CXXConversionDecl>(member->getMethodDecl()))
      return lift_expr_as(member->getImplicitObjectArgument(), scalar_type(e->getType(), e));
  }
  unsupported(e, std::string("the expression `") + e->getStmtClassName() + "`");
}

Expr FunctionLifter::lift_binary(const clang::BinaryOperator* op) {
  if (op->isAssignmentOp()) unsupported(op, "an assignment inside an expression");
  if (op->getOpcode() == clang::BO_Comma) unsupported(op, "the comma operator");
  if (op->getLHS()->getType()->isPointerType() || op->getRHS()->getType()->isPointerType())
    unsupported(op, "pointer arithmetic or comparison as a value");
  BinaryOp kind = *binary_op_of(op->getOpcode());
  if (kind == BinaryOp::And || kind == BinaryOp::Or)
    return Binary::make(kind, lift_condition(op->getLHS()), lift_condition(op->getRHS()));
  Expr a = lift_expr(op->getLHS());
  Expr b = lift_expr(op->getRHS());
  if (kind == BinaryOp::Shl || kind == BinaryOp::Shr) b = convert(b, a.type());
  if (a.type() != b.type()) {
    // Clang has converted both sides already, except where our scalar types merge C types.
    b = convert(b, a.type());
  }
  return Binary::make(kind, a, b);
}

Expr FunctionLifter::lift_cast(const clang::CastExpr* cast) {
  const clang::Expr* sub = cast->getSubExpr();
  switch (cast->getCastKind()) {
  case clang::CK_LValueToRValue:
  case clang::CK_NoOp:
  case clang::CK_ConstructorConversion:
  case clang::CK_UserDefinedConversion:
    if (cast->getType()->isPointerType()) unsupported(cast, "a pointer used as a value");
    if (lift_scalar_type(cast->getType()) && lift_scalar_type(sub->getType()) &&
        *lift_scalar_type(cast->getType()) != *lift_scalar_type(sub->getType()))
      return lift_expr_as(sub, *lift_scalar_type(cast->getType()));
    return lift_expr(sub);
  case clang::CK_IntegralCast:
  case clang::CK_FloatingCast:
  case clang::CK_IntegralToFloating:
  case clang::CK_FloatingToIntegral:
  case clang::CK_IntegralToBoolean:
  case clang::CK_FloatingToBoolean:
  case clang::CK_BooleanToSignedIntegral:
    return lift_expr_as(sub, scalar_type(cast->getType(), cast));
  default:
    if (auto t = lift_scalar_type(cast->getType()); t && lift_scalar_type(sub->getType()))
      return lift_expr_as(sub, *t);
    unsupported(cast, std::string("the conversion `") + cast->getCastKindName() + "`");
  }
}

Expr FunctionLifter::lift_call_expr(const clang::CallExpr* call) {
  if (hooks_.lift_builtin_expr)
    if (auto v = hooks_.lift_builtin_expr(*this, call)) return *v;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
      member && llvm::isa<clang::CXXConversionDecl>(member->getMethodDecl()) &&
      lift_scalar_type(member->getImplicitObjectArgument()->getType()))
    // operator float() of __half / __nv_bfloat16 (`float v = h;`).
    return lift_expr_as(member->getImplicitObjectArgument(), scalar_type(call->getType(), call));
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (!callee) unsupported(call, "an indirect call");
  const std::string name = callee->getNameAsString();
  if (callee->hasBody()) return inline_call(call);
  unsupported(call, "a call of `" + name + "`");
}

Expr FunctionLifter::inline_call(const clang::CallExpr* call) {
  const clang::FunctionDecl* callee = call->getDirectCallee()->getDefinition();
  for (const clang::FunctionDecl* f : inline_stack_)
    if (f == callee) unsupported(call, "recursion (a call of `" + callee->getNameAsString() + "` inside itself)");
  if (inline_stack_.size() > 32) unsupported(call, "calls nested more than 32 deep");
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee); method && method->isVirtual())
    unsupported(call, "a virtual call");
  if (llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa<clang::CXXMethodDecl>(callee))
    unsupported(call, "the member operator `" + callee->getNameAsString() + "`");
  if (callee->isVariadic() || call->getNumArgs() != callee->getNumParams())
    unsupported(call, "a call of the variadic function `" + callee->getNameAsString() + "`");
  if (!llvm::isa<clang::CompoundStmt>(callee->getBody()))
    unsupported(callee, "a function-try-block");
  if (llvm::isa<clang::CUDAKernelCallExpr>(call)) unsupported(call, "a kernel launch inside device code");
  count_expansion(call);

  // Arguments are evaluated once, into let bindings (scalars) or pointer bindings.
  std::set<const clang::VarDecl*> written;
  std::set<FieldOf> fields_written;
  MutationFinder finder(written, &fields_written);
  finder.TraverseStmt(callee->getBody());
  std::vector<std::pair<std::string, Expr>> lets;
  std::vector<Stmt> copies;  // parameters the callee assigns: per-thread copies
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const clang::ParmVarDecl* p = callee->getParamDecl(i);
    if (p->getType()->isReferenceType() && !p->getType().getNonReferenceType().isConstQualified()) {
      unsupported(call, "a call passing an argument by non-const reference");
    } else if (written.count(p) && !p->getType()->isPointerType()) {
      Type t = scalar_type(p->getType(), call);
      std::string name = fresh_name(p->getNameAsString());
      per_thread_.push_back(value_slot(name, t));
      copies.push_back(Store::make(name, {slot_index(t)}, lift_expr_as(call->getArg(i), t)));
      bind(p, MutableBinding{name, t});
    } else if (p->getType()->isPointerType()) {
      bind(p, lift_pointer(call->getArg(i)));
    } else if (p->getType()->isReferenceType() && p->getType().getNonReferenceType()->isPointerType()) {
      bind(p, lift_pointer(call->getArg(i)));  // a pointer by const reference
    } else if (p->getType().getNonReferenceType()->isRecordType() &&
               !lift_scalar_type(p->getType().getNonReferenceType())) {
      // The binding is the caller's: the callee must not write the fields of its copy.
      if (std::any_of(fields_written.begin(), fields_written.end(), [p](const FieldOf& f) { return f.first == p; }))
        unsupported(p, "a function that assigns fields of its struct parameter");
      bind(p, lift_struct(call->getArg(i)));  // a struct of scalars, by value or const reference
    } else {
      Type t = scalar_type(p->getType().getNonReferenceType(), call);
      std::string name = fresh_name(p->getNameAsString());
      lets.emplace_back(name, lift_expr_as(call->getArg(i), t));
      bind(p, ValueBinding{Var::make(t, name)});
    }
  }
  for (const clang::ParmVarDecl* p : callee->parameters())
    if (written.count(p) && p->getType()->isPointerType()) unsupported(p, "a function that re-points its pointer parameter");
  mutated_.insert(written.begin(), written.end());
  fields_written_.insert(fields_written.begin(), fields_written.end());

  // The body; a value-returning function must end with `return e;` and have no other return.
  const auto* body = llvm::dyn_cast<clang::CompoundStmt>(callee->getBody());
  std::vector<const clang::Stmt*> stmts(body->body_begin(), body->body_end());
  Expr value;
  const bool returns_struct =
      callee->getReturnType()->isRecordType() && !lift_scalar_type(callee->getReturnType());
  const bool returns_value = !callee->getReturnType()->isVoidType() && !returns_struct;
  if (returns_struct) {
    const auto* ret = stmts.empty() ? nullptr : llvm::dyn_cast<clang::ReturnStmt>(stmts.back());
    if (!ret || !ret->getRetValue())
      unsupported(callee, "a function whose value is not returned by its last statement");
  }
  if (returns_value) {
    const auto* ret = stmts.empty() ? nullptr : llvm::dyn_cast<clang::ReturnStmt>(stmts.back());
    if (!ret || !ret->getRetValue())
      unsupported(callee, "a function whose value is not returned by its last statement");
    Type t = scalar_type(callee->getReturnType(), call);
    const std::string result_buffer = fresh_name(callee->getNameAsString() + "_result");
    per_thread_.push_back(value_slot(result_buffer, t));
    return_targets_.emplace_back(result_buffer, t);
    return_depths_.push_back(control_depth_);
    value = Load::make(t, result_buffer, {slot_index(t)});
  }
  inline_stack_.push_back(callee);
  std::vector<Stmt> saved = std::move(pending_);
  pending_.clear();
  std::vector<LoopExit> caller_loops = std::move(loop_exits_);
  std::string caller_returned = std::move(returned_);
  loop_exits_.clear();
  returned_.clear();
  if (!returns_value && needs_return_flag(body)) returned_ = fresh_name("returned");
  Stmt lifted = sequence({sequence(std::move(copies)), lift_block(stmts, 0)});
  if (!returned_.empty())
    lifted = Allocate::make(Buffer::make(returned_, Type::i32(), {make_int(1)}, MemoryScope::Local),
                            sequence({Store::make(returned_, {make_int(0)}, make_int(0)), lifted}));
  loop_exits_ = std::move(caller_loops);
  returned_ = std::move(caller_returned);
  if (returns_value) {
    return_targets_.pop_back();
    return_depths_.pop_back();
  }
  inline_stack_.pop_back();
  for (auto it = lets.rbegin(); it != lets.rend(); ++it) lifted = LetStmt::make(it->first, it->second, lifted);
  pending_ = std::move(saved);
  pending_.push_back(lifted);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Places and pointers

StructBinding FunctionLifter::lift_struct(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      construct && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor())
    return lift_struct(construct->getArg(0));
  if (const auto* tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) return lift_struct(tmp->getSubExpr());
  if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return lift_struct(cleanups->getSubExpr());
  if (const auto* bound = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return lift_struct(bound->getSubExpr());
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const Binding* b = binding_of(ref->getDecl()))
      if (const auto* s = std::get_if<StructBinding>(b)) return *s;
    unsupported(e, "the struct `" + ref->getDecl()->getNameAsString() + "`");
  }
  if (auto vector = vector_type_of(e->getType())) {
    const auto* record = e->getType()->getAsRecordDecl();
    if (auto p = lift_vector_element(e)) {
      StructBinding result;  // the lanes' loads
      int k = 0;
      for (const clang::FieldDecl* field : record->fields()) {
        Expr index = Binary::make(BinaryOp::Add, p->offset, make_int(k++, p->offset.type()));
        result.fields[field->getNameAsString()] = Load::make(p->element, p->buffer, {index});
      }
      return result;
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* callee = call ? call->getDirectCallee() : nullptr;
    if (callee && !callee->hasBody() && callee->getNameAsString().rfind("make_", 0) == 0 &&
        call->getNumArgs() == static_cast<unsigned>(vector->second)) {
      StructBinding result;  // make_float4(a, b, c, d)
      unsigned k = 0;
      for (const clang::FieldDecl* field : record->fields())
        result.fields[field->getNameAsString()] = lift_expr_as(call->getArg(k++), vector->first);
      return result;
    }
  }
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    const auto* record = list->getType()->getAsRecordDecl();
    if (!record) unsupported(e, "this initializer list");
    StructBinding result;
    unsigned i = 0;
    for (const clang::FieldDecl* field : record->fields()) {
      if (i >= list->getNumInits()) unsupported(e, "a struct initializer that leaves fields out");
      Type t = scalar_type(field->getType(), field->getLocation());
      result.fields[field->getNameAsString()] = lift_expr_as(list->getInit(i++), t);
    }
    return result;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
      call && call->getDirectCallee() && call->getDirectCallee()->hasBody())
    return inline_struct_call(call);
  unsupported(e, std::string("the struct expression `") + e->getStmtClassName() + "`");
}

PointerBinding FunctionLifter::lift_pointer(const clang::Expr* e) {
  e = e->IgnoreParens();
  if (auto data = lift_std_vector_data(*this, e)) return *data;
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e); member && !member->isArrow()) {
    StructBinding object = lift_struct(member->getBase());
    auto it = object.pointers.find(member->getMemberDecl()->getNameAsString());
    if (it == object.pointers.end())
      unsupported(e, "the pointer field `" + member->getMemberDecl()->getNameAsString() + "` before it is set");
    return it->second;
  }
  if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
    switch (cast->getCastKind()) {
    case clang::CK_NoOp:
    case clang::CK_LValueToRValue:
    case clang::CK_ArrayToPointerDecay: {
      PointerBinding p = lift_pointer(cast->getSubExpr());
      return p;
    }
    case clang::CK_BitCast: {
      PointerBinding p = lift_pointer(cast->getSubExpr());
      auto target = lift_scalar_type(cast->getType()->getPointeeType());
      if (auto vector = vector_type_of(cast->getType()->getPointeeType());
          vector && vector->first == p.element && p.lanes == 1) {
        p.lanes = vector->second;  // reinterpret_cast<const float4*>(a): a view of 4 consecutive floats
        return p;
      }
      if (auto storage = dynamic_view_of_.find(p.buffer);
          target && *target != p.element && storage != dynamic_view_of_.end() &&
          p.element.bytes() % target->bytes() == 0) {
        // A view of dynamic shared memory as another element type, at the same byte offset.
        Expr ratio = make_int(p.element.bytes() / target->bytes(), p.offset.type());
        return {dynamic_shared_view(*storage->second, *target, p.buffer), *target,
                Binary::make(BinaryOp::Mul, p.offset, ratio)};
      }
      if (!target || *target != p.element) unsupported(e, "a pointer cast that reinterprets the element type");
      return p;
    }
    default: break;
    }
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const Binding* b = binding_of(ref->getDecl())) {
      if (const auto* p = std::get_if<PointerBinding>(b)) return *p;
      if (const auto* a = std::get_if<ArrayBinding>(b)) {
        if (a->dims.size() != 1 || a->element.is_vector())
          unsupported(e, "a multi-dimensional array or an array of vectors used as a pointer");
        return {a->buffer, a->element, make_int(0)};
      }
    }
    unsupported(e, "the pointer `" + ref->getDecl()->getNameAsString() + "`");
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
      op && (op->getOpcode() == clang::BO_Add || op->getOpcode() == clang::BO_Sub)) {
    const bool pointer_left = op->getLHS()->getType()->isPointerType();
    PointerBinding p = lift_pointer(pointer_left ? op->getLHS() : op->getRHS());
    Expr offset = lift_expr(pointer_left ? op->getRHS() : op->getLHS());
    offset = convert(offset, p.offset.type());
    if (p.lanes > 1) offset = Binary::make(BinaryOp::Mul, offset, make_int(p.lanes, offset.type()));
    p.offset = Binary::make(op->getOpcode() == clang::BO_Add ? BinaryOp::Add : BinaryOp::Sub, p.offset, offset);
    return p;
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op && op->getOpcode() == clang::UO_AddrOf) {
    Location loc = lift_location(op->getSubExpr());
    if (loc.indices.size() != 1) unsupported(e, "the address of an element of a multi-dimensional array");
    return {loc.buffer, loc.element, loc.indices[0]};
  }
  if (llvm::isa<clang::CXXNewExpr>(e)) unsupported(e, "dynamic allocation (new)");
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    unsupported(e, callee ? "a pointer returned by a call of `" + callee->getNameAsString() + "`"
                          : std::string("a pointer returned by a call"));
  }
  unsupported(e, std::string("the pointer expression `") + e->getStmtClassName() + "`");
}

StructBinding FunctionLifter::inline_struct_call(const clang::CallExpr* call) {
  const clang::FunctionDecl* callee = call->getDirectCallee()->getDefinition();
  const auto* record = callee->getReturnType()->getAsRecordDecl();
  if (!record) unsupported(call, "a call whose value is not a struct of scalars");
  StructBinding result;
  std::map<std::string, std::pair<std::string, Type>> targets;
  for (const clang::FieldDecl* field : record->fields()) {
    Type t = scalar_type(field->getType(), field->getLocation());
    const std::string storage = fresh_name(callee->getNameAsString() + "_" + field->getNameAsString());
    per_thread_.push_back(Buffer::make(storage, t, {make_int(1)}, MemoryScope::Local));
    targets[field->getNameAsString()] = {storage, t};
    result.fields[field->getNameAsString()] = Load::make(t, storage, {make_int(0)});
  }
  struct_return_targets_.push_back(targets);
  inline_call(call);
  struct_return_targets_.pop_back();
  return result;
}

Stmt FunctionLifter::lift_struct_return(const clang::ReturnStmt* ret) {
  if (struct_return_targets_.empty()) unsupported(ret, "a returned struct here");
  StructBinding value = lift_struct(ret->getRetValue());
  std::vector<Stmt> out;
  StructBinding result;
  for (const auto& [field, target] : struct_return_targets_.back()) {
    if (!value.fields.count(field)) unsupported(ret, "a returned struct without the field `" + field + "`");
    out.push_back(with_pending(Store::make(target.first, {make_int(0)}, convert(value.fields.at(field), target.second))));
    result.fields[field] = Load::make(target.second, target.first, {make_int(0)});
  }
  if (struct_continuations_.empty() || struct_continuations_.back().inline_depth != inline_stack_.size()) {
    if (!value.vectors.empty() || !value.pointers.empty())
      unsupported(ret, "a returned struct with std::vector or pointer fields here");
    return sequence(std::move(out));
  }
  // Named return value: the vectors' buffers are the caller's; its rest runs in the caller's state.
  result.vectors = value.vectors;
  result.pointers = value.pointers;
  StructContinuation caller = std::move(struct_continuations_.back());
  struct_continuations_.pop_back();
  auto targets = std::move(struct_return_targets_.back());
  struct_return_targets_.pop_back();
  const clang::FunctionDecl* callee = inline_stack_.back();
  inline_stack_.pop_back();
  std::swap(loop_exits_, caller.loop_exits);
  std::swap(returned_, caller.returned);
  out.push_back(caller.rest(std::move(result)));
  std::swap(loop_exits_, caller.loop_exits);
  std::swap(returned_, caller.returned);
  inline_stack_.push_back(callee);
  std::vector<Buffer> slots;
  for (const auto& [field, target] : targets) slots.push_back(struct_field_slot(target.first, target.second));
  struct_return_targets_.push_back(std::move(targets));
  return wrap_in_allocations(slots, sequence(std::move(out)));
}

Stmt FunctionLifter::inline_struct_call_scoping(const clang::CallExpr* call,
                                                const std::function<Stmt(StructBinding)>& rest) {
  const clang::FunctionDecl* callee = call->getDirectCallee()->getDefinition();
  const auto* body = llvm::dyn_cast<clang::CompoundStmt>(callee->getBody());
  if (!body || body->size() == 0) unsupported(call, "a call of this function returning a struct with std::vector fields");
  for (const clang::Stmt* s : body->body())
    if (s != body->body_back() && contains_return(s))
      unsupported(s, "a return before the end of a function returning a struct with std::vector or pointer fields");
  std::map<std::string, std::pair<std::string, Type>> targets;
  for (const clang::FieldDecl* field : callee->getReturnType()->getAsRecordDecl()->fields()) {
    if (is_std_vector(field->getType()) || field->getType()->isPointerType()) continue;
    Type t = scalar_type(field->getType(), field->getLocation());
    const std::string storage = fresh_name(callee->getNameAsString() + "_" + field->getNameAsString());
    targets[field->getNameAsString()] = {storage, t};  // allocated at the return, around the rest
  }
  const std::size_t waiting = struct_continuations_.size();
  struct_return_targets_.push_back(targets);
  struct_continuations_.push_back({inline_stack_.size() + 1, rest, loop_exits_, returned_});
  inline_call(call);
  struct_return_targets_.pop_back();
  if (struct_continuations_.size() != waiting) unsupported(call, "a call whose struct is not returned by its last statement");
  std::vector<Stmt> out = std::move(pending_);
  pending_.clear();
  return sequence(std::move(out));
}

Stmt FunctionLifter::set_pointer_field(const clang::MemberExpr* member, const clang::BinaryOperator* op) {
  // `s.p = q + offset` (or `s.p += offset`) where `s` was declared: binds the field from here on.
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
  const auto* object = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  auto depth = object ? buffer_struct_depth_.find(object) : buffer_struct_depth_.end();
  if (depth == buffer_struct_depth_.end() || member->isArrow())
    unsupported(op, "an assignment to a pointer field of a struct that is not a local variable");
  if (depth->second != control_depth_)
    unsupported(op, "setting a pointer field in a loop or branch below its struct's declaration");
  StructBinding updated = std::get<StructBinding>(*binding_of(object));
  const std::string field = member->getMemberDecl()->getNameAsString();
  updated.pointers[field] = lift_pointer_assignment(op);
  bind(object, updated);
  return Block::make({});
}

Stmt FunctionLifter::declare_struct_with_buffers(const clang::VarDecl* var, const std::function<Stmt()>& rest) {
  const auto* construct =
      var->hasInit() ? llvm::dyn_cast<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit()) : nullptr;
  if (!construct || construct->getNumArgs() != 0)
    unsupported(var, "a struct with std::vector or pointer fields initialized this way");
  const std::string name = fresh_name(var->getNameAsString());
  StructBinding fields;
  std::vector<Stmt> inits;
  std::vector<Buffer> slots;
  for (const clang::FieldDecl* field : var->getType()->getAsRecordDecl()->fields()) {
    if (is_std_vector(field->getType()) || field->getType()->isPointerType()) continue;  // bound when set
    Type t = scalar_type(field->getType(), field->getLocation());
    const std::string storage = fresh_name(name + "_" + field->getNameAsString());
    slots.push_back(struct_field_slot(storage, t));
    fields.fields[field->getNameAsString()] = Load::make(t, storage, {make_int(0)});
    const clang::Expr* init = field->getInClassInitializer();
    inits.push_back(Store::make(storage, {make_int(0)}, init ? lift_expr_as(init, t) : zero_of(t)));
  }
  bind(var, fields);
  buffer_struct_depth_[var] = control_depth_;
  Stmt body = with_pending(sequence(std::move(inits)));
  return wrap_in_allocations(slots, sequence({body, rest()}));
}

Location FunctionLifter::lift_location(const clang::Expr* e) {
  e = e->IgnoreParens();
  if (hooks_.lift_element_location)
    if (auto element = hooks_.lift_element_location(*this, e)) return *element;
  if (auto element = lift_std_vector_element(*this, e)) return *element;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const Binding* b = binding_of(ref->getDecl()))
      if (const auto* m = std::get_if<MutableBinding>(b)) return {m->buffer, m->type, {slot_index(m->type)}};
    unsupported(e, "an assignment to `" + ref->getDecl()->getNameAsString() + "`");
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op && op->getOpcode() == clang::UO_Deref) {
    PointerBinding p = lift_pointer(op->getSubExpr());
    return {p.buffer, p.element, {p.offset}};
  }
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
    // Collect a[i][j]... down to its base.
    std::vector<const clang::Expr*> index_exprs;
    const clang::Expr* base = subscript;
    while (const auto* s = llvm::dyn_cast<clang::ArraySubscriptExpr>(base->IgnoreParenImpCasts())) {
      index_exprs.insert(index_exprs.begin(), s->getIdx());
      base = s->getBase();
    }
    const clang::Expr* stripped = base->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(stripped)) {
      if (const Binding* b = binding_of(ref->getDecl())) {
        if (const auto* a = std::get_if<ArrayBinding>(b)) {
          if (index_exprs.size() != a->dims.size())
            unsupported(e, "a partial index of a multi-dimensional array");
          std::vector<Expr> indices;
          for (const clang::Expr* i : index_exprs) indices.push_back(lift_expr_as(i, Type::i32()));
          if (a->element.is_vector()) indices.push_back(slot_index(a->element));
          return {a->buffer, a->element, indices};
        }
      }
    }
    if (index_exprs.size() != 1) unsupported(e, "multiple subscripts of a pointer");
    PointerBinding p = lift_pointer(base);
    if (p.lanes > 1) unsupported(e, "a vector element used as a scalar");
    Expr index = convert(lift_expr(index_exprs[0]), p.offset.type());
    Expr flat = index;
    if (const std::int64_t* zero = as_const_int(p.offset); !zero || *zero != 0)
      flat = Binary::make(BinaryOp::Add, p.offset, index);
    return {p.buffer, p.element, {flat}};
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e); member && !member->isArrow()) {
    // `s.field = v` on a struct local whose fields have storage.
    StructBinding object = lift_struct(member->getBase());
    auto it = object.fields.find(member->getMemberDecl()->getNameAsString());
    const auto* load = it == object.fields.end() ? nullptr : it->second.as<Load>();
    if (!load) unsupported(e, "an assignment to a field of a struct that is not a local variable");
    return {load->buffer, it->second.type(), load->indices};
  }
  unsupported(e, std::string("the assignment target `") + e->getStmtClassName() + "`");
}

// `while (cond) ++v;` (or --v, v += s, v -= s with a constant s > 0) where one && operand of cond
// bounds v (`v < e`, `v <= e` counting up; `v > e`, `v >= e` counting down, e not reading v): the
// bound gives the most iterations, and a flag stops the loop at the first false condition.
std::optional<Stmt> FunctionLifter::lift_counting_while(const clang::WhileStmt* loop) {
  const clang::Stmt* body = loop->getBody();
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(body); block && block->size() == 1)
    body = block->body_front();
  const auto* update = llvm::dyn_cast<clang::Expr>(body);
  if (!update) return std::nullopt;
  update = update->IgnoreParenImpCasts();
  const clang::Expr* target = nullptr;
  std::int64_t step = 0;
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(update); unary && unary->isIncrementDecrementOp()) {
    target = unary->getSubExpr();
    step = unary->isIncrementOp() ? 1 : -1;
  } else if (const auto* compound = llvm::dyn_cast<clang::CompoundAssignOperator>(update);
             compound && (compound->getOpcode() == clang::BO_AddAssign || compound->getOpcode() == clang::BO_SubAssign)) {
    clang::Expr::EvalResult amount;
    if (!compound->getRHS()->EvaluateAsInt(amount, context_) || amount.Val.getInt().getExtValue() <= 0)
      return std::nullopt;
    target = compound->getLHS();
    step = amount.Val.getInt().getExtValue() * (compound->getOpcode() == clang::BO_AddAssign ? 1 : -1);
  } else {
    return std::nullopt;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(target->IgnoreParenImpCasts());
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const Binding* binding = var ? binding_of(var) : nullptr;
  const auto* counter = binding ? std::get_if<MutableBinding>(binding) : nullptr;
  if (!counter || !counter->type.is_int()) return std::nullopt;

  std::vector<const clang::Expr*> terms;
  conjuncts(loop->getCond(), terms);
  for (const clang::Expr* term : terms) {
    const auto* compare = llvm::dyn_cast<clang::BinaryOperator>(term);
    if (!compare || !compare->isRelationalOp() || refers_to(compare->getRHS(), var)) continue;
    const auto* lhs = llvm::dyn_cast<clang::DeclRefExpr>(compare->getLHS()->IgnoreParenImpCasts());
    if (!lhs || lhs->getDecl() != var) continue;
    const auto op = compare->getOpcode();
    const bool up = op == clang::BO_LT || op == clang::BO_LE;
    if (up != (step > 0)) continue;
    // Iterations at most: the distance from v to the bound over the step, rounded up.
    Type t = counter->type;
    Expr now = Load::make(t, counter->buffer, {make_int(0)});
    Expr bound = lift_expr_as(compare->getRHS(), t);
    Expr distance = Binary::make(BinaryOp::Sub, up ? bound : now, up ? now : bound);
    if (op == clang::BO_LE || op == clang::BO_GE) distance = Binary::make(BinaryOp::Add, distance, make_int(1, t));
    const std::int64_t magnitude = step > 0 ? step : -step;
    Expr trips = Binary::make(BinaryOp::Div, Binary::make(BinaryOp::Add, distance, make_int(magnitude - 1, t)),
                              make_int(magnitude, t));
    trips = Binary::make(BinaryOp::Max, trips, make_int(0, t));
    const std::string running = fresh_name("running");
    const std::string iteration = fresh_name("iteration");
    ++control_depth_;
    Expr condition = lift_condition(loop->getCond());
    Stmt advance = lift_stmt(loop->getBody());
    --control_depth_;
    if (!pending_.empty()) unsupported(loop->getCond(), "a call in the condition of a while loop");
    Stmt step_once = IfThenElse::make(condition, advance, Store::make(running, {make_int(0)}, make_bool(false)));
    Stmt loop_nest = For::make(iteration, make_int(0, t), trips, ForKind::Serial,
                               IfThenElse::make(Load::make(Type::boolean(), running, {make_int(0)}), step_once));
    return Allocate::make(Buffer::make(running, Type::boolean(), {make_int(1)}, MemoryScope::Local),
                          Block::make({Store::make(running, {make_int(0)}, make_bool(true)), loop_nest}));
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------

Stmt wrap_in_bound_loops(const std::vector<std::pair<HardwareAxis, Expr>>& loops,
                         const std::map<HardwareAxis, std::string>& var_names, Stmt body) {
  for (auto it = loops.rbegin(); it != loops.rend(); ++it)
    body = For::make(var_names.at(it->first), IntImm::make(it->second.type(), 0), it->second, ForKind::Bound,
                     it->first, body);
  return body;
}

Stmt wrap_in_allocations(const std::vector<Buffer>& buffers, Stmt body) {
  for (auto it = buffers.rbegin(); it != buffers.rend(); ++it) body = Allocate::make(*it, body);
  return body;
}

} // namespace xir::frontend
