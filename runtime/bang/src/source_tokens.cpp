#include "source_tokens.hpp"

#include <cctype>

namespace xir::runtime::bang {
namespace {

bool is_identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

} // namespace

std::vector<SourceToken> scan_tokens(std::string_view source) {
  std::vector<SourceToken> tokens;
  std::size_t i = 0;
  int line = 1;
  bool at_line_start = true;
  const std::size_t n = source.size();
  auto advance = [&](std::size_t count) {
    for (std::size_t k = 0; k < count && i < n; ++k, ++i)
      if (source[i] == '\n')
        line++;
  };
  while (i < n) {
    const char c = source[i];
    if (c == '\n') {
      advance(1);
      at_line_start = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      advance(1);
      continue;
    }
    if (c == '#' && at_line_start) { // preprocessor line, with backslash continuations
      while (i < n && source[i] != '\n')
        advance(source[i] == '\\' && i + 1 < n ? 2 : 1);
      continue;
    }
    at_line_start = false;
    if (c == '/' && i + 1 < n && source[i + 1] == '/') {
      while (i < n && source[i] != '\n')
        advance(1);
      continue;
    }
    if (c == '/' && i + 1 < n && source[i + 1] == '*') {
      advance(2);
      while (i < n && !(source[i] == '*' && i + 1 < n && source[i + 1] == '/'))
        advance(1);
      advance(2);
      continue;
    }
    if (c == '"' || c == '\'') {
      advance(1);
      while (i < n && source[i] != c)
        advance(source[i] == '\\' ? 2 : 1);
      advance(1);
      continue;
    }
    SourceToken token{SourceToken::Kind::punctuation, {}, i, i, line};
    if (is_identifier_start(c)) {
      token.kind = SourceToken::Kind::identifier;
      while (i < n && is_identifier_char(source[i]))
        advance(1);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      token.kind = SourceToken::Kind::number;
      while (i < n && (is_identifier_char(source[i]) || source[i] == '.' || source[i] == '\''))
        advance(1);
    } else {
      advance(1);
    }
    token.end = i;
    token.text = source.substr(token.begin, token.end - token.begin);
    tokens.push_back(token);
  }
  return tokens;
}

} // namespace xir::runtime::bang
