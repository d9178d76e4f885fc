#pragma once
// Compile results and built libraries, cached by a content hash of (file, dialect, flags,
// tool identity) under $XIR_CACHE_DIR (default ~/.cache/xir).
#include <optional>
#include <string>
#include <vector>

namespace xir::verify {

class BuildCache {
public:
  // `enabled` false: every lookup misses and nothing is stored.
  explicit BuildCache(bool enabled);
  ~BuildCache();
  BuildCache(const BuildCache&) = delete;
  BuildCache& operator=(const BuildCache&) = delete;

  // A key from the file's bytes and every string that changes the result.
  std::string key(const std::string& file_contents, const std::vector<std::string>& parts) const;

  // A cached compile check: whether it succeeded and its diagnostics.
  struct CompileEntry {
    bool succeeded = false;
    std::string diagnostics;
  };
  std::optional<CompileEntry> find_compile(const std::string& key) const;
  void store_compile(const std::string& key, const CompileEntry& entry) const;

  // Opaque cached bytes (golden outputs) in a folder named after their kind.
  std::optional<std::string> find_blob(const std::string& kind, const std::string& key) const;
  void store_blob(const std::string& kind, const std::string& key, const std::string& bytes) const;

  // Path a built library for `key` lives at (it may not exist yet) and whether it does.
  std::string library_path(const std::string& key) const;
  bool has_library(const std::string& key) const;
  // A scratch path in the cache directory for building; publish moves it into place atomically.
  std::string scratch_path(const std::string& key, const std::string& suffix) const;
  void publish_library(const std::string& scratch, const std::string& key) const;

  bool enabled() const { return enabled_; }
  const std::string& directory() const { return directory_; }

private:
  bool enabled_;
  bool owns_directory_ = false;
  std::string directory_;
};

// Identity of an executable for cache keys: its path, size and modification time.
std::string tool_identity(const std::string& path);

} // namespace xir::verify
