#pragma once
// The `private` and `firstprivate` variables of an OpenMP `parallel` region: storage declared at
// the region's start, as if in it (the region's lifting makes its storage per thread), initialized
// from the value before the region for firstprivate.

#include <set>
#include <utility>
#include <vector>

#include "openmp_clauses.hpp"

namespace xir::frontend {

class RegionCopies {
public:
  /// Binds each variable to its copy, for lifting the region; adds the variables to `declared`.
  RegionCopies(FunctionLifter& lifter, const std::vector<DataSharingVar>& vars, std::set<const clang::VarDecl*>& declared);
  /// Binds the variables back; the copies' storage around the lifted region.
  Stmt finish(FunctionLifter& lifter, Stmt region);

private:
  std::vector<std::pair<const clang::VarDecl*, Binding>> originals_;
  std::vector<Buffer> buffers_;
  std::vector<Stmt> inits_;
  std::vector<std::pair<std::string, Expr>> snapshots_;
};

} // namespace xir::frontend
