#pragma once
// Runs one C ABI entry of a lifted module: its C arguments become the interpreter's buffers and
// scalars, and what the kernel changed goes back to the caller's memory.

#include <string>

#include "xir_interp/engine.h"
#include "xir_interp/entry_plan.hpp"

namespace xir::interp_engine {

/// Runs the entry on the interpreter of `target` with the C arguments `args` (xir_interp_call's
/// convention), copying buffer contents in and the bytes the kernel changed back. Throws
/// EngineError.
void call_entry(const EntryPlan& plan, const std::string& target, const xir_interp_unit& unit,
                void** args);

} // namespace xir::interp_engine
