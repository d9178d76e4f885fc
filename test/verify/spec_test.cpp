// The spec parser and validator on valid specs (the format's own example) and on edge cases.
#include <gtest/gtest.h>

#include "xir/spec/spec.hpp"
#include "xir/spec/validate.hpp"

namespace xir::spec {
namespace {

const char* conv2d_example = R"({
  "family": "conv2d",
  "entry": "run_conv2d",
  "inputs":  [ { "name": "X", "dtype": "f32", "shape": [1, 9, 9, 3] },
               { "name": "W", "dtype": "f32", "shape": [3, 3, 3, 8] } ],
  "outputs": [ { "name": "Y", "dtype": "f32", "shape": [1, 4, 4, 8] } ],
  "params":  { "stride": 2, "padding": 0 },
  "args": [ { "buffer": "X" }, { "buffer": "W" }, { "buffer": "Y" },
            { "i32": 1 }, { "i32": 9 }, { "i32": 9 }, { "i32": 3 }, { "i32": 8 },
            { "i32": 3 }, { "i32": 3 }, { "i32": 2 }, { "i32": 0 } ],
  "seed": 1,
  "tolerance": { "abs": 1e-3, "rel": 1e-3 }
})";

TEST(SpecParse, TheFormatDocumentsExampleIsValid) {
  const Spec spec = parse_spec(conv2d_example, "example.json");
  EXPECT_EQ(spec.family, "conv2d");
  EXPECT_EQ(spec.entry, "run_conv2d");
  ASSERT_EQ(spec.inputs.size(), 2u);
  EXPECT_EQ(spec.inputs[1].shape, (std::vector<std::int64_t>{3, 3, 3, 8}));
  ASSERT_EQ(spec.args.size(), 12u);
  EXPECT_EQ(spec.args[10].kind, Arg::Kind::i32);
  EXPECT_EQ(spec.args[10].integer, 2);
  EXPECT_EQ(convolution_params(spec).stride, 2);
  EXPECT_EQ(spec.seed, 1u);
  // Printing and parsing again gives the same spec.
  const Spec again = parse_spec(spec_to_json(spec).dump(), "again.json");
  EXPECT_EQ(spec_to_json(again), spec_to_json(spec));
}

TEST(SpecParse, DefaultsAndScalarKinds) {
  const Spec spec = parse_spec(R"({"family": "layernorm", "entry": "run_layernorm",
      "inputs": [{"name": "X", "dtype": "bf16", "shape": [3, 5]}, {"name": "gamma", "dtype": "bf16", "shape": [5]},
                 {"name": "beta", "dtype": "bf16", "shape": [5]}],
      "outputs": [{"name": "Y", "dtype": "bf16", "shape": [3, 5]}],
      "args": [{"buffer": "X"}, {"buffer": "gamma"}, {"buffer": "beta"}, {"buffer": "Y"}, {"i64": 15}, {"f32": 0.5}]})",
                               "layernorm.json");
  EXPECT_EQ(spec.seed, 1u);
  EXPECT_DOUBLE_EQ(spec.tolerance.abs, 1e-3);
  EXPECT_DOUBLE_EQ(epsilon(spec), 1e-5);
  EXPECT_EQ(spec.args[4].kind, Arg::Kind::i64);
  EXPECT_EQ(spec.args[5].kind, Arg::Kind::f32);
  EXPECT_DOUBLE_EQ(spec.args[5].real, 0.5);
}

TEST(SpecParse, InPlaceScatter) {
  const Spec spec = parse_spec(R"({"family": "scatter", "entry": "run_scatter",
      "inputs": [{"name": "A", "dtype": "f32", "shape": [6, 2]}, {"name": "idx", "dtype": "i32", "shape": [3]},
                 {"name": "U", "dtype": "f32", "shape": [3, 2]}],
      "outputs": [{"name": "A", "dtype": "f32", "shape": [6, 2]}],
      "args": [{"buffer": "A"}, {"buffer": "idx"}, {"buffer": "U"}, {"i32": 6}, {"i32": 3}, {"i32": 2}]})",
                               "scatter.json");
  EXPECT_TRUE(spec.is_in_place(spec.outputs[0]));
}

TEST(SpecParse, ScatterNeedsEnoughRowsForDistinctIndices) {
  EXPECT_THROW(parse_spec(R"({"family": "scatter", "entry": "run_scatter",
      "inputs": [{"name": "A", "dtype": "f32", "shape": [2]}, {"name": "idx", "dtype": "i32", "shape": [3]},
                 {"name": "U", "dtype": "f32", "shape": [3]}],
      "outputs": [{"name": "A", "dtype": "f32", "shape": [2]}],
      "args": [{"buffer": "A"}, {"buffer": "idx"}, {"buffer": "U"}]})",
                          "s.json"),
               SpecError);
}

TEST(SpecParse, DeformableSpatialShapesMustCoverS) {
  const std::string head = R"({"family": "deformable", "entry": "run_deformable",
      "inputs": [{"name": "value", "dtype": "f32", "shape": [1, 20, 2, 4]}, {"name": "shapes", "dtype": "i32", "shape": [2, 2]},
                 {"name": "starts", "dtype": "i32", "shape": [2]}, {"name": "loc", "dtype": "f32", "shape": [1, 3, 2, 2, 4, 2]},
                 {"name": "attn", "dtype": "f32", "shape": [1, 3, 2, 2, 4]}],
      "outputs": [{"name": "out", "dtype": "f32", "shape": [1, 3, 8]}],
      "args": [{"buffer": "value"}, {"buffer": "shapes"}, {"buffer": "starts"}, {"buffer": "loc"}, {"buffer": "attn"}, {"buffer": "out"}],)";
  EXPECT_NO_THROW(parse_spec(head + R"("params": {"levels": [[4, 4], [2, 2]]}})", "d.json"));
  EXPECT_NO_THROW(parse_spec(head + R"("params": {}})", "d.json"));
  try {
    parse_spec(head + R"("params": {"levels": [[4, 4], [2, 3]]}})", "d.json");
    FAIL() << "16 + 6 positions do not cover S = 20";
  } catch (const SpecError& error) {
    EXPECT_NE(std::string(error.what()).find("sum of H_l * W_l and value's S"), std::string::npos)
        << error.what();
  }
  const Spec spec = parse_spec(head + R"("params": {}})", "d.json");
  const auto levels = deformable_levels(spec);
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0][0] * levels[0][1] + levels[1][0] * levels[1][1], 20);
}

} // namespace
} // namespace xir::spec
