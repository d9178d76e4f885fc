#pragma once
// Internal to xir_reference: the Halide definitions of the families, grouped by kind.
// Definitions are written in row-major index order (outermost first, as in OPS.md); the
// helpers here reverse to Halide's innermost-first dimension order.
#include <string_view>
#include <vector>

#include <Halide.h>

#include "xir/spec/spec.hpp"

namespace xir::reference {

using Index = std::vector<Halide::Expr>; // row-major coordinates

Halide::Type halide_type(spec::DType dtype);

// One ImageParam per spec input, and loads from them in the family's compute type.
class Operands {
public:
  explicit Operands(const spec::Spec& spec);

  const spec::Spec& spec() const { return spec_; }
  // f64 if any input is f64, else f32 if any is float, else i64 if any is i64/u32, else i32.
  Halide::Type compute_type() const { return compute_type_; }
  const std::vector<Halide::ImageParam>& params() const { return params_; }

  const Halide::ImageParam& param(std::string_view name) const;
  int rank(std::string_view name) const;
  Halide::Expr extent(std::string_view name, int row_major_axis) const;
  // Input element converted to the compute type.
  Halide::Expr at(std::string_view name, const Index& index) const;
  // Input element in its own type (data movement, index tensors).
  Halide::Expr raw(std::string_view name, const Index& index) const;
  // Input extended by zeros beyond its bounds (padded convolutions), in the compute type.
  Halide::Expr zero_padded(std::string_view name, const Index& index) const;
  Halide::Expr constant(double value) const;

private:
  const spec::Spec& spec_;
  Halide::Type compute_type_;
  std::vector<Halide::ImageParam> params_;
};

std::vector<Halide::Var> make_vars(std::size_t count, const std::string& prefix);
Index as_index(const std::vector<Halide::Var>& vars);
// f[index] with a row-major index.
Halide::Expr call(const Halide::Func& f, const Index& index);
// f[vars] = value with row-major vars (a pure definition).
void define(Halide::Func& f, const std::vector<Halide::Var>& vars, const Halide::Expr& value);

// Each returns a Func over the output's coordinates; the registry casts it to the output dtype.
Halide::Func define_elementwise(const Operands& in);    // add sub sign sin relu sigmoid gelu
Halide::Func define_reduction(const Operands& in);      // sum mean max min softmax
Halide::Func define_linear_algebra(const Operands& in); // gemm gemv bmm dense gatemlp
Halide::Func define_convolution(const Operands& in);    // conv1d conv2d conv2dnchw depthwiseconv
Halide::Func define_normalization(const Operands& in);  // batchnorm layernorm rmsnorm instancenorm
Halide::Func define_pooling(const Operands& in);        // maxpool minpool avgpool sumpool
Halide::Func define_data_movement(const Operands& in);  // transpose concat gather scatter
Halide::Func define_attention(const Operands& in);      // mha gqa
Halide::Func define_deformable(const Operands& in);     // multi-scale deformable attention

} // namespace xir::reference
