// The C entry points of libxir_interp_engine: lift a unit once per process, run its entries.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "engine_error.hpp"
#include "entry_call.hpp"
#include "xir/frontend/frontend.hpp"
#include "xir_interp/engine.h"

namespace xir::interp_engine {
namespace {

struct LiftedUnit {
  std::optional<Module> module;
  std::string diagnostics;  // why there is no module
};

const LiftedUnit& lifted(const xir_interp_unit& unit) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<LiftedUnit>> cache;
  const std::string source(unit.source, unit.source_size);
  const std::string key = std::string(unit.dialect) + '\0' + unit.file_name + '\0' + source;
  std::lock_guard lock(mutex);
  std::unique_ptr<LiftedUnit>& entry = cache[key];
  if (!entry) {
    entry = std::make_unique<LiftedUnit>();
    const auto dialect = frontend::parse_dialect(unit.dialect);
    if (!dialect) {
      entry->diagnostics = std::string("unknown dialect '") + unit.dialect + "'\n";
      return *entry;
    }
    frontend::LiftResult result = frontend::lift_source(source, unit.file_name, *dialect);
    for (const Diagnostic& d : result.diagnostics)
      if (d.severity == Severity::Error) entry->diagnostics += format_diagnostic(d, source);
    entry->module = std::move(result.module);
  }
  return *entry;
}

void call(const xir_interp_unit& unit, const std::string& entry, void** args) {
  const LiftedUnit& unit_module = lifted(unit);
  if (!unit_module.module)
    throw EngineError(std::string("lifting ") + unit.file_name + " failed:\n" + unit_module.diagnostics);
  const std::optional<EntryPlan> plan = find_entry(*unit_module.module, entry);
  if (!plan)
    throw EngineError(std::string("the lifted file ") + unit.file_name + " has no entry `" + entry + "`");
  call_entry(*plan, unit_module.module->target, unit, args);
}

std::string error_line(const char* entry, const std::string& message) {
  return std::string("xir-interp: error: ") + entry + ": " + message + "\n";
}

} // namespace
} // namespace xir::interp_engine

extern "C" __attribute__((visibility("default"))) void
xir_interp_call(const xir_interp_unit* unit, const char* entry, void** args) {
  try {
    xir::interp_engine::call(*unit, entry, args);
  } catch (const std::exception& error) {
    std::fputs(xir::interp_engine::error_line(entry, error.what()).c_str(), stderr);
    std::fflush(nullptr);
    std::exit(EXIT_FAILURE);
  }
}
