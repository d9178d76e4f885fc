#include "lexer.hpp"

#include <array>
#include <cctype>

namespace xir::text {
namespace {

// Names lifted from C++ may use what Clang accepts in identifiers: `$` and UTF-8 (bytes >= 0x80).
bool is_identifier_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || c == '$' || u >= 0x80;
}
bool is_identifier_char(char c) {
  return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c));
}
bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

constexpr std::array<std::string_view, 8> two_char_punctuation = {
    "==", "!=", "<=", ">=", "&&", "||", "<<", ">>"};
constexpr std::string_view one_char_punctuation = "+-*/%<>=!&|^~()[]{},;:?";

class Lexer {
public:
  explicit Lexer(std::string_view source) : source_(source) {}

  LexResult run() {
    LexResult result;
    while (true) {
      skip_space_and_comments();
      SourceLocation location{line_, column()};
      if (at_end()) {
        result.tokens.push_back({TokenKind::End, source_.substr(source_.size()), location});
        return result;
      }
      std::size_t start = pos_;
      TokenKind kind;
      char c = source_[pos_];
      if (is_identifier_start(c)) {
        kind = TokenKind::Identifier;
        identifier();
      } else if (is_digit(c)) {
        kind = number();
      } else if (punctuation()) {
        kind = TokenKind::Punctuation;
      } else {
        result.ok = false;
        result.error_location = location;
        unsigned char byte = static_cast<unsigned char>(c);
        result.error_message = std::isprint(byte) ? std::string("unexpected character '") + c + "'"
                                                  : "unexpected byte " + std::to_string(byte);
        return result;
      }
      result.tokens.push_back({kind, source_.substr(start, pos_ - start), location});
    }
  }

private:
  std::string_view source_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;

  bool at_end() const { return pos_ >= source_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0';
  }
  int column() const { return static_cast<int>(pos_ - line_start_) + 1; }

  void skip_space_and_comments() {
    while (!at_end()) {
      char c = peek();
      if (c == '\n') {
        ++pos_;
        ++line_;
        line_start_ = pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '/' && peek(1) == '/') {
        while (!at_end() && peek() != '\n')
          ++pos_;
      } else {
        return;
      }
    }
  }

  void identifier() {
    while (true) {
      while (is_identifier_char(peek()))
        ++pos_;
      if (peek() == '.' && is_identifier_start(peek(1))) {
        pos_ += 1;
      } else if (peek() == ':' && peek(1) == ':' && is_identifier_start(peek(2))) {
        pos_ += 2;
      } else {
        return;
      }
    }
  }

  // digits [. digits] [e [+-] digits]; a '.' or an exponent makes it a float.
  TokenKind number() {
    bool is_float = false;
    while (is_digit(peek()))
      ++pos_;
    if (peek() == '.' && is_digit(peek(1))) {
      is_float = true;
      ++pos_;
      while (is_digit(peek()))
        ++pos_;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      is_float = true;
      pos_ += is_digit(peek(1)) ? 1 : 2;
      while (is_digit(peek()))
        ++pos_;
    }
    return is_float ? TokenKind::Float : TokenKind::Integer;
  }

  bool punctuation() {
    for (std::string_view p : two_char_punctuation)
      if (source_.substr(pos_, 2) == p) {
        pos_ += 2;
        return true;
      }
    if (one_char_punctuation.find(peek()) != std::string_view::npos) {
      ++pos_;
      return true;
    }
    return false;
  }
};

} // namespace

LexResult lex(std::string_view source) {
  return Lexer(source).run();
}

std::string describe(const Token& token) {
  switch (token.kind) {
  case TokenKind::End:
    return "end of input";
  case TokenKind::Identifier:
    return "'" + std::string(token.text) + "'";
  case TokenKind::Integer:
  case TokenKind::Float:
    return "number '" + std::string(token.text) + "'";
  case TokenKind::Punctuation:
    return "'" + std::string(token.text) + "'";
  }
  return "token";
}

} // namespace xir::text
