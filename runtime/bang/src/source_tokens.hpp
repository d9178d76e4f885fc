// A minimal C++ token scanner for the BANG pre-pass: identifiers and punctuation with their byte
// offsets and lines; comments, string/char literals and preprocessor lines are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xir::runtime::bang {

struct SourceToken {
  enum class Kind { identifier, number, punctuation } kind;
  std::string_view text;
  std::size_t begin = 0, end = 0; // byte offsets in the source
  int line = 1;
};

std::vector<SourceToken> scan_tokens(std::string_view source);

} // namespace xir::runtime::bang
