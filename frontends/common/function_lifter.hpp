#pragma once
// Lifts the body of one function (a kernel, a device function being inlined, or a host entry) from
// Clang's AST into IR statements. Dialect-specific names (hardware indices, barriers, intrinsics,
// host API calls) go through DialectHooks; everything else is C++ shared by all dialects.

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/Stmt.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "lift_error.hpp"
#include "type_lifting.hpp"
#include "xir/frontend/frontend.hpp"
#include "xir/ir.hpp"

namespace xir::frontend {

/// What a C++ variable stands for in the IR.
struct ValueBinding {  // an immutable scalar: a let binding, a parameter, a loop variable
  Expr value;
};
struct MutableBinding {  // a mutable scalar, kept in a one-element local buffer
  std::string buffer;
  Type type;
};
struct PointerBinding {  // a pointer into a buffer, at an element offset
  std::string buffer;
  Type element;
  Expr offset;
  int lanes = 1;  // > 1: a pointer to vectors (float4, ...) of `lanes` consecutive elements
};
struct ArrayBinding {  // a (multi-dimensional) array
  std::string buffer;
  Type element;
  std::vector<Expr> dims;
};
struct StructBinding {  // a struct of scalars passed by value (shape descriptors): its fields' values
  std::map<std::string, Expr> fields;
  std::map<std::string, ArrayBinding> vectors;  // its std::vector fields that have been given a size
  std::map<std::string, PointerBinding> pointers;  // its pointer fields that have been set
};
using Binding = std::variant<ValueBinding, MutableBinding, PointerBinding, ArrayBinding, StructBinding>;

/// A field of a struct local: the local and the field's name.
using FieldOf = std::pair<const clang::VarDecl*, std::string>;

/// A place an assignment writes: `buffer[indices...]`.
struct Location {
  std::string buffer;
  Type element;
  std::vector<Expr> indices;
};

class FunctionLifter;

/// Dialect-specific lifting. Each hook returns nullopt when the construct is not the dialect's.
struct DialectHooks {
  Dialect dialect;
  std::string_view name;
  MemoryScope global_scope = MemoryScope::Global;
  /// Hardware index or extent read: threadIdx.x, blockDim.y, taskId, coreDim, ...
  std::function<std::optional<Expr>(FunctionLifter&, const clang::Expr*)> lift_builtin_value;
  /// A call in statement position (barriers, atomics, intrinsics, memcpy, ...).
  std::function<std::optional<Stmt>(FunctionLifter&, const clang::CallExpr*)> lift_builtin_call;
  /// A call in expression position (math functions with dialect names, conversions, ...).
  std::function<std::optional<Expr>(FunctionLifter&, const clang::CallExpr*)> lift_builtin_expr;
  /// A whole clang vector (a local array) set from `value` (`v = builtin(...)`, `vec4 v = builtin(...)`:
  /// HIP's MFMA results); nullopt when `value` is not the dialect's.
  std::function<std::optional<Stmt>(FunctionLifter&, const ArrayBinding& destination, const clang::Expr* value)>
      lift_vector_assignment;
  /// A local of a type the dialect owns (CUDA's wmma fragments): binds it and returns true; false
  /// when `var` is not the dialect's.
  std::function<bool(FunctionLifter&, const clang::VarDecl*)> lift_opaque_declaration;
  /// An element the dialect owns, read or assigned (CUDA's wmma fragment elements `f.x[i]`);
  /// nullopt when `e` is not one. Optional.
  std::function<std::optional<Location>(FunctionLifter&, const clang::Expr*)> lift_element_location;
  /// The scope of a local variable declaration from its attributes (shared, nram, ...); nullopt: local.
  std::function<std::optional<MemoryScope>(const clang::VarDecl*)> declaration_scope;
  /// The byte count of `extern __shared__ T name[]` (the launch's dynamic shared memory, i64).
  std::function<Expr(FunctionLifter&, const clang::VarDecl*)> dynamic_shared_bytes;
  /// A statement the common lifter does not know (OpenMP directives, ...); optional.
  std::function<std::optional<Stmt>(FunctionLifter&, const clang::Stmt*)> lift_statement;
};

/// `cxx_name` as an IR name: with `_` appended while it is a keyword of the textual IR (a
/// parameter named `kernel`), so the lifted module prints to text that parses.
std::string ir_name(std::string cxx_name);

/// A one-value local slot (a mutable variable, a call's result): one element for a scalar, one
/// element per lane for a vector, read and written at slot_index(type).
Buffer value_slot(const std::string& name, Type type);
Expr slot_index(Type type);

/// Lifts statements and expressions of one function; kernels, device functions (inlined at their
/// calls) and host entries build on it.
class FunctionLifter {
public:
  FunctionLifter(clang::ASTContext& context, const DialectHooks& hooks);

  clang::ASTContext& context() { return context_; }
  const DialectHooks& hooks() const { return hooks_; }

  /// Binds a declaration (a parameter, say) before lifting a body that uses it.
  void bind(const clang::ValueDecl* decl, Binding binding) { env_[decl] = std::move(binding); }
  const Binding* binding_of(const clang::ValueDecl* decl) const;

  /// Statements of a function body, with `decl`'s writes analysed first (which locals are mutated).
  Stmt lift_function_body(const clang::FunctionDecl* function);
  Stmt lift_stmt(const clang::Stmt* s);
  /// A for loop as an IR loop of `kind` (`continue` and `break` become flags).
  Stmt lift_loop(const clang::ForStmt* loop, ForKind kind);
  Expr lift_expr(const clang::Expr* e);
  /// `e` converted to `type` (C conversions; to bool compares with zero).
  Expr lift_expr_as(const clang::Expr* e, Type type);
  Expr lift_condition(const clang::Expr* e);
  Location lift_location(const clang::Expr* e);
  PointerBinding lift_pointer(const clang::Expr* e);
  /// A struct of scalars: a variable bound to one, or an initializer list.
  StructBinding lift_struct(const clang::Expr* e);

  /// A name not used yet in this function's IR, derived from `base`.
  std::string fresh_name(const std::string& base);
  /// Buffers to allocate once for the whole kernel (shared memory, NRAM, ...: per block or task)
  /// and once per thread (results of inlined calls): the kernel puts them around its loops.
  std::vector<Buffer>& hoisted_buffers() { return hoisted_; }
  std::vector<Buffer>& per_thread_buffers() { return per_thread_; }

  /// The value of every let binding made so far (host code's sizes are substituted through them).
  const std::map<std::string, Expr>& let_values() const { return let_values_; }
  /// Makes `other`'s names unavailable here (two lifters writing into one kernel).
  void reserve_names(const FunctionLifter& other) { names_.insert(other.names_.begin(), other.names_.end()); }

  /// Statements emitted while lifting an expression (the bodies of inlined calls); the statement
  /// lifter puts them before the statement that contained the expression.
  std::vector<Stmt>& pending_statements() { return pending_; }

  [[noreturn]] void unsupported(const clang::Stmt* s, const std::string& construct) const;
  [[noreturn]] void unsupported(const clang::Decl* d, const std::string& construct) const;

  Type scalar_type(clang::QualType type, const clang::Stmt* where) const;
  Type scalar_type(clang::QualType type, clang::SourceLocation where) const;

private:
  Stmt lift_block(const std::vector<const clang::Stmt*>& stmts, std::size_t first);
  /// `for (; v + e < bound; v += s)` over a variable declared before the loop: v keeps its final value.
  Stmt lift_for_over_existing(const clang::ForStmt* loop, ForKind kind);
  /// Binds `var`; returns a LetStmt or Allocate whose body the caller replaces with the rest of
  /// the block, or an empty Block when the declaration needs no statement.
  Stmt lift_declaration(const clang::VarDecl* var);
  /// `if (c) return e;` before the final `return f;` of an inlined function; nullopt otherwise.
  std::optional<Stmt> lift_early_value_return(const std::vector<const clang::Stmt*>& stmts, std::size_t i,
                                              std::vector<Stmt>& out);
  /// A for loop; `continue` and `break` in its body become flags (see LoopExit).
  Stmt lift_for(const clang::ForStmt* loop, ForKind kind);
  Stmt lift_canonical_for(const clang::ForStmt* loop, ForKind kind);
  /// One iteration's body of the innermost loop, guarded by its exit flags.
  Stmt lift_loop_body(const clang::Stmt* body);
  Stmt lift_jump(const clang::Stmt* jump);
  std::optional<Stmt> lift_counting_while(const clang::WhileStmt* loop);
  std::optional<Stmt> lift_constant_trip_loop(const clang::ForStmt* loop, const clang::VarDecl* var);
  /// `for (; c; v op= k)` (or no condition) over a local or a struct local's field whose value
  /// before the loop is known now, left by break or return: the body is lifted once per value, up
  /// to the first value at which it surely leaves the loop (see known_value_loop.cpp).
  Stmt lift_known_value_loop(const clang::ForStmt* loop);
  /// The value `v` (or `s.f`) has where `loop` starts, if its declaration's initializer gives it
  /// and nothing between the declaration and the loop may write it.
  std::optional<std::int64_t> known_entry_value(const clang::ForStmt* loop, const clang::Expr* location);
  Stmt initialize_array(const std::string& buffer, Type element, const std::vector<Expr>& dims,
                        const clang::InitListExpr* init);
  Stmt lift_assignment(const clang::Expr* e);
  /// The pointer `p = q`, `p += n` or `p -= n` leaves in its target (a variable or a struct's field).
  PointerBinding lift_pointer_assignment(const clang::BinaryOperator* op);
  /// `v[i]` or `*v` through a pointer to vectors: the pointer to its first element; nullopt otherwise.
  std::optional<PointerBinding> lift_vector_element(const clang::Expr* e);
  Stmt lift_vector_assignment(const clang::CXXOperatorCallExpr* op);
  Stmt lift_vector_assignment(const clang::Expr* destination, const clang::Expr* value);
  Expr lift_binary(const clang::BinaryOperator* op);
  Expr lift_call_expr(const clang::CallExpr* call);
  Expr lift_cast(const clang::CastExpr* cast);
  std::optional<Expr> try_constant(const clang::Expr* e);
  Expr inline_call(const clang::CallExpr* call);
  /// Inlines a call of a function returning a struct of scalars; its fields land in fresh scalars.
  StructBinding inline_struct_call(const clang::CallExpr* call);
  /// Inlines a call of a function returning a struct with std::vector (or pointer) fields (named return value):
  /// `rest` (the caller's rest of the block, given the returned struct) is lifted at the callee's
  /// final `return s;`, inside the scope of the vectors' heap buffers.
  Stmt inline_struct_call_scoping(const clang::CallExpr* call, const std::function<Stmt(StructBinding)>& rest);
  /// `T s;` of a struct with std::vector or pointer fields: scalar fields get storage, vectors a
  /// size later (assign, resize), pointers a binding when set.
  Stmt declare_struct_with_buffers(const clang::VarDecl* var, const std::function<Stmt()>& rest);
  /// `s.p = q` on a pointer field of such a struct local.
  Stmt set_pointer_field(const clang::MemberExpr* member, const clang::BinaryOperator* op);
  /// The struct-returning `return s;` ending an inlined function: field stores (and the caller's rest).
  Stmt lift_struct_return(const clang::ReturnStmt* ret);
  Stmt with_pending(Stmt s);
  /// Counts one inlined call or unrolled loop body; too many is a diagnostic at `where`.
  void count_expansion(const clang::Stmt* where);

  clang::ASTContext& context_;
  const DialectHooks& hooks_;
  std::map<const clang::ValueDecl*, Binding> env_;
  std::set<const clang::VarDecl*> mutated_;
  std::set<FieldOf> fields_written_;  // fields of struct locals assigned after the declaration
  std::set<const clang::ValueDecl*> prebound_;  // bound before the body (host code's device pointers)
  std::set<std::string> names_;
  std::map<std::string, int> next_suffix_;  // see fresh_name
  std::vector<Buffer> hoisted_;
  std::vector<Buffer> per_thread_;
  std::map<std::string, Expr> let_values_;
  int control_depth_ = 0;
  // Where `return e;` of the functions being inlined stores e (innermost last).
  std::vector<std::pair<std::string, Type>> return_targets_;  // > 0 inside loops and branches: pointers can be re-based only outside
  std::vector<Stmt> pending_;
  std::vector<const clang::FunctionDecl*> inline_stack_;
  const clang::FunctionDecl* function_ = nullptr;  // the function whose body is being lifted
  /// Whether the innermost function being lifted (or inlined) is a kernel or device function.
  bool in_device_code() const;
  // A loop whose body continues or breaks: `skip` (set by both) guards the rest of the iteration,
  // `broken` (set by break) guards every later iteration. Empty names: the loop has no such jump.
  struct LoopExit {
    std::string skip, broken;
  };
  std::vector<LoopExit> loop_exits_;
  // Set by a `return;` inside a loop of the function being lifted (empty: it has none there);
  // the rest of the function after the statement holding such a return runs only while it is 0.
  std::string returned_;
  // Dynamic shared memory is untyped: each element type it is viewed as gets its own buffer of
  // the whole byte count (C++'s aliasing rules make a read through another type undefined).
  struct DynamicShared {
    Expr bytes;
    std::map<std::string, std::string> views;  // by element type's name
  };
  std::map<std::string, DynamicShared*> dynamic_view_of_;  // each view buffer -> its storage
  std::vector<std::unique_ptr<DynamicShared>> dynamic_shared_;  // at most one: the kernel's
  std::string dynamic_shared_view(DynamicShared& storage, Type element, const std::string& base);
  std::vector<int> return_depths_;  // control_depth_ where each function in return_targets_ was inlined
  // Per-field storage where `return s;` of the struct-returning functions being inlined stores s.
  std::vector<std::map<std::string, std::pair<std::string, Type>>> struct_return_targets_;
  static constexpr int max_expansions = 10000;
  int expansions_ = 0;
  // The caller's state where a struct with std::vector fields returned by an inlined call is used.
  struct StructContinuation {
    std::size_t inline_depth;  // inline_stack_'s size inside the callee
    std::function<Stmt(StructBinding)> rest;
    std::vector<LoopExit> loop_exits;
    std::string returned;
  };
  std::vector<StructContinuation> struct_continuations_;
  std::map<const clang::VarDecl*, int> buffer_struct_depth_;  // control_depth_ where each struct with vectors or pointers was declared
};

/// Whether `loop` is lifted by FunctionLifter::lift_known_value_loop: no init statement, and no
/// condition, a multiplicative update (`v /= k`, `v *= k`, `v >>= k`, `v <<= k`) or a struct
/// field as its variable.
bool is_known_value_loop(const clang::ForStmt* loop);

/// Builds `for v in [0, extent) bound(axis)` loops around `body`, outermost first.
Stmt wrap_in_bound_loops(const std::vector<std::pair<HardwareAxis, Expr>>& loops,
                         const std::map<HardwareAxis, std::string>& var_names, Stmt body);

/// Wraps `body` in one Allocate per buffer.
Stmt wrap_in_allocations(const std::vector<Buffer>& buffers, Stmt body);

} // namespace xir::frontend
