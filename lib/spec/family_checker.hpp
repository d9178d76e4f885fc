#pragma once
// Internal to xir_spec: the checks of one spec against its family, with diagnostics that name
// the family, the tensor and the rule.
#include <algorithm>
#include <string>
#include <vector>

#include "xir/spec/host_tensor.hpp"
#include "xir/spec/validate.hpp"

namespace xir::spec::detail {

using Shape = std::vector<std::int64_t>;

inline std::string join(const std::vector<std::string_view>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i ? ", " : "") + std::string(names[i]);
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
      fail("tensor '" + t.name + "' must have rank " + std::to_string(expected) + " (" + layout +
           "), got shape " + shape_to_string(t.shape));
  }
  void min_rank(const TensorDesc& t, std::size_t minimum) const {
    if (t.shape.size() < minimum)
      fail("tensor '" + t.name + "' must have rank >= " + std::to_string(minimum) + ", got shape " +
           shape_to_string(t.shape));
  }
  void shape_is(const TensorDesc& t, const Shape& expected, const std::string& why = "") const {
    if (t.shape != expected)
      fail("tensor '" + t.name + "' has shape " + shape_to_string(t.shape) +
           " but the definition gives " + shape_to_string(expected) +
           (why.empty() ? "" : " (" + why + ")"));
  }
  void equal(std::int64_t a, std::int64_t b, const std::string& what) const {
    if (a != b)
      fail("inconsistent shapes: " + what + " (" + std::to_string(a) + " vs " + std::to_string(b) +
           ")");
  }

  void float_dtype(const TensorDesc& t) const {
    if (!is_float(t.dtype))
      fail("tensor '" + t.name + "' must have a float dtype (f16, bf16, f32, f64), got " +
           std::string(dtype_name(t.dtype)));
  }
  void numeric_dtype(const TensorDesc& t) const {
    if (t.dtype == DType::boolean)
      fail("tensor '" + t.name + "' must be numeric, got bool");
  }
  void index_dtype(const TensorDesc& t) const {
    if (t.dtype != DType::i32 && t.dtype != DType::i64)
      fail("index tensor '" + t.name + "' must be i32 or i64, got " +
           std::string(dtype_name(t.dtype)));
  }
  void same_dtype(const TensorDesc& a, const TensorDesc& b) const {
    if (a.dtype != b.dtype)
      fail("tensors '" + a.name + "' and '" + b.name + "' must have the same dtype (" +
           std::string(dtype_name(a.dtype)) + " vs " + std::string(dtype_name(b.dtype)) + ")");
  }
  // Same float/integer class: a float input reduces to a float output, an integer one to an
  // integer.
  void same_class(const TensorDesc& a, const TensorDesc& b) const {
    if (is_float(a.dtype) != is_float(b.dtype))
      fail("tensors '" + a.name + "' (" + std::string(dtype_name(a.dtype)) + ") and '" + b.name +
           "' (" + std::string(dtype_name(b.dtype)) + ") must both be float or both be integer");
  }
  // GEMM-like dtypes: float inputs with a float output, or integer inputs with an i32/i64 output.
  void gemm_dtypes(const std::vector<std::string_view>& operands) const {
    const bool float_inputs = is_float(in(operands.front()).dtype);
    for (std::string_view name : operands) {
      const TensorDesc& t = in(name);
      numeric_dtype(t);
      if (is_float(t.dtype) != float_inputs)
        fail("operands must all be float or all be integer ('" + t.name + "' is " +
             std::string(dtype_name(t.dtype)) + ")");
    }
    if (float_inputs) {
      float_dtype(out());
    } else if (out().dtype != DType::i32 && out().dtype != DType::i64) {
      fail("integer operands accumulate into an i32 or i64 output, got " +
           std::string(dtype_name(out().dtype)));
    }
  }

  void allowed_params(std::initializer_list<std::string_view> names) const {
    for (const auto& [key, value] : spec_.params.items())
      if (std::find(names.begin(), names.end(), key) == names.end())
        fail(
            "unknown parameter '" + key + "'" +
            (names.size() ? " (allowed: " + join(std::vector<std::string_view>(names)) + ")" : ""));
  }
  std::int64_t positive_param(const std::string& name, std::int64_t fallback) const {
    const std::int64_t value = int_param(name, fallback);
    if (value <= 0)
      fail("parameter '" + name + "' must be positive, got " + std::to_string(value));
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

inline Shape without_axis(Shape shape, std::int64_t axis) {
  shape.erase(shape.begin() + axis);
  return shape;
}

inline std::int64_t conv_extent(std::int64_t size, std::int64_t kernel, std::int64_t stride,
                                std::int64_t padding) {
  return (size + 2 * padding - kernel) / stride + 1;
}

// One function per kind of family; each throws SpecError on the first violation.
void check_elementwise(const Checker& c, const Spec& spec);
void check_reduction(const Checker& c, const Spec& spec);
void check_linear_algebra(const Checker& c, const Spec& spec);
void check_convolution(const Checker& c, const Spec& spec);
void check_normalization(const Checker& c, const Spec& spec);
void check_pooling(const Checker& c, const Spec& spec);
void check_data_movement(const Checker& c, const Spec& spec);
void check_attention(const Checker& c, const Spec& spec);
void check_deformable(const Checker& c, const Spec& spec);

} // namespace xir::spec::detail
