#pragma once
// std::vector<T> locals of scalars as heap buffers: `std::vector<T> v(n)` / `v(n, value)`
// allocate n elements (value-initialized), `v[i]` reads and writes them, `v.data()` points at
// them, `v.size()` is n.

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <optional>

#include "function_lifter.hpp"

namespace xir::frontend {

bool is_std_vector(clang::QualType type);

/// A record with at least one std::vector field (a struct of scalars and std::vectors).
bool has_std_vector_field(clang::QualType type);

/// `s.v.assign(n, value)` (or `s.v.resize(n)`) on a std::vector field of a struct local: the
/// field gets a heap buffer of n elements from here to the end of the struct's block.
struct StdVectorFieldSizing {
  const clang::VarDecl* object;  // the struct local
  std::string field;
  Type element;
  Expr size;  // i64
  Expr fill;
};
/// nullopt when `s` is not such a call.
std::optional<StdVectorFieldSizing> lift_std_vector_field_sizing(FunctionLifter& lifter, const clang::Stmt* s);

/// The declaration of a std::vector local: Allocate(buffer, fill) whose body the caller extends.
Stmt lift_std_vector_declaration(FunctionLifter& lifter, const clang::VarDecl* var);

/// `v.data()`; nullopt when `e` is not a data() call on a std::vector local.
std::optional<PointerBinding> lift_std_vector_data(FunctionLifter& lifter, const clang::Expr* e);

/// `v[i]`; nullopt when `e` is not a subscript of a std::vector local.
std::optional<Location> lift_std_vector_element(FunctionLifter& lifter, const clang::Expr* e);

/// `v.size()`; nullopt when `e` is not a size() call on a std::vector local.
std::optional<Expr> lift_std_vector_size(FunctionLifter& lifter, const clang::Expr* e);

} // namespace xir::frontend
