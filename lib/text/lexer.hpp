#pragma once
// The tokens of the textual IR. Identifiers may contain `.` and `::` between their parts
// (`blockIdx.x`, `bang.__bang_add`, `nvcuda::wmma::mma_sync`); `//` starts a comment.

#include <string>
#include <string_view>
#include <vector>

#include "xir/support/diagnostic.hpp"

namespace xir::text {

enum class TokenKind { Identifier, Integer, Float, Punctuation, End };

struct Token {
  TokenKind kind = TokenKind::End;
  std::string_view text;
  SourceLocation location;

  bool is(std::string_view punctuation_or_word) const {
    return (kind == TokenKind::Punctuation || kind == TokenKind::Identifier) &&
           text == punctuation_or_word;
  }
};

/// The tokens of `source`, ending with one End token; or the location and message of the first
/// character that starts no token.
struct LexResult {
  std::vector<Token> tokens;
  bool ok = true;
  SourceLocation error_location;
  std::string error_message;
};

LexResult lex(std::string_view source);

std::string describe(const Token& token);

} // namespace xir::text
