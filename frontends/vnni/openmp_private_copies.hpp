#pragma once
// Private copies of an OpenMP loop's private, firstprivate, lastprivate and reduction variables.
//
// A loop with such variables runs as a team of `team_size` chunks of consecutive iterations (the
// iterations of a collapsed nest counted row-major): each chunk is one iteration of a parallel
// loop with its own copies, and runs its iterations serially. After the loop, each reduction
// variable combines its original value with the chunks' partial results, in chunk order, from a
// host array of one slot per chunk (a Local slot would be per thread); a lastprivate variable takes
// the copy of the chunk that ran the last iteration. A reduction over a 1-D array or an array
// section does the same element by element. Per-chunk slots rather than Atomic updates:
// every OpenMP operator combines (the IR has no atomic `*` or `&&`), the result does not depend
// on the order threads finish (floats are reproducible), and a CPU backend emits the same shape
// as a static schedule; a GPU backend maps the chunks to threads.

#include <set>
#include <vector>

#include "openmp_clauses.hpp"

namespace xir::frontend {

class PrivateCopies {
public:
  /// Chunks of a parallel loop; a simd loop (serial) runs as one chunk.
  static constexpr int team_size = 64;

  /// Binds each variable to its private copy, for lifting the loop's body.
  PrivateCopies(FunctionLifter& lifter, const clang::Stmt* directive, std::vector<DataSharingVar> vars);
  PrivateCopies(const PrivateCopies&) = delete;
  PrivateCopies& operator=(const PrivateCopies&) = delete;

  /// Binds the variables back to their originals and builds the chunked loop from the lifted nest of
  /// `levels` loops of `kind`. Records the host slots it allocates in `shared_slots`.
  Stmt finish(Stmt nest, int levels, ForKind kind, std::set<std::string>& shared_slots);

private:
  struct Copy {
    DataSharingVar clause;
    Binding original;
    std::optional<Buffer> storage;  // the private copy's storage (none: the binding is kept or a constant)
    std::string snapshot;           // firstprivate: the value before the loop
    std::string partial;            // reduction: one slot per chunk
    std::string last;               // lastprivate: the last iteration's value
    // A reduction over array elements: `length` elements of buffer `target` from index `first`
    // (names of i64 lets made before the loop), of type `element`.
    std::string target, first, length;
    Type element;
  };
  Copy make_copy(const DataSharingVar& v);
  void make_array_reduction(const DataSharingVar& v, Copy& copy);
  struct Chunks;  // the statements the copies add to the chunked loop
  void add_scalar(const Copy& c, Chunks& chunks);
  void add_array_reduction(const Copy& c, Chunks& chunks);

  FunctionLifter& lifter_;
  const clang::Stmt* directive_;
  std::vector<Copy> copies_;
  std::vector<std::pair<std::string, Expr>> array_lets_;  // bounds of array reductions
};

} // namespace xir::frontend
