// Pipelines by name with parameters, and the pass manager running them in order.

#include <gtest/gtest.h>

#include <sstream>

#include "xir/ir.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"
#include "xir/transform/pass.hpp"

namespace xir {
namespace {

TEST(Pipeline, ParsesNamesAndParameters) {
  PipelineParseResult p = parse_pipeline("simplify,loop_split{factor=4,axis=x},cache{scope=nram}");
  ASSERT_TRUE(p) << p.error;
  ASSERT_EQ(p.passes.size(), 3u);
  EXPECT_EQ(p.passes[0].name, "simplify");
  EXPECT_TRUE(p.passes[0].parameters.empty());
  EXPECT_EQ(p.passes[1].name, "loop_split");
  EXPECT_EQ(p.passes[1].parameters.at("factor"), "4");
  EXPECT_EQ(p.passes[1].parameters.at("axis"), "x");
  EXPECT_EQ(p.passes[2].parameters.at("scope"), "nram");
}

TEST(Pipeline, RejectsMalformedText) {
  for (const char* bad :
       {"", "simplify,", "a{", "a{k}", "a{k=}", "a{k=1,k=2}", "a b", "a{k=1}b", ",a"}) {
    PipelineParseResult p = parse_pipeline(bad);
    EXPECT_FALSE(p) << bad;
    EXPECT_TRUE(p.passes.empty()) << bad;
  }
}

TEST(PassManager, RejectsUnknownPassesAndParameters) {
  PassManager manager(builtin_passes());
  EXPECT_EQ(manager.add({"no_such_pass", {}}), "unknown pass 'no_such_pass'");
  EXPECT_EQ(manager.add({"simplify", {{"factor", "2"}}}),
            "pass 'simplify' takes no parameter 'factor'");
  EXPECT_EQ(manager.size(), 0u);
  EXPECT_EQ(manager.add({"simplify", {{"max_iterations", "2"}}}), "");
  EXPECT_EQ(manager.size(), 1u);
}

TEST(PassManager, RunsInOrderAndPrintsAfterEachPass) {
  const char* text =
      "module target(generic)\n\nkernel k(host i32 A[4]) {\n  A[0] = 2 * 3 + 0;\n}\n";
  ModuleParseResult parsed = parse_module(text);
  ASSERT_TRUE(parsed);
  PassManager manager(builtin_passes());
  ASSERT_EQ(manager.add({"simplify", {}}), "");
  ASSERT_EQ(manager.add({"simplify", {{"max_iterations", "1"}}}), "");
  std::ostringstream dump;
  Module result = manager.run(*parsed.module, &dump);
  std::string simplified = "module target(generic)\n\nkernel k(host i32 A[4]) {\n  A[0] = 6;\n}\n";
  EXPECT_EQ(print(result), simplified);
  EXPECT_EQ(dump.str(), "// ----- IR after simplify -----\n" + simplified +
                            "// ----- IR after simplify -----\n" + simplified);
}

TEST(PassManager, BadParameterValueThrowsAParameterError) {
  PassManager manager(builtin_passes());
  ASSERT_EQ(manager.add({"simplify", {{"max_iterations", "lots"}}}), "");
  ModuleParseResult parsed =
      parse_module("module target(generic)\nkernel k(host i32 A[1]) {\n  A[0] = 1;\n}\n");
  ASSERT_TRUE(parsed);
  EXPECT_THROW(manager.run(*parsed.module), PassParameterError);
}

} // namespace
} // namespace xir
