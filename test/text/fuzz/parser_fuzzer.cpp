// libFuzzer target for the textual IR parser. Any input must parse or give a diagnostic without
// crashing; whatever parses must print, parse back to an equal module, and print the same again;
// and simplify must turn it into a module that still passes the parser's type checks.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "xir/ir/reflect.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"
#include "xir/transform/simplify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  xir::ModuleParseResult parsed = xir::parse_module(text, "fuzz.xir");
  if (!parsed) {
    const xir::Diagnostic& error = *parsed.error;
    (void)xir::format_diagnostic(error, text);
    return 0;
  }
  std::string printed = xir::print(*parsed.module);
  xir::ModuleParseResult again = xir::parse_module(printed, "printed.xir");
  if (!again) {
    std::fprintf(stderr, "printed text does not parse:\n%s%s",
                 xir::format_diagnostic(*again.error, printed).c_str(), printed.c_str());
    std::abort();
  }
  if (!xir::structurally_equal(*again.module, *parsed.module)) {
    std::fprintf(stderr, "printed text parses to a different module:\n%s", printed.c_str());
    std::abort();
  }
  if (xir::print(*again.module) != printed) {
    std::fprintf(stderr, "printing is not stable:\n%s", printed.c_str());
    std::abort();
  }
  xir::Module simplified = *parsed.module;
  for (xir::Kernel& kernel : simplified.kernels)
    kernel = xir::simplify(kernel);
  std::string simplified_text = xir::print(simplified);
  xir::ModuleParseResult reparsed = xir::parse_module(simplified_text, "simplified.xir");
  if (!reparsed) {
    std::fprintf(stderr, "simplify built ill-typed IR:\n%s%s\nfrom:\n%s",
                 xir::format_diagnostic(*reparsed.error, simplified_text).c_str(),
                 simplified_text.c_str(), printed.c_str());
    std::abort();
  }
  return 0;
}
