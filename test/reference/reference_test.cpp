// Cross-checks every family's Halide definition against the plain loops of naive_reference.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "naive_reference.hpp"
#include "reference_cases.hpp"
#include "xir/reference/reference.hpp"
#include "xir/spec/families.hpp"

namespace xir::reference::testing {
namespace {

using spec::DType;
using spec::HostTensor;

// One unit in the last place of `value` in the dtype (the rounding step of the output).
double ulp(DType dtype, double value) {
  const int mantissa_bits = dtype == DType::f16    ? 10
                            : dtype == DType::bf16 ? 7
                            : dtype == DType::f32  ? 23
                                                   : 52;
  const int min_exponent = dtype == DType::f16                           ? -14
                           : dtype == DType::bf16 || dtype == DType::f32 ? -126
                                                                         : -1022;
  const int exponent = value == 0 ? min_exponent : std::max(std::ilogb(value), min_exponent);
  return std::ldexp(1.0, exponent - mantissa_bits);
}

// Families whose float outputs are exactly one rounding of exactly computed values: bit-exact.
bool is_exact_family(const std::string& family) {
  static const std::set<std::string> exact{"add",       "sub",    "sign",    "relu",
                                           "max",       "min",    "maxpool", "minpool",
                                           "transpose", "concat", "gather",  "scatter"};
  return exact.count(family) > 0;
}

void expect_matches(const spec::Spec& spec, const HostTensor& got, const HostTensor& want,
                    const std::string& label) {
  ASSERT_EQ(got.shape, want.shape) << label;
  ASSERT_EQ(got.dtype, want.dtype) << label;
  const bool exact = !spec::is_float(want.dtype) || is_exact_family(spec.family);
  int reported = 0;
  for (std::int64_t i = 0; i < want.element_count() && reported < 5; ++i) {
    const double g = got.get(i), w = want.get(i);
    const bool ok =
        exact ? (want.dtype == DType::i64 ? got.get_integer(i) == want.get_integer(i) : g == w)
              : std::abs(g - w) <= 2e-4 + 2e-4 * std::abs(w) + ulp(want.dtype, w);
    if (!ok) {
      ++reported;
      ADD_FAILURE() << label << ": element " << spec::index_to_string(want.shape, i) << " got " << g
                    << " want " << w;
    }
  }
}

std::string describe(const spec::Spec& spec) {
  std::string text = spec.family + "(";
  for (const auto& t : spec.inputs)
    text += t.name + ":" + std::string(spec::dtype_name(t.dtype)) + spec::shape_to_string(t.shape) +
            " ";
  return text + "-> " + std::string(spec::dtype_name(spec.outputs[0].dtype)) +
         spec::shape_to_string(spec.outputs[0].shape) + " " + spec.params.dump() + ")";
}

class FamilyReference : public ::testing::TestWithParam<std::string> {};

TEST_P(FamilyReference, HalideMatchesPlainLoops) {
  const auto cases = reference_cases(GetParam());
  std::set<std::vector<std::int64_t>> shapes;
  std::set<DType> dtypes;
  for (const spec::Spec& spec : cases) {
    const auto inputs = make_inputs(spec, spec.seed);
    const auto golden = compute(spec, inputs);
    ASSERT_EQ(golden.size(), 1u);
    expect_matches(spec, golden[0], naive_compute(spec, inputs), describe(spec));
    shapes.insert(spec.inputs[0].shape);
    dtypes.insert(spec.inputs[0].dtype);
  }
  EXPECT_GE(shapes.size(), 3u) << "every family is checked on at least three shapes";
  EXPECT_GE(dtypes.size(), 3u);
}

std::vector<std::string> family_names() {
  std::vector<std::string> names;
  for (const auto& family : spec::all_families())
    names.emplace_back(family.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(AllFamilies, FamilyReference, ::testing::ValuesIn(family_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(FamilyTable, HasTheThirtySixFamiliesOfOpsMd) {
  EXPECT_EQ(spec::all_families().size(), 36u);
}

// Inputs the generator makes: in the documented ranges, reproducible from the seed.
TEST(MakeInputs, RangesAndSeeds) {
  for (const spec::Spec& spec : reference_cases("gemm")) {
    const auto inputs = make_inputs(spec, 3);
    for (const HostTensor& t : inputs)
      for (std::int64_t i = 0; i < t.element_count(); ++i) {
        const double v = t.get(i);
        if (t.dtype == DType::u8) {
          EXPECT_TRUE(v >= 0 && v < 16) << v;
        } else if (t.dtype == DType::i8) {
          EXPECT_TRUE(v >= -8 && v < 8) << v;
        } else if (spec::is_float(t.dtype)) {
          EXPECT_TRUE(v >= -1 && v <= 1) << v;
        }
      }
    EXPECT_EQ(make_inputs(spec, 3)[0].bytes, inputs[0].bytes);
    if (inputs[0].element_count() > 4) {
      EXPECT_NE(make_inputs(spec, 4)[0].bytes, inputs[0].bytes);
    }
  }
  for (const spec::Spec& spec : reference_cases("scatter")) {
    const auto inputs = make_inputs(spec, 5);
    std::set<std::int64_t> seen;
    for (std::int64_t i = 0; i < inputs[1].element_count(); ++i) {
      const std::int64_t index = inputs[1].get_integer(i);
      EXPECT_TRUE(index >= 0 && index < inputs[0].shape[0]);
      EXPECT_TRUE(seen.insert(index).second) << "scatter indices must be distinct";
    }
  }
  for (const spec::Spec& spec : reference_cases("batchnorm")) {
    const auto inputs = make_inputs(spec, 2);
    const HostTensor& var = inputs[2];
    for (std::int64_t i = 0; i < var.element_count(); ++i)
      EXPECT_TRUE(var.get(i) >= 0.5 && var.get(i) <= 1.5);
  }
}

} // namespace
} // namespace xir::reference::testing
