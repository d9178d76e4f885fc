// The precompiled prelude: lifting with and without it gives structurally equal modules and the
// same diagnostics; a corrupt or stale cache entry is rebuilt; the prelude is the file's leading
// #include lines after the forced ones.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../frontends/common/preamble_cache.hpp"
#include "xir/frontend/frontend.hpp"
#include "xir/ir/reflect.hpp"

namespace xir::frontend {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh cache folder for each test, and the PCH switch restored afterwards.
class PreludeCache : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "xir-pch-test-").string() + std::string(6, 'X');  // mkdtemp's pattern
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    setenv("XIR_CACHE_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("XIR_FRONTEND_PCH");
    unsetenv("XIR_CACHE_DIR");
    fs::remove_all(dir_);
  }

  LiftResult lift(const std::string& source, const std::string& name, Dialect dialect, bool pch) {
    setenv("XIR_FRONTEND_PCH", pch ? "on" : "off", 1);
    return lift_source(source, name, dialect);
  }

  std::vector<fs::path> cached(const std::string& extension) const {
    std::vector<fs::path> out;
    if (!fs::exists(dir_ + "/pch")) return out;
    for (const auto& entry : fs::directory_iterator(dir_ + "/pch"))
      if (entry.path().extension() == extension) out.push_back(entry.path());
    return out;
  }

  std::string dir_;
};

void expect_same_diagnostics(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(format_diagnostic_header(a[i]), format_diagnostic_header(b[i]));
}

void expect_same_result(const LiftResult& without, const LiftResult& with) {
  ASSERT_EQ(without.ok(), with.ok());
  if (without.ok()) {
    EXPECT_TRUE(structurally_equal(*without.module, *with.module));
  }
  expect_same_diagnostics(without.diagnostics, with.diagnostics);
}

const std::string corpus_dir = std::string(XIR_SOURCE_DIR) + "/bench/kernels/";

TEST_F(PreludeCache, CorpusFilesLiftTheSameWithAndWithoutThePch) {
  for (auto [file, dialect] : {std::pair{"cuda/layernorm.cu", Dialect::Cuda}, {"cuda/gemv.cu", Dialect::Cuda},
                               {"hip/layernorm.hip", Dialect::Hip}}) {
    SCOPED_TRACE(file);
    const std::string path = corpus_dir + file;
    const std::string source = read_text(path);
    LiftResult without = lift(source, path, dialect, false);
    // The HIP frontend does not lift layernorm.hip yet: its diagnostics must still be the same.
    if (dialect == Dialect::Cuda) {
      ASSERT_TRUE(without.ok()) << without.diagnostics.back().message;
    }
    expect_same_result(without, lift(source, path, dialect, true));  // builds the PCH
    expect_same_result(without, lift(source, path, dialect, true));  // reads it
  }
  // layernorm.cu and gemv.cu share their leading includes, so one PCH serves both; one for HIP.
  EXPECT_EQ(cached(".pch").size(), 2u);
  EXPECT_EQ(cached(".deps").size(), 2u);
}

TEST_F(PreludeCache, MalformedFilesGetTheSameDiagnostics) {
  const std::string clang_error = "#include <cstdio>\n#include <cuda_runtime.h>\n"
                                  "__global__ void k(float* a) {\n  a[0] = undeclared + 1;\n}\n";
  const std::string unsupported = "#include <cuda_runtime.h>\n\n"
                                  "__global__ void k(float* a) {\n  float* p = (float*)malloc(4);\n  a[0] = p[0];\n}\n";
  // Its prelude does not precompile: the parse reads the headers from source, twice the same.
  const std::string missing_header = "#include <cuda_runtime.h>\n#include <xir_no_such_header.h>\n\n"
                                     "__global__ void k(float* a) { a[0] = 1; }\n";
  for (auto [source, line] : {std::pair{clang_error, 4}, {unsupported, 4}, {missing_header, 2}}) {
    LiftResult without = lift(source, "bad.cu", Dialect::Cuda, false);
    ASSERT_FALSE(without.ok());
    ASSERT_FALSE(without.diagnostics.empty());
    EXPECT_EQ(without.diagnostics.front().file, "bad.cu");
    EXPECT_EQ(without.diagnostics.front().location.line, line);
    expect_same_result(without, lift(source, "bad.cu", Dialect::Cuda, true));
    expect_same_result(without, lift(source, "bad.cu", Dialect::Cuda, true));
  }
  EXPECT_EQ(cached(".pch").size(), 2u);  // none for the missing header
}

TEST_F(PreludeCache, CorruptOrStaleEntriesAreRebuilt) {
  const std::string path = corpus_dir + "cuda/gelu.cu";
  const std::string source = read_text(path);
  LiftResult reference = lift(source, path, Dialect::Cuda, false);
  ASSERT_TRUE(reference.ok());
  expect_same_result(reference, lift(source, path, Dialect::Cuda, true));
  ASSERT_EQ(cached(".pch").size(), 1u);
  const fs::path pch = cached(".pch").front();
  const std::string good = read_text(pch);

  std::ofstream(pch, std::ios::binary | std::ios::trunc) << "not a precompiled header";
  expect_same_result(reference, lift(source, path, Dialect::Cuda, true));  // rejected, parsed from source
  expect_same_result(reference, lift(source, path, Dialect::Cuda, true));  // rebuilt
  EXPECT_EQ(read_text(pch).substr(0, 4), good.substr(0, 4));

  // A dependency whose recorded size no longer matches marks the entry stale.
  const fs::path deps = cached(".deps").front();
  std::string stamps = read_text(deps);
  std::ofstream(deps, std::ios::trunc) << "1" << stamps;
  std::ofstream(pch, std::ios::binary | std::ios::trunc) << "stale";
  expect_same_result(reference, lift(source, path, Dialect::Cuda, true));
  EXPECT_EQ(read_text(pch).substr(0, 4), good.substr(0, 4));
  EXPECT_EQ(read_text(deps), stamps);
}

TEST(PreludeText, ForcedIncludesThenTheLeadingIncludeLines) {
  const std::vector<std::string> args = {"-x", "cuda", "-include", "/h/attrs.h", "-Ifoo"};
  const std::string source = "// a comment\n/* a block\n   comment */\n#include <cstdio>\n\n"
                             "  #  include \"cuda_runtime.h\"  // why\n#define N 4\n#include <cmath>\n";
  EXPECT_EQ(prelude_text(source, "/nonexistent/k.cu", args),
            "#include \"/h/attrs.h\"\n#include <cstdio>\n#include \"cuda_runtime.h\"\n");
  EXPECT_EQ(without_forced_includes(args), (std::vector<std::string>{"-x", "cuda", "-Ifoo"}));
  // A quoted include of a file next to the kernel file would resolve there, not in the prelude.
  const std::string corpus_file = corpus_dir + "cuda/add.cu";
  EXPECT_EQ(prelude_text("#include <cstdio>\n#include \"manifest.json\"\n#include <cmath>\n", corpus_file, {}),
            "#include <cstdio>\n");
}

} // namespace
} // namespace xir::frontend
