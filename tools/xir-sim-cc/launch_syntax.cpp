#include "rewrite.h"
#include "source_scan.h"

#include <cctype>

namespace xir::sim_cc {
namespace {

std::size_t skip_space_back(std::string_view text, std::size_t end) { // returns new end (exclusive)
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return end;
}

// Start of the callee expression ending right before `end` (exclusive), npos if there is none.
std::size_t callee_start(const SourceScan &scan, std::size_t end) {
  std::string_view text = scan.text();
  std::size_t pos = skip_space_back(text, end);
  if (pos == 0) return std::string_view::npos;
  if (text[pos - 1] == ')') { // (k<T, 4>)
    const std::size_t open = scan.matching_open(pos - 1);
    return open;
  }
  if (text[pos - 1] == '>') { // template arguments
    const std::size_t open = scan.matching_open(pos - 1);
    if (open == std::string_view::npos) return open;
    pos = skip_space_back(text, open);
  }
  // (qualified) identifier
  std::size_t start = pos;
  while (start > 0 && (is_identifier_char(text[start - 1]) || text[start - 1] == ':')) --start;
  if (start == pos) return std::string_view::npos;
  return start;
}

} // namespace

Rewritten rewrite_launch_syntax(std::string_view source) {
  SourceScan scan(source);
  Rewritten out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 2 < source.size(); ++i) {
    if (!scan.is_code(i) || source.compare(i, 3, "<<<") != 0) continue;
    auto fail = [&](std::size_t at, std::string message) {
      out.errors.push_back({scan.line_of(at), scan.column_of(at), std::move(message)});
    };
    const std::size_t start = callee_start(scan, i);
    if (start == std::string_view::npos || start < copied) {
      fail(i, "expected a kernel name before '<<<'");
      i += 2;
      continue;
    }
    // Configuration up to the '>>>' at bracket depth 0.
    std::size_t close = std::string_view::npos;
    int depth = 0;
    for (std::size_t j = i + 3; j + 2 < source.size(); ++j) {
      if (!scan.is_code(j)) continue;
      const char c = source[j];
      if (c == '(' || c == '[' || c == '{') ++depth;
      else if (c == ')' || c == ']' || c == '}') --depth;
      else if (c == ';') break;
      else if (depth == 0 && source.compare(j, 3, ">>>") == 0) {
        close = j;
        break;
      }
      if (depth < 0) break;
    }
    if (close == std::string_view::npos) {
      fail(i, "unterminated kernel launch configuration: expected '>>>'");
      i += 2;
      continue;
    }
    const std::string_view config = source.substr(i + 3, close - (i + 3));
    const auto parts = split_top_level(config);
    if (parts.size() < 2 || parts.size() > 4 || trim(parts[0]).empty() || trim(parts[1]).empty()) {
      fail(i + 3, "a kernel launch configuration takes 2 to 4 arguments: <<<grid, block[, shared_bytes[, stream]]>>>");
      i = close + 2;
      continue;
    }
    std::size_t paren = close + 3;
    while (paren < source.size() && std::isspace(static_cast<unsigned char>(source[paren]))) ++paren;
    if (paren >= source.size() || source[paren] != '(') {
      fail(close + 3, "expected '(' with the kernel arguments after '>>>'");
      i = close + 2;
      continue;
    }
    const std::size_t args_end = scan.matching_close(paren);
    if (args_end == std::string_view::npos) {
      fail(paren, "unbalanced parentheses in the kernel arguments");
      i = close + 2;
      continue;
    }
    const std::string_view callee = source.substr(start, skip_space_back(source, i) - start);
    const std::string_view space_before = source.substr(skip_space_back(source, i), i - skip_space_back(source, i));
    out.source.append(source.substr(copied, start - copied));
    out.source += "xir_launch(";
    out.source.append(callee);
    out.source.append(space_before);
    out.source += ",";
    out.source.append(config);
    out.source += ")";
    out.source.append(source.substr(close + 3, args_end + 1 - (close + 3))); // whitespace, '(' args ')'
    copied = args_end + 1;
    i = args_end;
  }
  out.source.append(source.substr(copied));
  return out;
}

} // namespace xir::sim_cc
