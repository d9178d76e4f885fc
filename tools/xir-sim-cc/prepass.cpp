#include "prepass.h"

#if XIR_SIM_CC_HAVE_BANG_PREPASS
#include "xir/runtime/bang_prepass.hpp"
#endif

namespace xir::sim_cc {
namespace {

std::string quoted(std::string_view file_name) {
  std::string out = "\"";
  for (char c : file_name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

Rewritten prepass(std::string_view source, std::string_view file_name, Dialect dialect, const LaunchDefaults &defaults) {
  Rewritten result{std::string(source), {}};
  auto step = [&](Rewritten next) {
    result.source = std::move(next.source);
    result.errors.insert(result.errors.end(), next.errors.begin(), next.errors.end());
  };
  if (dialect == Dialect::cuda || dialect == Dialect::hip || dialect == Dialect::bang)
    step(rewrite_launch_syntax(result.source));
  if (dialect == Dialect::cuda || dialect == Dialect::hip) {
    step(rewrite_dynamic_shared(result.source, file_name));
    step(rewrite_ext_vector_types(result.source));
  }
#if XIR_SIM_CC_HAVE_BANG_PREPASS
  if (dialect == Dialect::bang) result.source = xir::runtime::bang::rewrite_source(result.source);
#endif
  std::string unit = "#line 1 " + quoted(file_name) + "\n" + result.source;
  if (dialect == Dialect::cuda || dialect == Dialect::hip) {
    if (!unit.empty() && unit.back() != '\n') unit += '\n';
    unit += launch_wrappers(find_kernels(source), source, defaults, dialect == Dialect::cuda ? "cuda" : "hip");
  }
  result.source = std::move(unit);
  return result;
}

} // namespace xir::sim_cc
