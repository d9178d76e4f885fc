// The declaration pre-pass: what it rewrites, what it leaves, and that lines stay in place.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "xir/runtime/bang_prepass.hpp"

namespace {

using xir::runtime::bang::rewrite_source;

std::size_t line_count(const std::string& text) {
  return std::count(text.begin(), text.end(), '\n');
}

// The line of the first occurrence of `needle`, 1-based.
std::size_t line_of(const std::string& text, const std::string& needle) {
  return line_count(text.substr(0, text.find(needle))) + 1;
}

TEST(BangPrepass, FunctionScopeDeclarationsBindToArenaStorageOnTheSameLine) {
  const std::string source = "__mlu_global__ void k(float *x) {\n"
                             "  __nram__ float a[64], b[2][8];\n"
                             "  __wram__ int8_t w[32];\n"
                             "  static __mlu_shared__ half s[128];\n"
                             "  a[0] = 1;\n"
                             "}\n";
  const std::string out = rewrite_source(source);
  EXPECT_EQ(line_count(out), line_count(source));
  EXPECT_NE(out.find("float (&a)[64] = ::xir::bang::space_object<::xir::bang::Space::nram, 0u, "
                     "float[64]>(\"a\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("float (&b)[2][8] = ::xir::bang::space_object<::xir::bang::Space::nram, 1u, "
                     "float[2][8]>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Space::wram, 2u, int8_t[32]>"), std::string::npos) << out;
  EXPECT_NE(out.find("half (&s)[128] = ::xir::bang::space_object<::xir::bang::Space::sram, 3u"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("static"), std::string::npos) << out;
  EXPECT_EQ(line_of(out, "a[0] = 1"), 5u);
}

TEST(BangPrepass, NamespaceScopeDeclarationsBecomeMacrosAndKeepLineNumbers) {
  const std::string source = "#define SIZE 1024\n"
                             "__nram__ char pool[SIZE];\n"
                             "__mlu_global__ void k() { pool[0] = 1; }\n";
  const std::string out = rewrite_source(source);
  EXPECT_NE(out.find("#define pool (::xir::bang::space_object<::xir::bang::Space::nram, 0u, "
                     "char[SIZE]>(\"pool\""),
            std::string::npos)
      << out;
  // The directive after the macro restores the numbering: the kernel is still on line 3.
  EXPECT_NE(out.find("#line 2\n\n__mlu_global__"), std::string::npos) << out;
}

TEST(BangPrepass, QualifiersOnPointersAreDroppedAndOtherTextIsUntouched) {
  const std::string source = "__mlu_func__ void f(__nram__ float *p, int n) {\n"
                             "  // __nram__ float in_comment[4];\n"
                             "  const char *s = \"__nram__ float in_string[4];\";\n"
                             "  float *q = (__nram__ float *)p;\n"
                             "}\n";
  const std::string out = rewrite_source(source);
  EXPECT_EQ(out.size(), source.size());
  EXPECT_NE(out.find("void f(         float *p"), std::string::npos) << out;
  EXPECT_NE(out.find("// __nram__ float in_comment[4];"), std::string::npos);
  EXPECT_NE(out.find("\"__nram__ float in_string[4];\""), std::string::npos);
  EXPECT_NE(out.find("(         float *)p"), std::string::npos) << out;
}

TEST(BangPrepass, DeclarationsWithInitializersKeepTheirFallbackMeaning) {
  const std::string source = "void k() {\n  __nram__ float x[2] = {1, 2};\n}\n";
  EXPECT_EQ(rewrite_source(source), source);
}

} // namespace
