#pragma once
// Passes by name, pipelines written `p1,p2{k=v,k2=v2}`, and the pass manager that runs them in
// order over every kernel of a module (printing the module after each pass when asked).

#include <functional>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "xir/ir/kernel.hpp"

namespace xir {

using PassParameters = std::map<std::string, std::string, std::less<>>;

/// A parameter value a pass cannot use, or a parameter it does not take.
struct PassParameterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// An integer parameter, or `fallback` when absent; throws PassParameterError when not an integer
/// in [min, max].
int integer_parameter(const PassParameters& parameters, std::string_view name, int fallback,
                      int min, int max);

struct PassInfo {
  std::string name;
  std::string summary;
  /// Parameter name -> one-line description (with its default).
  std::map<std::string, std::string, std::less<>> parameters;
  std::function<Kernel(const Kernel&, const PassParameters&)> run;
};

class PassRegistry {
public:
  void add(PassInfo pass);
  const PassInfo* find(std::string_view name) const;
  const std::map<std::string, PassInfo, std::less<>>& passes() const { return passes_; }

private:
  std::map<std::string, PassInfo, std::less<>> passes_;
};

/// Every pass xir ships (simplify, ...).
const PassRegistry& builtin_passes();

struct PassInvocation {
  std::string name;
  PassParameters parameters;
};

/// The passes of `p1,p2{k=v,k2=v2}`, or a message saying what is malformed.
struct PipelineParseResult {
  std::vector<PassInvocation> passes;
  std::string error;
  explicit operator bool() const { return error.empty(); }
};
PipelineParseResult parse_pipeline(std::string_view text);

class PassManager {
public:
  explicit PassManager(const PassRegistry& registry) : registry_(registry) {}

  /// Appends a pass; returns a message (and adds nothing) when the pass is unknown or is given a
  /// parameter it does not take.
  std::string add(const PassInvocation& invocation);
  std::size_t size() const { return pipeline_.size(); }

  /// Runs the passes in order. With `dump_after_each`, writes the module after each pass there,
  /// headed `// ----- IR after <pass> -----`. Throws what the passes throw (IRError,
  /// PassParameterError).
  Module run(const Module& module, std::ostream* dump_after_each = nullptr) const;

private:
  const PassRegistry& registry_;
  std::vector<std::pair<const PassInfo*, PassParameters>> pipeline_;
};

} // namespace xir
