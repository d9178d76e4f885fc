#include "clang_parse.hpp"
#include "guarded_ast_builder.hpp"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Tooling/Tooling.h>

#include <filesystem>

#include "preamble_cache.hpp"

namespace xir::frontend {
namespace {

// Collects Clang's diagnostics with their locations, in the order Clang reports them.
class CollectingConsumer : public clang::DiagnosticConsumer {
public:
  explicit CollectingConsumer(std::vector<Diagnostic>& out) : out_(out) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Warning) return;
    Diagnostic d;
    d.severity = level >= clang::DiagnosticsEngine::Error ? Severity::Error : Severity::Warning;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    d.message = std::string(text.str());
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const clang::SourceManager& sm = info.getSourceManager();
      clang::PresumedLoc loc = sm.getPresumedLoc(sm.getExpansionLoc(info.getLocation()));
      if (loc.isValid()) {
        d.file = loc.getFilename();
        d.location = {static_cast<int>(loc.getLine()), static_cast<int>(loc.getColumn())};
      }
    }
    out_.push_back(std::move(d));
  }

private:
  std::vector<Diagnostic>& out_;
};

std::vector<std::string> language_arguments(Dialect dialect) {
  const std::string headers = declaration_header_root();
  // CUDA, HIP and BANG C all parse in Clang's CUDA mode (host side only): it gives the device
  // attributes and the `<<<...>>>` launch syntax; each dialect brings its own declarations.
  std::vector<std::string> args = {"-x", "cuda", "--cuda-host-only", "-nocudainc", "-nocudalib",
                                   "-std=c++17", "-Wno-unknown-cuda-version", "-fsyntax-only",
                                   "-Xclang", "-fcuda-allow-variadic-functions",
                                   "-resource-dir", XIR_CLANG_RESOURCE_DIR};
  switch (dialect) {
  case Dialect::Cuda:
    args.insert(args.end(), {"-I" + headers + "/cuda", "-D__CUDACC__", "-D__NVCC__", "-include",
                             headers + "/common/xir_gpu_attributes.h"});
    break;
  case Dialect::Hip:
    args.insert(args.end(), {"-I" + headers + "/hip", "-D__HIPCC__", "-D__HIP_PLATFORM_AMD__", "-include",
                             headers + "/common/xir_gpu_attributes.h"});
    break;
  case Dialect::Bang:
    args.insert(args.end(), {"-I" + headers + "/bang", "-D__BANG__", "-D__BANG_ARCH__=372", "-include",
                             headers + "/bang/xir_bang_attributes.h"});
    break;
  case Dialect::Vnni:
    args = {"-x", "c++", "-std=c++17", "-fsyntax-only", "-fopenmp", "-resource-dir", XIR_CLANG_RESOURCE_DIR,
            "-I" + headers + "/vnni"};
    break;
  }
  args.push_back("-I" + headers + "/common");
  return args;
}

} // namespace

bool ParsedFile::diagnostics_have_no_error() const {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::Error) return false;
  return true;
}

std::string declaration_header_root() {
  if (std::filesystem::exists(XIR_FRONTEND_HEADERS_SOURCE_DIR)) return XIR_FRONTEND_HEADERS_SOURCE_DIR;
  return XIR_FRONTEND_HEADERS_INSTALL_DIR;
}

namespace {

ParsedFile parse_with_arguments(std::string_view source, const std::string& file_name,
                                const std::vector<std::string>& arguments) {
  ParsedFile parsed;
  CollectingConsumer consumer(parsed.diagnostics);
  parsed.ast = build_ast_guarded(source, arguments, file_name, consumer);
  if (!parsed.ast && parsed.diagnostics_have_no_error())
    parsed.diagnostics.push_back({Severity::Error, file_name, {}, "clang could not parse the file"});
  return parsed;
}

// Clang rejected the PCH itself (stale, corrupt, built by another configuration).
bool rejects_precompiled_header(const ParsedFile& parsed, const std::string& pch_path) {
  for (const Diagnostic& d : parsed.diagnostics) {
    if (d.severity != Severity::Error) continue;
    if (d.file == pch_path || d.message.find(pch_path) != std::string::npos ||
        d.message.find("precompiled header") != std::string::npos || d.message.find("AST file") != std::string::npos)
      return true;
  }
  return false;
}

} // namespace

ParsedFile parse_with_clang(std::string_view source, const std::string& file_name, Dialect dialect) {
  return parse_with_clang(source, file_name, dialect, precompiled_prelude_enabled());
}

ParsedFile parse_with_clang(std::string_view source, const std::string& file_name, Dialect dialect,
                            bool use_precompiled_prelude) {
  const std::vector<std::string> arguments = language_arguments(dialect);
  if (use_precompiled_prelude) {
    std::vector<std::string> with_pch = without_forced_includes(arguments);
    const std::string prelude = prelude_text(source, file_name, arguments);
    std::optional<std::string> pch;
    if (!prelude.empty()) pch = precompiled_prelude(with_pch, prelude, to_string(dialect));
    if (pch) {
      with_pch.insert(with_pch.end(), {"-include-pch", *pch});
      ParsedFile parsed = parse_with_arguments(source, file_name, with_pch);
      if (!rejects_precompiled_header(parsed, *pch)) return parsed;
      discard_precompiled_prelude(*pch);
    }
  }
  return parse_with_arguments(source, file_name, arguments);
}

} // namespace xir::frontend
