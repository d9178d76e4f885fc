#include "preamble_cache.hpp"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Basic/Version.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/SHA1.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "clang_parse.hpp"

namespace xir::frontend {
namespace {

std::string trim_left(std::string_view s) {
  size_t i = s.find_first_not_of(" \t\r");
  return i == std::string_view::npos ? std::string() : std::string(s.substr(i));
}

// `#include <x>` or `#include "x"`, optionally followed by a line comment: the header spelling.
std::optional<std::string> include_spelling(const std::string& line) {
  if (line.empty() || line[0] != '#') return std::nullopt;
  std::string rest = trim_left(std::string_view(line).substr(1));
  if (rest.rfind("include", 0) != 0) return std::nullopt;
  rest = trim_left(std::string_view(rest).substr(7));
  if (rest.empty() || (rest[0] != '<' && rest[0] != '"')) return std::nullopt;
  const char close = rest[0] == '<' ? '>' : '"';
  size_t end = rest.find(close, 1);
  if (end == std::string::npos || end == 1) return std::nullopt;
  std::string tail = trim_left(std::string_view(rest).substr(end + 1));
  if (!tail.empty() && tail.rfind("//", 0) != 0) return std::nullopt;
  return rest.substr(0, end + 1);
}

// A quoted include that names a file next to the user's file resolves there first: the prelude
// (which lives in the cache folder) would find another file.
bool resolves_next_to(const std::string& spelling, const std::string& file_name) {
  if (spelling[0] != '"') return false;
  std::filesystem::path dir = std::filesystem::path(file_name).parent_path();
  std::error_code error;
  return std::filesystem::exists(dir / spelling.substr(1, spelling.size() - 2), error);
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every declaration header of every dialect, names and contents, in a stable order.
void hash_declaration_headers(llvm::SHA1& hash) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(declaration_header_root(), error))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    hash.update(file.string());
    hash.update(llvm::StringRef("\0", 1));
    hash.update(read_whole_file(file));
    hash.update(llvm::StringRef("\0", 1));
  }
}

std::string cache_key(const std::vector<std::string>& arguments, const std::string& prelude) {
  llvm::SHA1 hash;
  hash.update(clang::getClangFullVersion());
  for (const std::string& arg : arguments) {
    hash.update(llvm::StringRef("\0", 1));
    hash.update(arg);
  }
  hash.update(llvm::StringRef("\0", 1));
  hash.update(prelude);
  hash_declaration_headers(hash);
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
}

// One line per file the PCH was built from: "<size> <mtime ns> <path>".
std::optional<std::string> file_stamp(const std::string& path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status)) return std::nullopt;
  const auto mtime = status.getLastModificationTime().time_since_epoch().count();
  return std::to_string(status.getSize()) + " " + std::to_string(mtime) + " " + path;
}

bool dependencies_unchanged(const std::string& deps_path) {
  std::ifstream in(deps_path);
  if (!in) return false;
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    size_t first = line.find(' ');
    size_t second = first == std::string::npos ? first : line.find(' ', first + 1);
    if (second == std::string::npos) return false;
    std::optional<std::string> now = file_stamp(line.substr(second + 1));
    if (!now || *now != line) return false;
    ++count;
  }
  return count > 0;
}

// Writes `text` to `path` through a unique temporary file and a rename, so that a concurrent
// reader sees the old file or the new one, never a partial one.
bool write_atomically(const std::string& path, const std::string& text) {
  int fd = -1;
  llvm::SmallString<256> temporary;
  if (llvm::sys::fs::createUniqueFile(path + ".tmp-%%%%%%%%", fd, temporary)) return false;
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << text;
    out.close();
    if (out.has_error()) {
      out.clear_error();
      llvm::sys::fs::remove(temporary);
      return false;
    }
  }
  if (llvm::sys::fs::rename(temporary, path)) {
    llvm::sys::fs::remove(temporary);
    return false;
  }
  return true;
}

class CountingConsumer : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level >= clang::DiagnosticsEngine::Warning) ++reported;
  }
  int reported = 0;
};

// Clang's PCH writer, into a chosen file; it also lists the files the PCH was built from.
class WritePrecompiledPrelude : public clang::GeneratePCHAction {
public:
  WritePrecompiledPrelude(std::string output, std::vector<std::string>& inputs)
      : output_(std::move(output)), inputs_(inputs) {}

  bool BeginInvocation(clang::CompilerInstance& ci) override {
    ci.getFrontendOpts().OutputFile = output_;  // written to a temporary file, then renamed
    ci.getDiagnosticOpts().ShowCarets = false;  // no "N errors generated" on stderr
    return clang::GeneratePCHAction::BeginInvocation(ci);
  }

  void EndSourceFileAction() override {
    const clang::SourceManager& sm = getCompilerInstance().getSourceManager();
    for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) inputs_.push_back(it->first->getName().str());
    clang::GeneratePCHAction::EndSourceFileAction();
  }

private:
  std::string output_;
  std::vector<std::string>& inputs_;
};

bool build_precompiled_prelude(const std::vector<std::string>& arguments, const std::string& prelude_path,
                               const std::string& pch_path, const std::string& deps_path) {
  std::vector<std::string> command = {"clang"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  command.push_back(prelude_path);
  std::vector<std::string> inputs;
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), llvm::vfs::getRealFileSystem()));
  clang::tooling::ToolInvocation invocation(command, std::make_unique<WritePrecompiledPrelude>(pch_path, inputs),
                                            files.get(), std::make_shared<clang::PCHContainerOperations>());
  CountingConsumer consumer;
  invocation.setDiagnosticConsumer(&consumer);
  const bool ran = invocation.run();
  if (!ran || consumer.reported > 0 || inputs.empty()) {
    llvm::sys::fs::remove(pch_path);
    return false;
  }
  std::sort(inputs.begin(), inputs.end());
  std::string deps;
  for (const std::string& input : inputs) {
    std::optional<std::string> stamp = file_stamp(input);
    if (!stamp) return false;
    deps += *stamp + "\n";
  }
  return write_atomically(deps_path, deps);
}

// Keys whose prelude did not precompile in this process: not retried on every parse.
bool failed_before(const std::string& key, bool record) {
  static std::mutex mutex;
  static std::set<std::string> failed;
  std::lock_guard<std::mutex> lock(mutex);
  if (record) failed.insert(key);
  return failed.count(key) > 0;
}

} // namespace

bool precompiled_prelude_enabled() {
  const char* setting = std::getenv("XIR_FRONTEND_PCH");
  if (!setting) return true;
  const std::string value(setting);
  return value != "0" && value != "off" && value != "OFF";
}

std::string prelude_cache_directory() {
  if (const char* dir = std::getenv("XIR_CACHE_DIR"); dir && *dir) return std::string(dir) + "/pch";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/xir/pch";
  return {};
}

std::string prelude_text(std::string_view source, const std::string& file_name,
                         const std::vector<std::string>& arguments) {
  std::string prelude;
  for (size_t i = 0; i + 1 < arguments.size(); ++i)
    if (arguments[i] == "-include") prelude += "#include \"" + arguments[i + 1] + "\"\n";
  std::istringstream lines{std::string(source)};
  std::string raw;
  bool in_block_comment = false;
  while (std::getline(lines, raw)) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (!raw.empty() && raw.back() == '\\') break;  // a continued line: stop rather than interpret
    std::string line = trim_left(raw);
    if (in_block_comment) {
      size_t end = line.find("*/");
      if (end == std::string::npos) continue;
      in_block_comment = false;
      line = trim_left(std::string_view(line).substr(end + 2));
    }
    if (line.empty() || line.rfind("//", 0) == 0) continue;
    if (line.rfind("/*", 0) == 0) {
      size_t end = line.find("*/", 2);
      if (end == std::string::npos) {
        in_block_comment = true;
        continue;
      }
      line = trim_left(std::string_view(line).substr(end + 2));
      if (line.empty()) continue;
    }
    std::optional<std::string> spelling = include_spelling(line);
    if (!spelling || resolves_next_to(*spelling, file_name)) break;
    prelude += "#include " + *spelling + "\n";
  }
  return prelude;
}

std::vector<std::string> without_forced_includes(const std::vector<std::string>& arguments) {
  std::vector<std::string> out;
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i] == "-include" && i + 1 < arguments.size()) {
      ++i;
      continue;
    }
    out.push_back(arguments[i]);
  }
  return out;
}

std::optional<std::string> precompiled_prelude(const std::vector<std::string>& arguments,
                                               const std::string& prelude, std::string_view dialect_name) {
  const std::string dir = prelude_cache_directory();
  if (dir.empty() || llvm::sys::fs::create_directories(dir)) return std::nullopt;
  const std::string base = dir + "/" + std::string(dialect_name) + "-" + cache_key(arguments, prelude);
  const std::string pch = base + ".pch", deps = base + ".deps", header = base + ".h";
  if (llvm::sys::fs::exists(pch) && dependencies_unchanged(deps)) return pch;
  if (failed_before(base, false)) return std::nullopt;
  if ((read_whole_file(header) != prelude && !write_atomically(header, prelude)) ||
      !build_precompiled_prelude(arguments, header, pch, deps)) {
    failed_before(base, true);
    return std::nullopt;
  }
  return pch;
}

void discard_precompiled_prelude(const std::string& pch_path) {
  llvm::sys::fs::remove(pch_path);
  llvm::StringRef base = llvm::StringRef(pch_path).drop_back(4);
  llvm::sys::fs::remove(base + ".deps");
}

} // namespace xir::frontend
