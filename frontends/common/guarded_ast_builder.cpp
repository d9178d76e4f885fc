#include "guarded_ast_builder.hpp"

#include <clang/Basic/FileManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/VirtualFileSystem.h>

namespace xir::frontend {
namespace {

bool readable_kind(const llvm::vfs::Status& status) {
  return status.getType() == llvm::sys::fs::file_type::regular_file ||
         status.getType() == llvm::sys::fs::file_type::directory_file;
}

// Device files, FIFOs and sockets look absent.
class RegularFilesOnly : public llvm::vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine& path) override {
    auto result = ProxyFileSystem::status(path);
    if (result && !readable_kind(*result)) return std::make_error_code(std::errc::no_such_file_or_directory);
    return result;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine& path) override {
    auto kind = status(path);
    if (!kind) return kind.getError();
    return ProxyFileSystem::openFileForRead(path);
  }
};

class BuildAst : public clang::tooling::ToolAction {
public:
  explicit BuildAst(std::unique_ptr<clang::ASTUnit>& out) : out_(out) {}

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation, clang::FileManager* files,
                     std::shared_ptr<clang::PCHContainerOperations> pch, clang::DiagnosticConsumer* consumer) override {
    out_ = clang::ASTUnit::LoadFromCompilerInvocation(
        invocation, std::move(pch),
        clang::CompilerInstance::createDiagnostics(&invocation->getDiagnosticOpts(), consumer, false), files);
    return out_ != nullptr;
  }

private:
  std::unique_ptr<clang::ASTUnit>& out_;
};

} // namespace

std::unique_ptr<clang::ASTUnit> build_ast_guarded(std::string_view source, const std::vector<std::string>& arguments,
                                                  const std::string& file_name, clang::DiagnosticConsumer& consumer) {
  auto disk = llvm::makeIntrusiveRefCnt<RegularFilesOnly>(llvm::vfs::getRealFileSystem());
  auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(disk);
  auto memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  overlay->pushOverlay(memory);
  memory->addFile(file_name, 0, llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(source.data(), source.size())));
  auto files = llvm::makeIntrusiveRefCnt<clang::FileManager>(clang::FileSystemOptions(), overlay);

  std::vector<std::string> command_line = {"xir"};
  command_line.insert(command_line.end(), arguments.begin(), arguments.end());
  command_line.push_back(file_name);
  command_line = clang::tooling::getClangStripDependencyFileAdjuster()(command_line, file_name);

  std::unique_ptr<clang::ASTUnit> ast;
  BuildAst action(ast);
  clang::tooling::ToolInvocation invocation(command_line, &action, files.get(),
                                            std::make_shared<clang::PCHContainerOperations>());
  invocation.setDiagnosticConsumer(&consumer);
  if (!invocation.run()) return nullptr;
  return ast;
}

} // namespace xir::frontend
