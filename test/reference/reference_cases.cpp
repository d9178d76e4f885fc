#include "reference_cases.hpp"

#include <map>

#include "xir/spec/families.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference::testing {
namespace {

using spec::DType;
using Shape = std::vector<std::int64_t>;
using nlohmann::json;

struct Tensor {
  std::string name;
  DType dtype;
  Shape shape;
};

class CaseList {
public:
  explicit CaseList(std::string family) : family_(std::move(family)) {}

  void add(const std::vector<Tensor>& inputs, const Tensor& output, json params = json::object()) {
    spec::Spec s;
    s.family = family_;
    s.entry = "run_" + family_;
    s.params = std::move(params);
    s.seed = cases_.size() + 7;
    for (const Tensor& t : inputs)
      s.inputs.push_back({t.name, t.dtype, t.shape});
    s.outputs.push_back({output.name, output.dtype, output.shape});
    for (const Tensor& t : inputs)
      s.args.push_back({spec::Arg::Kind::buffer, t.name});
    if (!s.find_input(output.name))
      s.args.push_back({spec::Arg::Kind::buffer, output.name});
    spec::validate_spec(s, "case " + std::to_string(cases_.size()) + " of " + family_);
    cases_.push_back(std::move(s));
  }
  std::vector<spec::Spec> take() { return std::move(cases_); }

private:
  std::string family_;
  std::vector<spec::Spec> cases_;
};

const std::vector<DType> float_types{DType::f32, DType::f16, DType::bf16};
const std::vector<DType> numeric_types{DType::f32, DType::f16, DType::bf16,
                                       DType::i32, DType::i8,  DType::u8};
const std::vector<DType> movable_types{DType::f32, DType::f16, DType::bf16,
                                       DType::i32, DType::i8,  DType::u8};

// The GEMM dtype combinations of docs/test-case-spec.md: (A, B, C).
struct GemmTypes {
  DType a, b, c;
};
const std::vector<GemmTypes> gemm_types{{DType::f32, DType::f32, DType::f32},
                                        {DType::f16, DType::f16, DType::f32},
                                        {DType::bf16, DType::bf16, DType::f32},
                                        {DType::u8, DType::i8, DType::i32}};

void elementwise(CaseList& cases, const std::string& family) {
  const bool binary = family == "add" || family == "sub";
  const bool transcendental = family == "sin" || family == "sigmoid" || family == "gelu";
  for (DType t : transcendental ? float_types : numeric_types)
    for (const Shape& s : {Shape{1, 19}, Shape{3, 17}, Shape{16, 33}}) {
      if (binary)
        cases.add({{"A", t, s}, {"B", t, s}}, {"C", t, s});
      else
        cases.add({{"A", t, s}}, {"C", t, s});
    }
  if (binary)
    cases.add({{"A", DType::f32, {2, 3, 5}}, {"B", DType::f32, {2, 3, 5}}},
              {"C", DType::f32, {2, 3, 5}});
  else
    cases.add({{"A", DType::f32, {129}}}, {"C", DType::f32, {129}});
}

void reduction(CaseList& cases, const std::string& family) {
  const bool softmax = family == "softmax";
  const bool floats_only = softmax || family == "mean";
  for (DType t :
       floats_only ? float_types
                   : std::vector<DType>{DType::f32, DType::f16, DType::bf16, DType::i32, DType::i8})
    for (const Shape& s : {Shape{1, 7}, Shape{5, 17}, Shape{9, 130}}) {
      const DType out = spec::is_float(t) ? t : DType::i32;
      cases.add({{"A", t, s}}, {"C", out, softmax ? s : Shape{s[0]}});
    }
  // Other axes and ranks, f32.
  cases.add({{"A", DType::f32, {4, 6, 5}}},
            {"C", DType::f32, softmax ? Shape{4, 6, 5} : Shape{6, 5}}, {{"axis", 0}});
  cases.add({{"A", DType::f32, {4, 6, 5}}},
            {"C", DType::f32, softmax ? Shape{4, 6, 5} : Shape{4, 5}}, {{"axis", -2}});
  if (!softmax)
    cases.add({{"A", DType::f32, {23}}}, {"C", DType::f32, {}});
}

void linear_algebra(CaseList& cases, const std::string& f) {
  const std::vector<std::array<std::int64_t, 3>> mkn{{1, 1, 1}, {5, 7, 3}, {17, 33, 19}};
  for (const GemmTypes& t : gemm_types) {
    if (f == "gatemlp" && !spec::is_float(t.a))
      continue;
    for (const auto& [m, k, n] : mkn) {
      if (f == "gemm")
        cases.add({{"A", t.a, {m, k}}, {"B", t.b, {k, n}}}, {"C", t.c, {m, n}});
      if (f == "gemv")
        cases.add({{"A", t.a, {m, k}}, {"x", t.b, {k}}}, {"y", t.c, {m}});
      if (f == "bmm")
        cases.add({{"A", t.a, {3, m, k}}, {"B", t.b, {3, k, n}}}, {"C", t.c, {3, m, n}});
      if (f == "dense")
        cases.add({{"X", t.a, {m, k}}, {"W", t.b, {n, k}}, {"bias", t.c, {n}}}, {"Y", t.c, {m, n}});
      if (f == "gatemlp")
        cases.add({{"X", t.a, {m, k}}, {"Wg", t.b, {k, n}}, {"Wu", t.b, {k, n}}},
                  {"Y", t.c, {m, n}});
    }
  }
}

std::int64_t out_extent(std::int64_t size, std::int64_t kernel, std::int64_t stride,
                        std::int64_t pad) {
  return (size + 2 * pad - kernel) / stride + 1;
}

void convolution(CaseList& cases, const std::string& f) {
  struct Geometry {
    std::int64_t n, h, w, c, f, k, stride, pad;
  };
  const std::vector<Geometry> geometries{
      {1, 5, 5, 1, 1, 1, 1, 0}, {2, 9, 7, 3, 5, 3, 1, 0}, {1, 17, 13, 5, 3, 3, 1, 0}};
  for (const GemmTypes& t : gemm_types) {
    for (const Geometry& g : geometries) {
      const std::int64_t oh = out_extent(g.h, g.k, g.stride, g.pad),
                         ow = out_extent(g.w, g.k, g.stride, g.pad);
      if (f == "conv1d")
        cases.add({{"x", t.a, {g.h * g.w}}, {"w", t.b, {g.k + 2}}},
                  {"y", t.c, {g.h * g.w - g.k - 1}});
      if (f == "conv2d")
        cases.add({{"X", t.a, {g.n, g.h, g.w, g.c}}, {"W", t.b, {g.k, g.k, g.c, g.f}}},
                  {"Y", t.c, {g.n, oh, ow, g.f}});
      if (f == "conv2dnchw")
        cases.add({{"X", t.a, {g.n, g.c, g.h, g.w}}, {"W", t.b, {g.f, g.c, g.k, g.k}}},
                  {"Y", t.c, {g.n, g.f, oh, ow}});
      if (f == "depthwiseconv")
        cases.add({{"X", t.a, {g.h, g.w, g.c}}, {"W", t.b, {g.k, g.k, g.c}}},
                  {"Y", t.c, {oh, ow, g.c}});
    }
  }
  if (f == "conv1d")
    return;
  // Stride and padding, f32.
  for (const auto& [stride, pad] :
       std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 0}, {1, 1}, {2, 1}}) {
    const json params{{"stride", stride}, {"padding", pad}};
    const std::int64_t oh = out_extent(9, 3, stride, pad), ow = out_extent(10, 3, stride, pad);
    const DType t = DType::f32;
    if (f == "conv2d")
      cases.add({{"X", t, {1, 9, 10, 3}}, {"W", t, {3, 3, 3, 4}}}, {"Y", t, {1, oh, ow, 4}},
                params);
    if (f == "conv2dnchw")
      cases.add({{"X", t, {1, 3, 9, 10}}, {"W", t, {4, 3, 3, 3}}}, {"Y", t, {1, 4, oh, ow}},
                params);
    if (f == "depthwiseconv")
      cases.add({{"X", t, {9, 10, 3}}, {"W", t, {3, 3, 3}}}, {"Y", t, {oh, ow, 3}}, params);
  }
}

void normalization(CaseList& cases, const std::string& f) {
  for (DType t : float_types) {
    for (const Shape& s : {Shape{1, 1, 1, 3}, Shape{2, 3, 5, 7}, Shape{1, 17, 9, 6}}) {
      if (f == "batchnorm") {
        const Shape c{s[1]};
        cases.add({{"X", t, s}, {"mean", t, c}, {"var", t, c}, {"gamma", t, c}, {"beta", t, c}},
                  {"Y", t, s});
      } else if (f == "instancenorm") {
        cases.add({{"X", t, s}, {"gamma", t, {s[1]}}, {"beta", t, {s[1]}}}, {"Y", t, s});
      } else {
        const Shape row = {s.back() * 3 + 1};
        const Shape x = {s[1], row[0]};
        if (f == "layernorm")
          cases.add({{"X", t, x}, {"gamma", t, row}, {"beta", t, row}}, {"Y", t, x});
        else
          cases.add({{"X", t, x}, {"gamma", t, row}}, {"Y", t, x});
      }
    }
  }
  const json eps{{"eps", 1e-2}};
  const DType t = DType::f32;
  if (f == "layernorm")
    cases.add({{"X", t, {2, 3, 9}}, {"gamma", t, {9}}, {"beta", t, {9}}}, {"Y", t, {2, 3, 9}}, eps);
  if (f == "rmsnorm")
    cases.add({{"X", t, {2, 3, 9}}, {"gamma", t, {9}}}, {"Y", t, {2, 3, 9}}, eps);
  if (f == "batchnorm")
    cases.add({{"X", t, {1, 2, 3, 3}},
               {"mean", t, {2}},
               {"var", t, {2}},
               {"gamma", t, {2}},
               {"beta", t, {2}}},
              {"Y", t, {1, 2, 3, 3}}, eps);
  if (f == "instancenorm")
    cases.add({{"X", t, {1, 2, 3, 3}}, {"gamma", t, {2}}, {"beta", t, {2}}}, {"Y", t, {1, 2, 3, 3}},
              eps);
}

void pooling(CaseList& cases, const std::string& f) {
  std::vector<DType> types = float_types;
  if (f != "avgpool")
    types.insert(types.end(), {DType::i32, DType::u8});
  for (DType t : types)
    for (const Shape& s : {Shape{1, 2, 2, 1}, Shape{2, 9, 7, 3}, Shape{1, 17, 18, 5}})
      cases.add({{"X", t, s}}, {"Y", t, {s[0], s[1] / 2, s[2] / 2, s[3]}});
  cases.add({{"X", DType::f32, {1, 9, 10, 3}}}, {"Y", DType::f32, {1, 4, 4, 3}},
            {{"kernel", 3}, {"stride", 2}});
  cases.add({{"X", DType::f32, {1, 9, 10, 3}}}, {"Y", DType::f32, {1, 3, 3, 3}}, {{"kernel", 3}});
}

void data_movement(CaseList& cases, const std::string& f) {
  for (DType t : movable_types) {
    for (const Shape& s : {Shape{1, 1, 3}, Shape{3, 5, 7}, Shape{17, 2, 9}}) {
      if (f == "transpose")
        cases.add({{"A", t, s}}, {"B", t, {s[2], s[1], s[0]}});
      if (f == "concat")
        cases.add({{"A", t, s}, {"B", t, {s[0] + 2, s[1], s[2]}}},
                  {"C", t, {2 * s[0] + 2, s[1], s[2]}});
      if (f == "gather")
        cases.add({{"A", t, s}, {"idx", DType::i32, {s[0] + 3}}}, {"C", t, {s[0] + 3, s[1], s[2]}});
      if (f == "scatter") {
        const std::int64_t m = (s[0] + 1) / 2;
        cases.add({{"A", t, s}, {"idx", DType::i32, {m}}, {"U", t, {m, s[1], s[2]}}}, {"A", t, s});
      }
    }
  }
  const DType t = DType::f32;
  if (f == "transpose") {
    cases.add({{"A", t, {3, 5, 7}}}, {"B", t, {5, 7, 3}}, {{"perm", {1, 2, 0}}});
    cases.add({{"A", t, {2, 3, 4, 5}}}, {"B", t, {2, 4, 3, 5}}, {{"perm", {0, 2, 1, 3}}});
  }
  if (f == "concat") {
    cases.add({{"A", t, {3, 5, 7}}, {"B", t, {3, 2, 7}}}, {"C", t, {3, 7, 7}}, {{"axis", 1}});
    cases.add({{"A", t, {3, 5, 7}}, {"B", t, {3, 5, 9}}}, {"C", t, {3, 5, 16}}, {{"axis", -1}});
  }
  if (f == "gather")
    cases.add({{"A", t, {9}}, {"idx", DType::i32, {20}}}, {"C", t, {20}});
  if (f == "scatter")
    cases.add({{"A", t, {9}}, {"idx", DType::i32, {9}}, {"U", t, {9}}}, {"A", t, {9}});
}

void attention(CaseList& cases, const std::string& f) {
  for (DType t : float_types) {
    for (const Shape& s : {Shape{1, 1, 1, 1}, Shape{2, 7, 3, 5}, Shape{1, 19, 2, 17}}) {
      if (f == "mha")
        cases.add({{"Q", t, s}, {"K", t, s}, {"V", t, s}}, {"O", t, s});
      if (f == "gqa") {
        const Shape q{s[0], s[2] * 2, s[1], s[3]}, kv{s[0], s[2], s[1], s[3]};
        cases.add({{"Q", t, q}, {"K", t, kv}, {"V", t, kv}}, {"O", t, q});
      }
    }
  }
  if (f == "gqa") {
    const DType t = DType::f32;
    cases.add({{"Q", t, {1, 6, 5, 3}}, {"K", t, {1, 3, 5, 3}}, {"V", t, {1, 3, 5, 3}}},
              {"O", t, {1, 6, 5, 3}});
  }
}

void deformable(CaseList& cases) {
  struct Geometry {
    std::int64_t b, s, h, d, levels, q, points;
  };
  for (DType t : float_types)
    for (const Geometry& g : {Geometry{1, 1, 1, 1, 1, 1, 1}, Geometry{2, 30, 2, 5, 2, 3, 4},
                              Geometry{1, 85, 3, 9, 3, 7, 2}})
      cases.add({{"value", t, {g.b, g.s, g.h, g.d}},
                 {"shapes", DType::i32, {g.levels, 2}},
                 {"starts", DType::i32, {g.levels}},
                 {"loc", t, {g.b, g.q, g.h, g.levels, g.points, 2}},
                 {"attn", t, {g.b, g.q, g.h, g.levels, g.points}}},
                {"out", t, {g.b, g.q, g.h * g.d}});
  const DType t = DType::f32;
  cases.add({{"value", t, {1, 21, 2, 3}},
             {"shapes", DType::i32, {2, 2}},
             {"starts", DType::i32, {2}},
             {"loc", t, {1, 4, 2, 2, 3, 2}},
             {"attn", t, {1, 4, 2, 2, 3}}},
            {"out", t, {1, 4, 6}}, {{"levels", {{4, 4}, {1, 5}}}});
}

} // namespace

std::vector<spec::Spec> reference_cases(const std::string& family) {
  CaseList cases(family);
  switch (spec::find_family(family)->kind) {
  case spec::FamilyKind::elementwise_binary:
  case spec::FamilyKind::elementwise_unary:
    elementwise(cases, family);
    break;
  case spec::FamilyKind::reduction:
  case spec::FamilyKind::softmax:
    reduction(cases, family);
    break;
  case spec::FamilyKind::linear_algebra:
    linear_algebra(cases, family);
    break;
  case spec::FamilyKind::convolution:
    convolution(cases, family);
    break;
  case spec::FamilyKind::normalization:
    normalization(cases, family);
    break;
  case spec::FamilyKind::pooling:
    pooling(cases, family);
    break;
  case spec::FamilyKind::data_movement:
    data_movement(cases, family);
    break;
  case spec::FamilyKind::attention:
    if (family == "deformable")
      deformable(cases);
    else
      attention(cases, family);
    break;
  }
  return cases.take();
}

} // namespace xir::reference::testing
