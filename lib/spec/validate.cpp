#include "xir/spec/validate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "xir/spec/families.hpp"
#include "xir/spec/host_tensor.hpp"

namespace xir::spec {
namespace {

using Shape = std::vector<std::int64_t>;

std::string join(const std::vector<std::string_view>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + std::string(names[i]);
  return text;
}

// Checks one spec; every failure throws with `origin: error: family 'f': ...`.
class Checker {
 public:
  Checker(const Spec& spec, const std::string& origin) : spec_(spec), origin_(origin) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw SpecError(origin_ + ": error: family '" + spec_.family + "': " + message);
  }

  const TensorDesc& in(std::string_view name) const { return *spec_.find_input(name); }
  const TensorDesc& out() const { return spec_.outputs.front(); }

  void rank(const TensorDesc& t, std::size_t expected, const char* layout) const {
    if (t.shape.size() != expected)
      fail("tensor '" + t.name + "' must have rank " + std::to_string(expected) + " (" + layout + "), got shape " +
           shape_to_string(t.shape));
  }
  void min_rank(const TensorDesc& t, std::size_t minimum) const {
    if (t.shape.size() < minimum)
      fail("tensor '" + t.name + "' must have rank >= " + std::to_string(minimum) + ", got shape " +
           shape_to_string(t.shape));
  }
  void shape_is(const TensorDesc& t, const Shape& expected, const std::string& why = "") const {
    if (t.shape != expected)
      fail("tensor '" + t.name + "' has shape " + shape_to_string(t.shape) + " but the definition gives " +
           shape_to_string(expected) + (why.empty() ? "" : " (" + why + ")"));
  }
  void equal(std::int64_t a, std::int64_t b, const std::string& what) const {
    if (a != b) fail("inconsistent shapes: " + what + " (" + std::to_string(a) + " vs " + std::to_string(b) + ")");
  }

  void float_dtype(const TensorDesc& t) const {
    if (!is_float(t.dtype))
      fail("tensor '" + t.name + "' must have a float dtype (f16, bf16, f32, f64), got " +
           std::string(dtype_name(t.dtype)));
  }
  void numeric_dtype(const TensorDesc& t) const {
    if (t.dtype == DType::boolean) fail("tensor '" + t.name + "' must be numeric, got bool");
  }
  void index_dtype(const TensorDesc& t) const {
    if (t.dtype != DType::i32 && t.dtype != DType::i64)
      fail("index tensor '" + t.name + "' must be i32 or i64, got " + std::string(dtype_name(t.dtype)));
  }
  void same_dtype(const TensorDesc& a, const TensorDesc& b) const {
    if (a.dtype != b.dtype)
      fail("tensors '" + a.name + "' and '" + b.name + "' must have the same dtype (" +
           std::string(dtype_name(a.dtype)) + " vs " + std::string(dtype_name(b.dtype)) + ")");
  }
  // Same float/integer class: a float input reduces to a float output, an integer one to an integer.
  void same_class(const TensorDesc& a, const TensorDesc& b) const {
    if (is_float(a.dtype) != is_float(b.dtype))
      fail("tensors '" + a.name + "' (" + std::string(dtype_name(a.dtype)) + ") and '" + b.name + "' (" +
           std::string(dtype_name(b.dtype)) + ") must both be float or both be integer");
  }
  // GEMM-like dtypes: float inputs with a float output, or integer inputs with an i32/i64 output.
  void gemm_dtypes(const std::vector<std::string_view>& operands) const {
    const bool float_inputs = is_float(in(operands.front()).dtype);
    for (std::string_view name : operands) {
      const TensorDesc& t = in(name);
      numeric_dtype(t);
      if (is_float(t.dtype) != float_inputs)
        fail("operands must all be float or all be integer ('" + t.name + "' is " + std::string(dtype_name(t.dtype)) +
             ")");
    }
    if (float_inputs) {
      float_dtype(out());
    } else if (out().dtype != DType::i32 && out().dtype != DType::i64) {
      fail("integer operands accumulate into an i32 or i64 output, got " + std::string(dtype_name(out().dtype)));
    }
  }

  void allowed_params(std::initializer_list<std::string_view> names) const {
    for (const auto& [key, value] : spec_.params.items())
      if (std::find(names.begin(), names.end(), key) == names.end())
        fail("unknown parameter '" + key + "'" +
             (names.size() ? " (allowed: " + join(std::vector<std::string_view>(names)) + ")" : ""));
  }
  std::int64_t positive_param(const std::string& name, std::int64_t fallback) const {
    const std::int64_t value = int_param(name, fallback);
    if (value <= 0) fail("parameter '" + name + "' must be positive, got " + std::to_string(value));
    return value;
  }
  std::int64_t int_param(const std::string& name, std::int64_t fallback) const {
    try {
      return spec_.int_param(name, fallback);
    } catch (const SpecError&) {
      fail("parameter '" + name + "' must be an integer");
    }
  }
  std::int64_t axis_param(std::int64_t rank, std::int64_t fallback) const {
    const std::int64_t axis = int_param("axis", fallback);
    if (axis < -rank || axis >= rank)
      fail("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + rank : axis;
  }

 private:
  const Spec& spec_;
  const std::string& origin_;
};

Shape without_axis(Shape shape, std::int64_t axis) {
  shape.erase(shape.begin() + axis);
  return shape;
}

std::int64_t conv_extent(std::int64_t size, std::int64_t kernel, std::int64_t stride, std::int64_t padding) {
  return (size + 2 * padding - kernel) / stride + 1;
}

void check_tensor_names(const Checker& check, const Spec& spec, const FamilyInfo& family) {
  std::vector<std::string_view> given_inputs, given_outputs;
  for (const TensorDesc& t : spec.inputs) given_inputs.push_back(t.name);
  for (const TensorDesc& t : spec.outputs) given_outputs.push_back(t.name);
  auto same_set = [](std::vector<std::string_view> a, std::vector<std::string_view> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  if (!same_set(given_inputs, family.inputs))
    check.fail("expects inputs (" + join(family.inputs) + "), got (" + join(given_inputs) + ")");
  if (!same_set(given_outputs, family.outputs))
    check.fail("expects outputs (" + join(family.outputs) + "), got (" + join(given_outputs) + ")");
}

void check_args(const Checker& check, const Spec& spec) {
  std::set<std::string> passed;
  for (std::size_t i = 0; i < spec.args.size(); ++i) {
    const Arg& arg = spec.args[i];
    if (arg.kind != Arg::Kind::buffer) continue;
    if (!spec.find_input(arg.buffer) && !spec.find_output(arg.buffer))
      check.fail("args[" + std::to_string(i) + "] passes '" + arg.buffer + "', which is not a tensor of the spec");
    passed.insert(arg.buffer);
  }
  for (const auto* list : {&spec.inputs, &spec.outputs})
    for (const TensorDesc& t : *list)
      if (!passed.count(t.name)) check.fail("tensor '" + t.name + "' is not passed to the entry point in 'args'");
}

void check_elementwise(const Checker& c, const Spec& spec) {
  c.allowed_params({});
  const TensorDesc& a = c.in("A");
  c.min_rank(a, 1);
  c.numeric_dtype(a);
  if (spec.family == "add" || spec.family == "sub") {
    c.shape_is(c.in("B"), a.shape, "same shape as A");
    c.same_dtype(a, c.in("B"));
  }
  c.shape_is(c.out(), a.shape, "same shape as A");
  if (spec.family == "sin" || spec.family == "sigmoid" || spec.family == "gelu") {
    c.float_dtype(a);
    c.float_dtype(c.out());
  } else {
    c.same_dtype(a, c.out());
  }
}

void check_reduction(const Checker& c, const Spec& spec) {
  c.allowed_params({"axis"});
  const TensorDesc& a = c.in("A");
  c.min_rank(a, 1);
  c.numeric_dtype(a);
  const std::int64_t axis = c.axis_param(static_cast<std::int64_t>(a.shape.size()), -1);
  if (spec.family == "softmax") {
    c.float_dtype(a);
    c.float_dtype(c.out());
    c.shape_is(c.out(), a.shape, "same shape as A");
    return;
  }
  if (spec.family == "mean") c.float_dtype(a);
  c.same_class(a, c.out());
  c.shape_is(c.out(), without_axis(a.shape, axis), "A without the reduced axis " + std::to_string(axis));
}

void check_linear_algebra(const Checker& c, const Spec& spec) {
  c.allowed_params({});
  const std::string& f = spec.family;
  if (f == "gemm") {
    const TensorDesc &a = c.in("A"), &b = c.in("B");
    c.rank(a, 2, "M, K");
    c.rank(b, 2, "K, N");
    c.equal(a.shape[1], b.shape[0], "A's K and B's K");
    c.gemm_dtypes({"A", "B"});
    c.shape_is(c.out(), {a.shape[0], b.shape[1]}, "M, N");
  } else if (f == "gemv") {
    const TensorDesc &a = c.in("A"), &x = c.in("x");
    c.rank(a, 2, "M, K");
    c.rank(x, 1, "K");
    c.equal(a.shape[1], x.shape[0], "A's K and x's K");
    c.gemm_dtypes({"A", "x"});
    c.shape_is(c.out(), {a.shape[0]}, "M");
  } else if (f == "bmm") {
    const TensorDesc &a = c.in("A"), &b = c.in("B");
    c.rank(a, 3, "batch, M, K");
    c.rank(b, 3, "batch, K, N");
    c.equal(a.shape[0], b.shape[0], "A's batch and B's batch");
    c.equal(a.shape[2], b.shape[1], "A's K and B's K");
    c.gemm_dtypes({"A", "B"});
    c.shape_is(c.out(), {a.shape[0], a.shape[1], b.shape[2]}, "batch, M, N");
  } else if (f == "dense") {
    const TensorDesc &x = c.in("X"), &w = c.in("W"), &bias = c.in("bias");
    c.rank(x, 2, "M, K");
    c.rank(w, 2, "N, K");
    c.rank(bias, 1, "N");
    c.equal(x.shape[1], w.shape[1], "X's K and W's K");
    c.equal(w.shape[0], bias.shape[0], "W's N and bias's N");
    c.gemm_dtypes({"X", "W", "bias"});
    c.shape_is(c.out(), {x.shape[0], w.shape[0]}, "M, N");
  } else {  // gatemlp
    const TensorDesc &x = c.in("X"), &wg = c.in("Wg"), &wu = c.in("Wu");
    c.rank(x, 2, "M, K");
    c.rank(wg, 2, "K, N");
    c.shape_is(wu, wg.shape, "same shape as Wg");
    c.equal(x.shape[1], wg.shape[0], "X's K and Wg's K");
    for (const TensorDesc* t : {&x, &wg, &wu, &c.out()}) c.float_dtype(*t);
    c.shape_is(c.out(), {x.shape[0], wg.shape[1]}, "M, N");
  }
}

void check_convolution(const Checker& c, const Spec& spec) {
  const std::string& f = spec.family;
  if (f == "conv1d") {
    c.allowed_params({});
    const TensorDesc &x = c.in("x"), &w = c.in("w");
    c.rank(x, 1, "L");
    c.rank(w, 1, "k");
    if (w.shape[0] > x.shape[0]) c.fail("filter length " + std::to_string(w.shape[0]) + " exceeds input length " +
                                        std::to_string(x.shape[0]));
    c.gemm_dtypes({"x", "w"});
    c.shape_is(c.out(), {x.shape[0] - w.shape[0] + 1}, "L - k + 1");
    return;
  }
  c.allowed_params({"stride", "padding"});
  const std::int64_t stride = c.positive_param("stride", 1);
  const std::int64_t padding = c.int_param("padding", 0);
  if (padding < 0) c.fail("parameter 'padding' must not be negative");
  const TensorDesc &x = c.in("X"), &w = c.in("W");
  c.gemm_dtypes({"X", "W"});
  auto output_extent = [&](std::int64_t size, std::int64_t kernel, const char* axis) {
    if (size + 2 * padding < kernel)
      c.fail(std::string("filter is larger than the padded input along ") + axis);
    return conv_extent(size, kernel, stride, padding);
  };
  if (f == "conv2d") {
    c.rank(x, 4, "N, H, W, C");
    c.rank(w, 4, "KH, KW, C, F");
    c.equal(x.shape[3], w.shape[2], "X's C and W's C");
    c.shape_is(c.out(), {x.shape[0], output_extent(x.shape[1], w.shape[0], "H"),
                         output_extent(x.shape[2], w.shape[1], "W"), w.shape[3]}, "N, OH, OW, F");
  } else if (f == "conv2dnchw") {
    c.rank(x, 4, "N, C, H, W");
    c.rank(w, 4, "F, C, KH, KW");
    c.equal(x.shape[1], w.shape[1], "X's C and W's C");
    c.shape_is(c.out(), {x.shape[0], w.shape[0], output_extent(x.shape[2], w.shape[2], "H"),
                         output_extent(x.shape[3], w.shape[3], "W")}, "N, F, OH, OW");
  } else {  // depthwiseconv
    c.rank(x, 3, "H, W, C");
    c.rank(w, 3, "k, k, C");
    c.equal(w.shape[0], w.shape[1], "the filter's two spatial sizes");
    c.equal(x.shape[2], w.shape[2], "X's C and W's C");
    c.shape_is(c.out(), {output_extent(x.shape[0], w.shape[0], "H"), output_extent(x.shape[1], w.shape[1], "W"),
                         x.shape[2]}, "OH, OW, C");
  }
}

void check_normalization(const Checker& c, const Spec& spec) {
  c.allowed_params({"eps"});
  if (spec.params.contains("eps") && (!spec.params["eps"].is_number() || spec.params["eps"].get<double>() <= 0))
    c.fail("parameter 'eps' must be a positive number");
  for (const TensorDesc& t : spec.inputs) c.float_dtype(t);
  c.float_dtype(c.out());
  const TensorDesc& x = c.in("X");
  c.shape_is(c.out(), x.shape, "same shape as X");
  if (spec.family == "batchnorm" || spec.family == "instancenorm") {
    c.rank(x, 4, "N, C, H, W");
    for (const TensorDesc& t : spec.inputs)
      if (t.name != "X") c.shape_is(t, {x.shape[1]}, "C");
  } else {
    c.min_rank(x, 1);
    for (const TensorDesc& t : spec.inputs)
      if (t.name != "X") c.shape_is(t, {x.shape.back()}, "the last axis of X");
  }
}

void check_pooling(const Checker& c, const Spec& spec) {
  c.allowed_params({"kernel", "stride"});
  const PoolParams pool{c.positive_param("kernel", 2), c.positive_param("stride", c.int_param("kernel", 2))};
  const TensorDesc& x = c.in("X");
  c.rank(x, 4, "N, H, W, C");
  c.numeric_dtype(x);
  if (spec.family == "avgpool") c.float_dtype(x);
  c.same_class(x, c.out());
  if (pool.kernel > x.shape[1] || pool.kernel > x.shape[2]) c.fail("pooling window is larger than the input");
  c.shape_is(c.out(), {x.shape[0], (x.shape[1] - pool.kernel) / pool.stride + 1,
                       (x.shape[2] - pool.kernel) / pool.stride + 1, x.shape[3]}, "N, OH, OW, C");
}

void check_data_movement(const Checker& c, const Spec& spec) {
  const std::string& f = spec.family;
  if (f == "transpose") {
    c.allowed_params({"perm"});
    const TensorDesc& a = c.in("A");
    c.min_rank(a, 1);
    const auto rank = static_cast<std::int64_t>(a.shape.size());
    std::vector<std::int64_t> perm;
    try {
      perm = transpose_permutation(spec, rank);
    } catch (const SpecError&) {
      c.fail("parameter 'perm' must be an array of integers");
    }
    std::vector<std::int64_t> sorted = perm, identity(static_cast<std::size_t>(rank));
    std::sort(sorted.begin(), sorted.end());
    std::iota(identity.begin(), identity.end(), 0);
    if (sorted != identity) c.fail("parameter 'perm' must be a permutation of 0.." + std::to_string(rank - 1));
    Shape expected;
    for (std::int64_t axis : perm) expected.push_back(a.shape[static_cast<std::size_t>(axis)]);
    c.same_dtype(a, c.out());
    c.shape_is(c.out(), expected, "B.shape[j] = A.shape[perm[j]]");
  } else if (f == "concat") {
    c.allowed_params({"axis"});
    const TensorDesc &a = c.in("A"), &b = c.in("B");
    c.min_rank(a, 1);
    c.rank(b, a.shape.size(), "same rank as A");
    c.same_dtype(a, b);
    c.same_dtype(a, c.out());
    const std::int64_t axis = c.axis_param(static_cast<std::int64_t>(a.shape.size()), 0);
    Shape expected = a.shape;
    for (std::size_t i = 0; i < a.shape.size(); ++i)
      if (static_cast<std::int64_t>(i) != axis) c.equal(a.shape[i], b.shape[i], "A and B off the concatenation axis");
    expected[static_cast<std::size_t>(axis)] += b.shape[static_cast<std::size_t>(axis)];
    c.shape_is(c.out(), expected, "A and B joined along axis " + std::to_string(axis));
  } else {  // gather, scatter
    c.allowed_params({});
    const TensorDesc &a = c.in("A"), &idx = c.in("idx");
    c.min_rank(a, 1);
    c.rank(idx, 1, "m");
    c.index_dtype(idx);
    Shape rows = a.shape;
    rows[0] = idx.shape[0];
    if (f == "gather") {
      c.same_dtype(a, c.out());
      c.shape_is(c.out(), rows, "m, A.shape[1:]");
    } else {
      if (idx.shape[0] > a.shape[0])
        c.fail("scatter needs distinct indices, so idx's length " + std::to_string(idx.shape[0]) +
               " cannot exceed A's first axis " + std::to_string(a.shape[0]));
      c.shape_is(c.in("U"), rows, "m, A.shape[1:]");
      c.same_dtype(a, c.in("U"));
      c.same_dtype(a, c.out());
      c.shape_is(c.out(), a.shape, "in place: the shape of A");
    }
  }
}

void check_deformable(const Checker& c, const Spec& spec) {
  c.allowed_params({"levels"});
  const TensorDesc &value = c.in("value"), &shapes = c.in("shapes"), &starts = c.in("starts"),
                   &loc = c.in("loc"), &attn = c.in("attn");
  c.rank(value, 4, "b, S, h, d");
  c.rank(shapes, 2, "L, 2");
  c.equal(shapes.shape[1], 2, "shapes' last axis and 2");
  const std::int64_t levels = shapes.shape[0];
  c.shape_is(starts, {levels}, "L");
  c.rank(loc, 6, "b, q, h, L, P, 2");
  const Shape& v = value.shape;
  const Shape& l = loc.shape;
  c.shape_is(loc, {v[0], l[1], v[2], levels, l[4], 2}, "b, q, h, L, P, 2");
  c.shape_is(attn, {v[0], l[1], v[2], levels, l[4]}, "b, q, h, L, P");
  c.index_dtype(shapes);
  c.index_dtype(starts);
  for (const TensorDesc* t : {&value, &loc, &attn, &c.out()}) c.float_dtype(*t);
  c.shape_is(c.out(), {v[0], l[1], v[2] * v[3]}, "b, q, h*d");
  if (levels > v[1]) c.fail("more levels (" + std::to_string(levels) + ") than value positions S");
  std::vector<std::array<std::int64_t, 2>> level_shapes;
  try {
    level_shapes = deformable_levels(spec);
  } catch (const SpecError& error) {
    c.fail(std::string("parameter 'levels': ") + error.what());
  }
  if (static_cast<std::int64_t>(level_shapes.size()) != levels)
    c.fail("parameter 'levels' lists " + std::to_string(level_shapes.size()) + " levels, shapes has " +
           std::to_string(levels));
  std::int64_t positions = 0;
  for (const auto& [h, w] : level_shapes) {
    if (h <= 0 || w <= 0) c.fail("parameter 'levels' has a non-positive size");
    positions += h * w;
  }
  c.equal(positions, v[1], "sum of H_l * W_l and value's S");
}

}  // namespace

void validate_spec(const Spec& spec, const std::string& origin) {
  const FamilyInfo* family = find_family(spec.family);
  if (!family) throw SpecError(origin + ": error: unknown family '" + spec.family + "' (see shared/OPS.md)");
  const Checker check(spec, origin);
  check_tensor_names(check, spec, *family);
  check_args(check, spec);
  switch (family->kind) {
    case FamilyKind::elementwise_binary:
    case FamilyKind::elementwise_unary: check_elementwise(check, spec); break;
    case FamilyKind::reduction:
    case FamilyKind::softmax: check_reduction(check, spec); break;
    case FamilyKind::linear_algebra: check_linear_algebra(check, spec); break;
    case FamilyKind::convolution: check_convolution(check, spec); break;
    case FamilyKind::normalization: check_normalization(check, spec); break;
    case FamilyKind::pooling: check_pooling(check, spec); break;
    case FamilyKind::data_movement: check_data_movement(check, spec); break;
    case FamilyKind::attention:
      if (spec.family == "deformable") {
        check_deformable(check, spec);
      } else {
        check.allowed_params({});
        const TensorDesc &q = check.in("Q"), &k = check.in("K"), &v = check.in("V");
        for (const TensorDesc* t : {&q, &k, &v, &check.out()}) check.float_dtype(*t);
        check.rank(q, 4, spec.family == "mha" ? "b, s, h, d" : "b, hq, s, d");
        check.rank(k, 4, spec.family == "mha" ? "b, s, h, d" : "b, hkv, s, d");
        check.shape_is(v, k.shape, "same shape as K");
        if (spec.family == "mha") {
          check.shape_is(k, q.shape, "same shape as Q");
        } else {
          check.shape_is(k, {q.shape[0], k.shape[1], q.shape[2], q.shape[3]}, "b, hkv, s, d");
          if (q.shape[1] % k.shape[1] != 0)
            check.fail("query heads (" + std::to_string(q.shape[1]) + ") must be a multiple of key/value heads (" +
                       std::to_string(k.shape[1]) + ")");
        }
        check.shape_is(check.out(), q.shape, "same shape as Q");
      }
      break;
  }
}

ConvolutionParams convolution_params(const Spec& spec) {
  return {spec.int_param("stride", 1), spec.int_param("padding", 0)};
}

PoolParams pool_params(const Spec& spec) {
  const std::int64_t kernel = spec.int_param("kernel", 2);
  return {kernel, spec.int_param("stride", kernel)};
}

std::int64_t normalized_axis(const Spec& spec, std::int64_t rank, std::int64_t fallback) {
  const std::int64_t axis = spec.int_param("axis", fallback);
  return axis < 0 ? axis + rank : axis;
}

std::vector<std::int64_t> transpose_permutation(const Spec& spec, std::int64_t rank) {
  std::vector<std::int64_t> perm = spec.int_list_param("perm");
  if (!spec.params.contains("perm"))
    for (std::int64_t axis = rank - 1; axis >= 0; --axis) perm.push_back(axis);
  return perm;
}

double epsilon(const Spec& spec) { return spec.real_param("eps", 1e-5); }

std::vector<std::array<std::int64_t, 2>> deformable_levels(const Spec& spec) {
  std::vector<std::array<std::int64_t, 2>> shapes;
  if (spec.params.contains("levels")) {
    const auto& list = spec.params.at("levels");
    if (!list.is_array()) throw SpecError("must be an array of [H, W] pairs");
    for (const auto& pair : list) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() || !pair[1].is_number_integer())
        throw SpecError("must be an array of [H, W] pairs");
      shapes.push_back({pair[0].get<std::int64_t>(), pair[1].get<std::int64_t>()});
    }
    return shapes;
  }
  // Default: split S as evenly as possible over the L levels; each level is the most square H x W.
  const TensorDesc* value = spec.find_input("value");
  const TensorDesc* levels_tensor = spec.find_input("shapes");
  if (!value || !levels_tensor || value->shape.size() != 4 || levels_tensor->shape.empty()) return shapes;
  const std::int64_t positions = value->shape[1], levels = levels_tensor->shape[0];
  for (std::int64_t level = 0; level < levels; ++level) {
    const std::int64_t count = positions / levels + (level < positions % levels ? 1 : 0);
    std::int64_t height = 1;
    for (std::int64_t h = 1; h * h <= count; ++h)
      if (count % h == 0) height = h;
    shapes.push_back({height, count / height});
  }
  return shapes;
}

}  // namespace xir::spec
