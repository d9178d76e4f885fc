// libFuzzer target for one frontend (XIR_FUZZ_DIALECT: cuda, hip, bang or vnni). Any input must
// lift or give an error diagnostic, without a crash, a sanitizer report, a hang or an internal
// error; a module that lifts must print to text that parses back.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "xir/frontend/frontend.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"

namespace {

const xir::frontend::Dialect dialect = *xir::frontend::parse_dialect(XIR_FUZZ_DIALECT);

std::string file_name() {
  const std::string_view name = XIR_FUZZ_DIALECT;
  if (name == "cuda") return "fuzz.cu";
  if (name == "hip") return "fuzz.hip";
  if (name == "bang") return "fuzz.mlu";
  return "fuzz.cpp";
}

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  xir::frontend::LiftResult lifted = xir::frontend::lift_source(source, file_name(), dialect);
  bool has_error = false;
  for (const xir::Diagnostic& d : lifted.diagnostics) {
    const std::string text = xir::format_diagnostic(d, source);
    // The frontend's own marker is a prefix; user text (a mutated include name) may contain the words.
    if (d.message.rfind("internal error: ", 0) == 0) fail("the frontend reported an internal error:", text);
    if (d.severity == xir::Severity::Error) has_error = true;
  }
  if (!lifted.ok()) {
    if (!has_error) fail("the frontend lifted nothing and reported no error", source);
    return 0;
  }
  if (has_error) fail("the frontend lifted a module and also reported an error", source);
  const std::string printed = xir::print(*lifted.module);
  xir::ModuleParseResult again = xir::parse_module(printed, "lifted.xir");
  if (!again) fail("the lifted module prints to text that does not parse:", xir::format_diagnostic(*again.error, printed) + printed);
  return 0;
}
