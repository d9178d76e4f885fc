#pragma once
// The variables a parallel loop shares with the code around it (OpenMP's default `shared`).
//
// A mutable scalar or array declared before the loop lives in a Local buffer, and Local storage is
// per thread: the loop's threads would each see their own uninitialized instance. While the loop
// runs, such a variable lives in a host buffer instead (copied in before the loop and back after
// it), which every thread sees, as OpenMP shares it.

#include <set>
#include <vector>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

class SharedStorage {
public:
  /// Binds each mutable scalar or array of the enclosing code that `loop` uses, other than those in
  /// `excluded` and those in host storage already (`shared_slots`, where the new host buffers are
  /// recorded), to host storage, for lifting the loop.
  SharedStorage(FunctionLifter& lifter, const clang::Stmt* loop, const std::set<const clang::VarDecl*>& excluded,
                std::set<std::string>& shared_slots);
  SharedStorage(const SharedStorage&) = delete;
  SharedStorage& operator=(const SharedStorage&) = delete;

  /// Binds the variables back and puts the copies around the lifted loop.
  Stmt finish(Stmt loop);

private:
  struct Shared {
    const clang::VarDecl* var;
    Binding original;
    Buffer host;
    std::string local;  // the original buffer
    Type element;       // scalar element type of both buffers
  };

  FunctionLifter& lifter_;
  std::vector<Shared> shared_;
};

} // namespace xir::frontend
