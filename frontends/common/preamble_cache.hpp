#pragma once
// The precompiled prelude of a kernel file: the dialect's force-included headers followed by the
// file's own leading `#include` lines, precompiled once into a PCH and cached on disk, so that
// Clang parses only the file's own code. Parsing with the PCH gives the same AST and diagnostics
// as parsing without it: the prelude is exactly the text Clang would read first, and the file's
// #include lines then find their (guarded) headers already included.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xir::frontend {

/// False when XIR_FRONTEND_PCH is "0" or "off": every parse then reads all headers from source.
bool precompiled_prelude_enabled();

/// $XIR_CACHE_DIR/pch, or ~/.cache/xir/pch.
std::string prelude_cache_directory();

/// The prelude of `source`: an `#include` line for each force-included header (`-include X` in
/// `arguments`), then the file's leading `#include` lines (up to its first other line; a quoted
/// include that would resolve next to the file itself ends it too).
std::string prelude_text(std::string_view source, const std::string& file_name,
                         const std::vector<std::string>& arguments);

/// `arguments` without their `-include X` pairs (the prelude holds them).
std::vector<std::string> without_forced_includes(const std::vector<std::string>& arguments);

/// The path of an up-to-date PCH of `prelude` parsed with `arguments` (no forced includes),
/// building it when missing, stale or unreadable. The key is Clang's version, the arguments, the
/// prelude and the contents of xir's declaration headers; the files are written atomically.
/// Null when the prelude does not precompile cleanly (any diagnostic) or the cache is unwritable.
std::optional<std::string> precompiled_prelude(const std::vector<std::string>& arguments,
                                               const std::string& prelude, std::string_view dialect_name);

/// Removes a cached PCH that Clang rejected, so the next parse rebuilds it.
void discard_precompiled_prelude(const std::string& pch_path);

} // namespace xir::frontend
