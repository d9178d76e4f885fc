#pragma once
// The exception a node's `make` throws when its invariants do not hold.

#include <stdexcept>
#include <string>

namespace xir {

/// A malformed IR construction: a bug in a pass, or input a frontend/parser failed to check.
struct IRError : std::logic_error {
  using std::logic_error::logic_error;
};

} // namespace xir
