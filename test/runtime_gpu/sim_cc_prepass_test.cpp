// The source pre-pass of xir-sim-cc: launch syntax, dynamic shared memory, vector attributes and
// kernel discovery, with line numbers kept.
#include "kernel_wrappers.h"
#include "rewrite.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace xir::sim_cc {
namespace {

long count_lines(const std::string &text) { return std::count(text.begin(), text.end(), '\n'); }

TEST(LaunchSyntax, PlainQualifiedTemplateAndParenthesizedCallees) {
  EXPECT_EQ(rewrite_launch_syntax("k<<<g, b>>>(x, y);").source, "xir_launch(k,g, b)(x, y);");
  EXPECT_EQ(rewrite_launch_syntax("ns::k<<<1, 2, 3, s>>>(x);").source, "xir_launch(ns::k,1, 2, 3, s)(x);");
  EXPECT_EQ(rewrite_launch_syntax("k<float, 4><<<g, b>>>(x);").source, "xir_launch(k<float, 4>,g, b)(x);");
  EXPECT_EQ(rewrite_launch_syntax("k<A<int>><<<g, b>>>(x);").source, "xir_launch(k<A<int>>,g, b)(x);");
  EXPECT_EQ(rewrite_launch_syntax("(k<T, 2>)<<<g, b>>>();").source, "xir_launch((k<T, 2>),g, b)();");
}

TEST(LaunchSyntax, NestedBracketsAndShiftsInTheConfiguration) {
  const auto out = rewrite_launch_syntax("k<<<dim3((n + 1) >> 1, f(a, b)), dim3(32, 4), s[i] * 4, streams[j]>>>(g(x, y), z[0]);");
  EXPECT_TRUE(out.errors.empty());
  EXPECT_EQ(out.source, "xir_launch(k,dim3((n + 1) >> 1, f(a, b)), dim3(32, 4), s[i] * 4, streams[j])(g(x, y), z[0]);");
}

TEST(LaunchSyntax, KeepsLineNumbersAndIgnoresCommentsAndStrings) {
  const std::string source = "// k<<<1, 1>>>(x) in a comment\n"
                             "const char *s = \"k<<<1, 1>>>()\";\n"
                             "k<<<grid,\n"
                             "    block>>>\n"
                             "  (a,\n"
                             "   b);\n"
                             "after();\n";
  const auto out = rewrite_launch_syntax(source);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_EQ(count_lines(out.source), count_lines(source));
  EXPECT_NE(out.source.find("// k<<<1, 1>>>(x) in a comment"), std::string::npos);
  EXPECT_NE(out.source.find("\"k<<<1, 1>>>()\""), std::string::npos);
  EXPECT_NE(out.source.find("xir_launch(k,grid,\n    block)\n  (a,\n   b);"), std::string::npos) << out.source;
}

TEST(LaunchSyntax, MalformedLaunchesAreLocated) {
  const auto one_argument = rewrite_launch_syntax("void f() {\n  k<<<1>>>(x);\n}\n");
  ASSERT_EQ(one_argument.errors.size(), 1u);
  EXPECT_EQ(one_argument.errors[0].line, 2u);
  EXPECT_EQ(one_argument.errors[0].column, 7u);
  const auto unterminated = rewrite_launch_syntax("\n\n   k<<<1, 2(x);\n");
  ASSERT_EQ(unterminated.errors.size(), 1u);
  EXPECT_EQ(unterminated.errors[0].line, 3u);
  EXPECT_EQ(unterminated.errors[0].column, 5u);
  const auto no_arguments = rewrite_launch_syntax("k<<<1, 2>>>;");
  ASSERT_EQ(no_arguments.errors.size(), 1u);
}

TEST(DynamicShared, LocalDeclarationBecomesAPointer) {
  const auto out = rewrite_dynamic_shared("__global__ void k() {\n  extern __shared__ __align__(16) float buf[];\n  buf[0] = 1;\n}\n", "k.cu");
  EXPECT_TRUE(out.errors.empty());
  EXPECT_NE(out.source.find("float *const buf = reinterpret_cast<float *>(::xir::runtime::gpu::dynamic_shared_memory());"),
            std::string::npos)
      << out.source;
  EXPECT_EQ(count_lines(out.source), 4);
}

TEST(DynamicShared, NamespaceScopeDeclarationBecomesAMacroWithLineDirective) {
  const auto out = rewrite_dynamic_shared("int a;\nextern __shared__ unsigned char pool[];\n__global__ void k() { pool[0] = 1; }\n", "k.cu");
  EXPECT_NE(out.source.find("#define pool (reinterpret_cast<unsigned char *>"), std::string::npos) << out.source;
  EXPECT_NE(out.source.find("#line 2 \"k.cu\""), std::string::npos) << out.source;
}

TEST(ExtVectorType, TypedefAndUsingForms) {
  EXPECT_EQ(rewrite_ext_vector_types("typedef float float4_t __attribute__((ext_vector_type(4)));").source,
            "typedef float float4_t __attribute__((__vector_size__((4) * sizeof(float))));");
  EXPECT_EQ(rewrite_ext_vector_types("using half4 = _Float16 __attribute__((ext_vector_type(4)));").source,
            "using half4 = _Float16 __attribute__((__vector_size__((4) * sizeof(_Float16))));");
  EXPECT_EQ(rewrite_ext_vector_types("using f16 = __attribute__((ext_vector_type(16))) float;").source,
            "using f16 = float __attribute__((__vector_size__((16) * sizeof(float))));");
}

TEST(Kernels, FindsNonTemplateKernelsWithNamespacesAndParameters) {
  const std::string source = "template <class T> __global__ void skipped(T *p) {}\n"
                             "__global__ void declared_only(int);\n"
                             "namespace ops {\n"
                             "__global__ void __launch_bounds__(256) scale(const float *__restrict__ x, float y[], int n = 4) {}\n"
                             "}\n"
                             "extern \"C\" __global__ void plain() {}\n";
  const auto kernels = find_kernels(source);
  ASSERT_EQ(kernels.size(), 2u);
  EXPECT_EQ(kernels[0].qualified_name, "ops::scale");
  EXPECT_EQ(kernels[0].parameter_names, (std::vector<std::string>{"x", "y", "n"}));
  EXPECT_EQ(kernels[0].max_threads, "256");
  EXPECT_TRUE(kernels[1].max_threads.empty());
  EXPECT_EQ(kernels[1].qualified_name, "plain");
  EXPECT_TRUE(kernels[1].parameter_names.empty());
  const std::string wrappers = launch_wrappers(kernels, source, LaunchDefaults{}, "cuda");
  EXPECT_NE(wrappers.find("extern \"C\" void scale_launch(const float *__restrict__ x, float y[], int n = 4)"),
            std::string::npos)
      << wrappers;
  EXPECT_NE(wrappers.find("xir_launch(ops::scale, xir_sim_cc_launch::grid"), std::string::npos);
  EXPECT_NE(wrappers.find("(x, y, n);\n  cudaDeviceSynchronize();"), std::string::npos);
  EXPECT_NE(wrappers.find("set_max_threads_per_block(reinterpret_cast<const void *>(&ops::scale), 256)"), std::string::npos);
}

} // namespace
} // namespace xir::sim_cc
