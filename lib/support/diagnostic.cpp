#include "xir/support/diagnostic.hpp"

namespace xir {

std::string_view to_string(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "error";
}

std::string format_diagnostic_header(const Diagnostic& diagnostic) {
  std::string out;
  if (!diagnostic.file.empty()) {
    out += diagnostic.file;
    if (diagnostic.location.known())
      out += ":" + std::to_string(diagnostic.location.line) + ":" +
             std::to_string(diagnostic.location.column);
    out += ": ";
  }
  out += to_string(diagnostic.severity);
  out += ": ";
  out += diagnostic.message;
  return out;
}

std::string_view source_line(std::string_view source, int line) {
  if (line < 1)
    return {};
  std::size_t begin = 0;
  for (int current = 1; current < line; ++current) {
    std::size_t newline = source.find('\n', begin);
    if (newline == std::string_view::npos)
      return {};
    begin = newline + 1;
  }
  if (begin > source.size())
    return {};
  std::size_t end = source.find('\n', begin);
  std::string_view text =
      source.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  return text;
}

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source) {
  std::string out = format_diagnostic_header(diagnostic) + "\n";
  if (!diagnostic.location.known() || source.empty())
    return out;
  std::string_view line = source_line(source, diagnostic.location.line);
  if (line.empty() && diagnostic.location.column > 1)
    return out;
  out += line;
  out += "\n";
  // Keep tabs so the caret lines up under the same column as the source line.
  std::string caret;
  for (int i = 0; i + 1 < diagnostic.location.column; ++i)
    caret += (static_cast<std::size_t>(i) < line.size() && line[i] == '\t') ? '\t' : ' ';
  out += caret + "^\n";
  return out;
}

} // namespace xir
