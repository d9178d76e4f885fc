// Lexical view of a C++/CUDA source for the textual pre-passes: which characters are code (not
// comments, string or character literals, preprocessor lines), bracket matching on code, and
// line/column of an offset.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xir::sim_cc {

class SourceScan {
public:
  explicit SourceScan(std::string_view source);

  std::string_view text() const { return text_; }
  bool is_code(std::size_t offset) const { return offset < code_.size() && code_[offset]; }
  // 1-based line and column of `offset`.
  std::size_t line_of(std::size_t offset) const;
  std::size_t column_of(std::size_t offset) const;
  // Offset of the bracket closing the one at `open` ('(' '[' '{'), npos if unbalanced.
  std::size_t matching_close(std::size_t open) const;
  // Offset of the bracket opening the one at `close` (')' ']' '}' '>'), npos if unbalanced.
  // For '>' the match is the '<' at the same bracket depth.
  std::size_t matching_open(std::size_t close) const;
  // Whether `offset` lies outside every brace except those of namespaces and extern "C" blocks.
  bool at_namespace_scope(std::size_t offset) const;

private:
  std::string_view text_;
  std::vector<bool> code_;
  std::vector<std::size_t> line_starts_;
};

bool is_identifier_char(char c);
// Splits `text` at commas not nested in (), [], {} or <> of template arguments written as such.
std::vector<std::string> split_top_level(std::string_view text, char separator = ',');
std::string trim(std::string_view text);

} // namespace xir::sim_cc
