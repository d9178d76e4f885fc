#pragma once
// CUDA's nvcuda::wmma (DIALECTS.md 2.4). A fragment is a warp-wide opaque value whose lane mapping
// is unspecified, so each fragment variable becomes one shared buffer with a slot per warp of the
// block, holding the fragment's whole tile row-major (matrix_a M x K, matrix_b K x N, accumulator M
// x N). fill_fragment, load_matrix_sync, mma_sync and store_matrix_sync are warp-collective: every
// lane reaches a warp barrier, lane 0 of the warp performs the operation on the tile, and another
// warp barrier publishes the result to the other lanes.

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../common/function_lifter.hpp"
#include "mfma_lifting.hpp"

namespace xir::frontend {

enum class FragmentUse { MatrixA, MatrixB, Accumulator };

/// The tile a fragment type holds: `fragment<Use, M, N, K, T[, Layout]>`.
struct FragmentShape {
  FragmentUse use;
  int m = 0, n = 0, k = 0;
  Type element;
  bool col_major = false; // the Layout argument of matrix_a / matrix_b
  int rows() const { return use == FragmentUse::MatrixB ? k : m; }
  int cols() const { return use == FragmentUse::MatrixA ? k : n; }
};

/// The fragment variables of one kernel and the lifting of the wmma calls on them.
class WmmaFragments {
public:
  /// Binds `var` when its type is a fragment or an array of fragments; false otherwise.
  bool declare(FunctionLifter& lifter, const WavefrontLanes& lanes, const clang::VarDecl* var);
  /// A call of nvcuda::wmma::* in statement position; nullopt when `call` is not one.
  std::optional<Stmt> lift_call(FunctionLifter& lifter, const WavefrontLanes& lanes,
                                const clang::CallExpr* call);

private:
  struct Variable {
    std::string buffer;
    FragmentShape shape;
    std::vector<std::int64_t> array_dims; // of an array of fragments; empty for one fragment
  };
  /// A fragment operand: its shape and the flat index of its tile's first element for this warp.
  struct Operand {
    const Variable* variable;
    Expr first;
  };
  Operand resolve(FunctionLifter& lifter, const WavefrontLanes& lanes, const clang::Expr* e);

  std::map<const clang::VarDecl*, Variable> variables_;
};

/// The wmma fragment type `type` describes; nullopt when it is not one.
std::optional<FragmentShape> fragment_shape(clang::QualType type);
/// `var` is a fragment or an array of fragments.
bool declares_fragment(clang::ASTContext& context, const clang::VarDecl* var);
/// `call` calls a function of nvcuda::wmma.
bool is_wmma_call(const clang::CallExpr* call);

} // namespace xir::frontend
