#pragma once
// Source locations and clang-style diagnostics: `file:line:col: error: message`, then the source
// line and a caret under the column.

#include <string>
#include <string_view>

namespace xir {

/// A position in a source text; line and column count from 1 (column in bytes). 0 means unknown.
struct SourceLocation {
  int line = 0;
  int column = 0;

  constexpr bool known() const { return line > 0; }
  friend constexpr bool operator==(SourceLocation, SourceLocation) = default;
};

enum class Severity { Error, Warning, Note };

std::string_view to_string(Severity severity);

/// One message about one place of one file.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  SourceLocation location;
  std::string message;
};

/// `file:line:col: error: message` (or `error: message` without a file or location), no newline.
std::string format_diagnostic_header(const Diagnostic& diagnostic);

/// The header, and when `source` holds the diagnostic's line, that line and a caret under the
/// column. Ends with a newline.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source = {});

/// The text of line `line` (from 1) of `source`, without its newline; empty when out of range.
std::string_view source_line(std::string_view source, int line);

} // namespace xir
