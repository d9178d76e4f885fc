#pragma once
// The one error a call of the engine reports: a lift failure, a bad argument or an interpreter
// error, as a message for stderr.

#include <stdexcept>

namespace xir::interp_engine {

struct EngineError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

} // namespace xir::interp_engine
