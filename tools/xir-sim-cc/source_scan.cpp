#include "source_scan.h"

#include <algorithm>
#include <cctype>

namespace xir::sim_cc {

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

SourceScan::SourceScan(std::string_view source) : text_(source), code_(source.size(), false) {
  line_starts_.push_back(0);
  enum class State { code, line_comment, block_comment, string, character, raw_string, preprocessor } state = State::code;
  std::string raw_terminator;
  bool line_has_code = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    const char next = i + 1 < source.size() ? source[i + 1] : '\0';
    if (c == '\n') line_starts_.push_back(i + 1);
    switch (state) {
    case State::code:
      if (c == '/' && next == '/') {
        state = State::line_comment;
      } else if (c == '/' && next == '*') {
        state = State::block_comment;
        ++i;
      } else if (c == '#' && !line_has_code) {
        state = State::preprocessor;
      } else if (c == 'R' && next == '"' && (i == 0 || !is_identifier_char(source[i - 1]))) {
        const std::size_t paren = source.find('(', i + 2);
        raw_terminator = ")" + std::string(source.substr(i + 2, paren - (i + 2))) + "\"";
        state = State::raw_string;
      } else if (c == '"') {
        state = State::string;
      } else if (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(source[i - 1])) &&
                               std::isxdigit(static_cast<unsigned char>(next)))) { // not a digit separator
        state = State::character;
      } else {
        code_[i] = true;
        if (c == '\n') line_has_code = false;
        else if (!std::isspace(static_cast<unsigned char>(c))) line_has_code = true;
      }
      break;
    case State::line_comment:
    case State::preprocessor:
      if (c == '\\' && next == '\n') {
        ++i;
        line_starts_.push_back(i + 1);
      } else if (c == '\n') {
        state = State::code;
        line_has_code = false;
        code_[i] = true;
      }
      break;
    case State::block_comment:
      if (c == '*' && next == '/') {
        state = State::code;
        ++i;
      }
      break;
    case State::string:
    case State::character:
      if (c == '\\') {
        if (next == '\n') line_starts_.push_back(i + 2);
        ++i;
      } else if ((state == State::string && c == '"') || (state == State::character && c == '\'')) {
        state = State::code;
        line_has_code = true;
      }
      break;
    case State::raw_string:
      if (source.compare(i, raw_terminator.size(), raw_terminator) == 0) {
        for (std::size_t j = i; j < i + raw_terminator.size(); ++j)
          if (source[j] == '\n') line_starts_.push_back(j + 1);
        i += raw_terminator.size() - 1;
        state = State::code;
        line_has_code = true;
      }
      break;
    }
  }
}

std::size_t SourceScan::line_of(std::size_t offset) const {
  return static_cast<std::size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
}

std::size_t SourceScan::column_of(std::size_t offset) const {
  const std::size_t line = line_of(offset);
  return offset - line_starts_[line - 1] + 1;
}

std::size_t SourceScan::matching_close(std::size_t open) const {
  int depth = 0;
  for (std::size_t i = open; i < text_.size(); ++i) {
    if (!code_[i]) continue;
    const char c = text_[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) return i;
      if (depth < 0) return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

std::size_t SourceScan::matching_open(std::size_t close) const {
  const bool angle = text_[close] == '>';
  int depth = 0;
  for (std::size_t i = close + 1; i-- > 0;) {
    if (!code_[i]) continue;
    const char c = text_[i];
    const bool closes = angle ? c == '>' : (c == ')' || c == ']' || c == '}');
    const bool opens = angle ? c == '<' : (c == '(' || c == '[' || c == '{');
    if (angle && (c == ';' || c == '{' || c == '}')) return std::string_view::npos;
    if (closes) ++depth;
    else if (opens && --depth == 0) return i;
  }
  return std::string_view::npos;
}

bool SourceScan::at_namespace_scope(std::size_t offset) const {
  // Walk the braces enclosing `offset` from the inside out; any that is not a namespace or
  // extern "C" block means block (or class) scope.
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
    if (!code_[i]) continue;
    if (text_[i] == '{') open.push_back(i);
    else if (text_[i] == '}' && !open.empty()) open.pop_back();
  }
  for (std::size_t brace : open) {
    std::size_t j = brace;
    while (j > 0 && std::isspace(static_cast<unsigned char>(text_[j - 1]))) --j;
    // extern "C" {
    if (j >= 3 && text_.substr(j - 3, 3) == "\"C\"") continue;
    std::size_t end = j;
    while (j > 0 && (is_identifier_char(text_[j - 1]) || text_[j - 1] == ':')) --j;
    std::string_view word = text_.substr(j, end - j);
    if (word == "namespace") continue;
    while (j > 0 && std::isspace(static_cast<unsigned char>(text_[j - 1]))) --j;
    std::size_t word_end = j;
    while (j > 0 && is_identifier_char(text_[j - 1])) --j;
    if (text_.substr(j, word_end - j) == "namespace") continue;
    return false;
  }
  return true;
}

std::vector<std::string> split_top_level(std::string_view text, char separator) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    else if (c == separator && depth == 0) {
      parts.push_back(std::string(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(std::string(text.substr(start)));
  return parts;
}

} // namespace xir::sim_cc
