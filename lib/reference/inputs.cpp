#include <algorithm>
#include <numeric>
#include <random>

#include "xir/reference/reference.hpp"
#include "xir/spec/validate.hpp"

namespace xir::reference {
namespace {

using spec::DType;
using spec::HostTensor;
using spec::TensorDesc;

// A portable uniform generator: std::uniform_*_distribution differ between standard libraries.
class Random {
public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform(double low, double high) {
    return low + (high - low) * static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  }
  std::int64_t below(std::int64_t bound) {
    return static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(bound));
  }

private:
  std::mt19937_64 engine_;
};

void fill_uniform(HostTensor& tensor, Random& random, double low, double high) {
  for (std::int64_t i = 0; i < tensor.element_count(); ++i)
    tensor.set(i, random.uniform(low, high));
}

// Small integers keep integer accumulations exact and overflow-free: u8 in [0, 16), i8 in [-8, 8).
void fill_integers(HostTensor& tensor, Random& random) {
  const bool is_bool = tensor.dtype == DType::boolean;
  const std::int64_t low = is_bool || !spec::is_signed_integer(tensor.dtype) ? 0 : -8;
  const std::int64_t span = is_bool ? 2 : 16;
  for (std::int64_t i = 0; i < tensor.element_count(); ++i)
    tensor.set_integer(i, low + random.below(span));
}

void fill_default(const spec::Spec& spec, const TensorDesc& desc, HostTensor& tensor,
                  Random& random) {
  if (!spec::is_float(desc.dtype))
    return fill_integers(tensor, random);
  if (spec.family == "sin")
    return fill_uniform(tensor, random, -4, 4);
  if (spec.family == "batchnorm" && desc.name == "var")
    return fill_uniform(tensor, random, 0.5, 1.5);
  if (spec.family == "deformable" && desc.name == "loc")
    return fill_uniform(tensor, random, -0.1, 1.1);
  if (spec.family == "deformable" && desc.name == "attn")
    return fill_uniform(tensor, random, 0, 1);
  fill_uniform(tensor, random, -1, 1);
}

void fill_gather_indices(HostTensor& idx, std::int64_t rows, Random& random) {
  for (std::int64_t i = 0; i < idx.element_count(); ++i)
    idx.set_integer(i, random.below(rows));
}

// Distinct indices: a prefix of a seeded Fisher-Yates shuffle of 0..rows-1.
void fill_scatter_indices(HostTensor& idx, std::int64_t rows, Random& random) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(rows));
  std::iota(order.begin(), order.end(), 0);
  for (std::int64_t i = rows - 1; i > 0; --i)
    std::swap(order[i], order[random.below(i + 1)]);
  for (std::int64_t i = 0; i < idx.element_count(); ++i)
    idx.set_integer(i, order[i]);
}

void fill_deformable_levels(const spec::Spec& spec, HostTensor& tensor, bool starts) {
  const auto levels = spec::deformable_levels(spec);
  std::int64_t offset = 0;
  for (std::size_t level = 0; level < levels.size(); ++level) {
    const auto [height, width] = levels[level];
    if (starts) {
      tensor.set_integer(static_cast<std::int64_t>(level), offset);
    } else {
      tensor.set_integer(static_cast<std::int64_t>(2 * level), height);
      tensor.set_integer(static_cast<std::int64_t>(2 * level + 1), width);
    }
    offset += height * width;
  }
}

} // namespace

std::vector<HostTensor> make_inputs(const spec::Spec& spec, std::uint64_t seed) {
  std::vector<HostTensor> inputs;
  for (std::size_t position = 0; position < spec.inputs.size(); ++position) {
    const TensorDesc& desc = spec.inputs[position];
    HostTensor tensor = HostTensor::zeros(desc.dtype, desc.shape);
    Random random(seed * 0x9e3779b97f4a7c15ull + position + 1);
    const std::int64_t rows = spec.find_input("A") ? spec.find_input("A")->shape.front() : 1;
    if (desc.name == "idx" && spec.family == "gather") {
      fill_gather_indices(tensor, rows, random);
    } else if (desc.name == "idx" && spec.family == "scatter") {
      fill_scatter_indices(tensor, rows, random);
    } else if (spec.family == "deformable" && (desc.name == "shapes" || desc.name == "starts")) {
      fill_deformable_levels(spec, tensor, desc.name == "starts");
    } else {
      fill_default(spec, desc, tensor, random);
    }
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

} // namespace xir::reference
