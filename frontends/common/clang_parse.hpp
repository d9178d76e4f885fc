#pragma once
// Parsing a kernel file with Clang: the dialect's language mode, xir's declaration headers,
// and Clang's diagnostics turned into xir's.

#include <clang/Frontend/ASTUnit.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xir/frontend/frontend.hpp"

namespace xir::frontend {

struct ParsedFile {
  std::unique_ptr<clang::ASTUnit> ast;  // null when Clang could not parse the file
  std::vector<Diagnostic> diagnostics;  // errors (and warnings) in the user's file
  bool ok() const { return ast && diagnostics_have_no_error(); }
  bool diagnostics_have_no_error() const;
};

/// Parses with the dialect's precompiled prelude unless XIR_FRONTEND_PCH is "0" or "off".
ParsedFile parse_with_clang(std::string_view source, const std::string& file_name, Dialect dialect);
/// Same, choosing explicitly; the result does not depend on the choice (only the time does).
ParsedFile parse_with_clang(std::string_view source, const std::string& file_name, Dialect dialect,
                            bool use_precompiled_prelude);

/// The folder holding the declaration headers of every dialect (frontends/include).
std::string declaration_header_root();

} // namespace xir::frontend
