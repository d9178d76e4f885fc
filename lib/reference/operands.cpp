#include <algorithm>

#include "definitions.hpp"

namespace xir::reference {

using spec::DType;

Halide::Type halide_type(DType dtype) {
  switch (dtype) {
  case DType::boolean:
    return Halide::UInt(8); // one byte per element, moved not computed
  case DType::i8:
    return Halide::Int(8);
  case DType::u8:
    return Halide::UInt(8);
  case DType::i16:
    return Halide::Int(16);
  case DType::u16:
    return Halide::UInt(16);
  case DType::i32:
    return Halide::Int(32);
  case DType::u32:
    return Halide::UInt(32);
  case DType::i64:
    return Halide::Int(64);
  case DType::f16:
    return Halide::Float(16);
  case DType::bf16:
    return Halide::BFloat(16);
  case DType::f32:
    return Halide::Float(32);
  case DType::f64:
    return Halide::Float(64);
  }
  return Halide::Float(32);
}

namespace {

Halide::Type compute_type_of(const spec::Spec& spec) {
  auto any = [&](auto predicate) {
    return std::any_of(spec.inputs.begin(), spec.inputs.end(), predicate);
  };
  if (any([](const spec::TensorDesc& t) { return t.dtype == DType::f64; }))
    return Halide::Float(64);
  if (any([](const spec::TensorDesc& t) { return spec::is_float(t.dtype); }))
    return Halide::Float(32);
  if (any([](const spec::TensorDesc& t) { return t.dtype == DType::i64 || t.dtype == DType::u32; }))
    return Halide::Int(64);
  return Halide::Int(32);
}

Index halide_order(const Index& row_major) {
  return Index(row_major.rbegin(), row_major.rend());
}

} // namespace

Operands::Operands(const spec::Spec& spec) : spec_(spec), compute_type_(compute_type_of(spec)) {
  for (const spec::TensorDesc& desc : spec.inputs)
    params_.emplace_back(halide_type(desc.dtype), static_cast<int>(desc.shape.size()), desc.name);
}

const Halide::ImageParam& Operands::param(std::string_view name) const {
  for (std::size_t i = 0; i < spec_.inputs.size(); ++i)
    if (spec_.inputs[i].name == name)
      return params_[i];
  throw spec::SpecError("error: family '" + spec_.family + "' has no input '" + std::string(name) +
                        "'");
}

int Operands::rank(std::string_view name) const {
  return param(name).dimensions();
}

Halide::Expr Operands::extent(std::string_view name, int row_major_axis) const {
  const Halide::ImageParam& p = param(name);
  return p.dim(p.dimensions() - 1 - row_major_axis).extent();
}

Halide::Expr Operands::raw(std::string_view name, const Index& index) const {
  return param(name)(halide_order(index));
}

Halide::Expr Operands::at(std::string_view name, const Index& index) const {
  return Halide::cast(compute_type_, raw(name, index));
}

Halide::Expr Operands::zero_padded(std::string_view name, const Index& index) const {
  const Halide::ImageParam& p = param(name);
  const Halide::Func padded =
      Halide::BoundaryConditions::constant_exterior(p, Halide::cast(p.type(), 0));
  return Halide::cast(compute_type_, padded(halide_order(index)));
}

Halide::Expr Operands::constant(double value) const {
  return Halide::Internal::make_const(compute_type_, value);
}

std::vector<Halide::Var> make_vars(std::size_t count, const std::string& prefix) {
  std::vector<Halide::Var> vars;
  for (std::size_t i = 0; i < count; ++i)
    vars.emplace_back(prefix + std::to_string(i));
  return vars;
}

Index as_index(const std::vector<Halide::Var>& vars) {
  return Index(vars.begin(), vars.end());
}

Halide::Expr call(const Halide::Func& f, const Index& index) {
  return const_cast<Halide::Func&>(f)(halide_order(index));
}

void define(Halide::Func& f, const std::vector<Halide::Var>& vars, const Halide::Expr& value) {
  f(std::vector<Halide::Var>(vars.rbegin(), vars.rend())) = value;
}

} // namespace xir::reference
