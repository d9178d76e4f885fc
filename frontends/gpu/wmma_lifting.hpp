#pragma once
// CUDA's nvcuda::wmma (DIALECTS.md 2.4). A fragment is a warp-wide value whose lane mapping is
// unspecified; xir fixes the CPU runtime's mapping (runtime/include/xir_gpu/wmma.h): lane l's
// element x[i] holds tile element (l * num_elements + i) mod (rows * cols) of the fragment's
// row-major tile (matrix_a M x K, matrix_b K x N, accumulator M x N). Each fragment variable
// becomes one shared buffer with, per warp of the block, the warp's 32 * num_elements registers in
// lane order: slot l * num_elements + i. Slot t < rows * cols therefore holds tile element t, read
// by mma_sync and store_matrix_sync (the lowest lane holding an element wins, as in the runtime);
// operands with more registers than tile elements (__half matrix_a/b) hold copies above the tile.
// fill_fragment, load_matrix_sync, mma_sync and store_matrix_sync are warp-collective: every lane
// reaches a warp barrier, lane 0 of the warp performs the operation on the tile, and another warp
// barrier publishes the result to the other lanes. `f.x[i]` is lane l's own slot, so element-wise
// code touches only the lane's registers, exactly as on the hardware.

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
  std::int64_t tile() const { return std::int64_t{rows()} * cols(); }
  /// num_elements of the CUDA header (DIALECTS.md 2.4) for the supported shapes and types.
  int elements_per_thread() const;
  /// The warp's registers of one fragment: 32 * num_elements, a multiple of tile().
  std::int64_t registers() const { return std::int64_t{32} * elements_per_thread(); }
};

/// The fragment variables of one kernel and the lifting of the wmma calls on them.
class WmmaFragments {
public:
  /// Binds `var` when its type is a fragment or an array of fragments; false otherwise.
  bool declare(FunctionLifter& lifter, const WavefrontLanes& lanes, const clang::VarDecl* var);
  /// A call of nvcuda::wmma::* in statement position; nullopt when `call` is not one.
  std::optional<Stmt> lift_call(FunctionLifter& lifter, const WavefrontLanes& lanes,
                                const clang::CallExpr* call);
  /// `f.num_elements` of a fragment; nullopt when `e` is not one.
  std::optional<Expr> lift_value(FunctionLifter& lifter, const clang::Expr* e);
  /// `f.x[i]`: the calling lane's register i of fragment f; nullopt when `e` is not one.
  std::optional<Location> lift_element(FunctionLifter& lifter, const WavefrontLanes& lanes,
                                       const clang::Expr* e);

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
  /// Diagnoses element-wise code that mixes fragment types whose x[i] name different matrix
  /// elements (see wmma_elements.cpp); `access` is member x or num_elements of `fragment`.
  void check_uniform_elements(FunctionLifter& lifter, const clang::Expr* access,
                              const clang::VarDecl* fragment);

  std::map<const clang::VarDecl*, Variable> variables_;
  std::set<const clang::Stmt*> uniform_scopes_; // element scopes already checked
  // The parent of each statement of the function bodies declaring fragments (built when needed).
  std::map<const clang::Stmt*, const clang::Stmt*> parents_;
  std::set<const clang::FunctionDecl*> functions_with_parents_;
};

/// The wmma fragment type `type` describes; nullopt when it is not one.
std::optional<FragmentShape> fragment_shape(clang::QualType type);
/// `var` is a fragment or an array of fragments.
bool declares_fragment(clang::ASTContext& context, const clang::VarDecl* var);
/// `e` (parentheses aside) is an element `f.x[i]` of a fragment.
bool is_fragment_element(const clang::Expr* e);
/// `call` calls a function of nvcuda::wmma.
bool is_wmma_call(const clang::CallExpr* call);

} // namespace xir::frontend
