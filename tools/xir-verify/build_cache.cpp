#include "build_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace xir::verify {
namespace {

// 128-bit FNV-1a (two 64-bit lanes with different offsets): stable across runs and builds.
std::string content_hash(const std::string& bytes) {
  std::uint64_t low = 0xcbf29ce484222325ull, high = 0x84222325cbf29ce4ull;
  for (unsigned char c : bytes) {
    low = (low ^ c) * 0x100000001b3ull;
    high = (high ^ (c + 0x9eu)) * 0x100000001b3ull;
  }
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return text;
}

std::string default_directory() {
  if (const char* dir = std::getenv("XIR_CACHE_DIR"); dir && *dir)
    return dir;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/xir";
  return "/tmp/xir-cache-" + std::to_string(getuid());
}

} // namespace

BuildCache::BuildCache(bool enabled) : enabled_(enabled), directory_(default_directory()) {
  std::error_code error;
  if (enabled_) {
    std::filesystem::create_directories(directory_ + "/compile", error);
    std::filesystem::create_directories(directory_ + "/lib", error);
    if (error)
      enabled_ = false; // an unwritable cache: work uncached in a scratch directory
  }
  if (!enabled_) { // a private scratch directory, removed on exit
    std::string scratch = "/tmp/xir-verify-" + std::string(6, 'X');  // mkdtemp's pattern
    directory_ = mkdtemp(scratch.data()) ? scratch : "/tmp";
    owns_directory_ = directory_ != "/tmp";
    std::filesystem::create_directories(directory_ + "/compile", error);
    std::filesystem::create_directories(directory_ + "/lib", error);
  }
}

BuildCache::~BuildCache() {
  std::error_code error;
  if (owns_directory_)
    std::filesystem::remove_all(directory_, error);
}

std::string BuildCache::key(const std::string& file_contents,
                            const std::vector<std::string>& parts) const {
  std::string material = file_contents;
  for (const std::string& part : parts)
    material += '\0' + part;
  return content_hash(material);
}

std::optional<BuildCache::CompileEntry> BuildCache::find_compile(const std::string& key) const {
  if (!enabled_)
    return std::nullopt;
  std::ifstream file(directory_ + "/compile/" + key + ".json");
  if (!file)
    return std::nullopt;
  try {
    const auto entry = nlohmann::json::parse(file);
    return CompileEntry{entry.at("succeeded").get<bool>(),
                        entry.at("diagnostics").get<std::string>()};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt; // a torn or foreign file: compile again
  }
}

void BuildCache::store_compile(const std::string& key, const CompileEntry& entry) const {
  if (!enabled_)
    return;
  const std::string path = directory_ + "/compile/" + key + ".json";
  const std::string scratch = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream file(scratch);
    file << nlohmann::json{{"succeeded", entry.succeeded}, {"diagnostics", entry.diagnostics}}
                .dump();
  }
  std::rename(scratch.c_str(), path.c_str());
}

std::optional<std::string> BuildCache::find_blob(const std::string& kind,
                                                 const std::string& key) const {
  if (!enabled_)
    return std::nullopt;
  std::ifstream file(directory_ + "/" + kind + "/" + key, std::ios::binary);
  if (!file)
    return std::nullopt;
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

void BuildCache::store_blob(const std::string& kind, const std::string& key,
                            const std::string& bytes) const {
  if (!enabled_)
    return;
  std::error_code error;
  std::filesystem::create_directories(directory_ + "/" + kind, error);
  const std::string path = directory_ + "/" + kind + "/" + key;
  const std::string scratch = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream file(scratch, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::rename(scratch.c_str(), path.c_str());
}

std::string BuildCache::library_path(const std::string& key) const {
  return directory_ + "/lib/" + key + ".so";
}

bool BuildCache::has_library(const std::string& key) const {
  return enabled_ && access(library_path(key).c_str(), R_OK) == 0;
}

std::string BuildCache::scratch_path(const std::string& key, const std::string& suffix) const {
  return directory_ + "/lib/" + key + ".tmp" + std::to_string(getpid()) + suffix;
}

void BuildCache::publish_library(const std::string& scratch, const std::string& key) const {
  std::rename(scratch.c_str(), library_path(key).c_str());
}

std::string tool_identity(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0)
    return path;
  std::ostringstream text;
  text << path << ':' << info.st_size << ':' << info.st_mtim.tv_sec << '.' << info.st_mtim.tv_nsec;
  return text.str();
}

} // namespace xir::verify
