#pragma once
// Builds a Clang AST like clang::tooling::buildASTFromCodeWithArgs, but on a file system that
// refuses to read anything that is not a regular file or a folder: `#include "/dev/zero"`,
// `"/dev/stdin"` or a FIFO would otherwise block or never end; they get "file not found".

#include <clang/Basic/Diagnostic.h>
#include <clang/Frontend/ASTUnit.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xir::frontend {

/// `arguments` are Clang's command-line options (without the tool name and the file name).
std::unique_ptr<clang::ASTUnit> build_ast_guarded(std::string_view source, const std::vector<std::string>& arguments,
                                                  const std::string& file_name, clang::DiagnosticConsumer& consumer);

} // namespace xir::frontend
