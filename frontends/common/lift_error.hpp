#pragma once
// The error the lifting code throws at the first construct it cannot translate.

#include <clang/AST/ASTContext.h>

#include <stdexcept>
#include <string>

namespace xir::frontend {

struct LiftError : std::runtime_error {
  clang::SourceLocation location;
  LiftError(clang::SourceLocation loc, const std::string& message) : std::runtime_error(message), location(loc) {}
};

/// Throws `<construct> is not supported by the <dialect> frontend` at `loc`.
[[noreturn]] void unsupported(clang::SourceLocation loc, const std::string& construct, std::string_view dialect);

} // namespace xir::frontend
