// lift_source / lift_file: parse with Clang, dispatch to the dialect's lifting, report errors.

#include "xir/frontend/frontend.hpp"

#include <clang/Basic/SourceManager.h>

#include <fstream>
#include <sstream>

#include "../bang/bang_frontend.hpp"
#include "../gpu/gpu_frontend.hpp"
#include "../vnni/vnni_frontend.hpp"
#include "clang_parse.hpp"
#include "lift_error.hpp"
#include "xir/ir/error.hpp"

namespace xir::frontend {

std::optional<Dialect> parse_dialect(std::string_view name) {
  if (name == "cuda") return Dialect::Cuda;
  if (name == "hip") return Dialect::Hip;
  if (name == "bang") return Dialect::Bang;
  if (name == "vnni") return Dialect::Vnni;
  return std::nullopt;
}

std::string_view to_string(Dialect dialect) {
  switch (dialect) {
  case Dialect::Cuda: return "cuda";
  case Dialect::Hip: return "hip";
  case Dialect::Bang: return "bang";
  case Dialect::Vnni: return "vnni";
  }
  return "?";
}

LiftResult lift_source(std::string_view source, const std::string& file_name, Dialect dialect) {
  LiftResult result;
  ParsedFile parsed = parse_with_clang(source, file_name, dialect);
  result.diagnostics = parsed.diagnostics;
  if (!parsed.ok()) return result;
  clang::ASTContext& context = parsed.ast->getASTContext();
  try {
    switch (dialect) {
    case Dialect::Cuda:
    case Dialect::Hip:
      result.module = lift_gpu_module(context, dialect);
      break;
    case Dialect::Bang:
      result.module = lift_bang_module(context);
      break;
    case Dialect::Vnni:
      result.module = lift_vnni_module(context);
      break;
    }
  } catch (const LiftError& error) {
    Diagnostic d{Severity::Error, file_name, {}, error.what()};
    const clang::SourceManager& sm = context.getSourceManager();
    if (error.location.isValid()) {
      clang::PresumedLoc loc = sm.getPresumedLoc(sm.getExpansionLoc(error.location));
      if (loc.isValid()) d.location = {static_cast<int>(loc.getLine()), static_cast<int>(loc.getColumn())};
    }
    result.diagnostics.push_back(std::move(d));
  } catch (const IRError& error) {
    // A lifting bug, not a user error: still a diagnostic, never a crash.
    result.diagnostics.push_back({Severity::Error, file_name, {}, std::string("internal error: ") + error.what()});
  }
  if (result.module && result.module->kernels.empty()) {
    result.diagnostics.push_back({Severity::Error, file_name, {1, 1}, "the file defines no kernel"});
    result.module.reset();
  }
  return result;
}

LiftResult lift_file(const std::string& path, Dialect dialect) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LiftResult result;
    result.diagnostics.push_back({Severity::Error, path, {}, "cannot read the file"});
    return result;
  }
  std::stringstream text;
  text << in.rdbuf();
  return lift_source(text.str(), path, dialect);
}

} // namespace xir::frontend
