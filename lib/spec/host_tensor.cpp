#include "xir/spec/host_tensor.hpp"

#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>

#include "xir/spec/half_float.hpp"

namespace xir::spec {
namespace {

template <typename T> T load(const std::vector<std::byte>& bytes, std::int64_t flat) {
  T value;
  std::memcpy(&value, bytes.data() + flat * static_cast<std::int64_t>(sizeof(T)), sizeof(T));
  return value;
}

template <typename T> void store(std::vector<std::byte>& bytes, std::int64_t flat, T value) {
  std::memcpy(bytes.data() + flat * static_cast<std::int64_t>(sizeof(T)), &value, sizeof(T));
}

// Integer conversion of a double: truncate, then wrap modulo 2^64 (NaN -> 0).
std::int64_t truncate_to_integer(double value) {
  if (std::isnan(value))
    return 0;
  const double truncated = std::trunc(value);
  if (truncated >= 9.2233720368547758e18 || truncated < -9.2233720368547758e18)
    return 0;
  return static_cast<std::int64_t>(truncated);
}

} // namespace

HostTensor HostTensor::zeros(DType dtype, std::vector<std::int64_t> shape) {
  HostTensor tensor;
  tensor.dtype = dtype;
  tensor.shape = std::move(shape);
  tensor.bytes.assign(static_cast<std::size_t>(spec::element_count(tensor.shape)) *
                          dtype_size_bytes(dtype),
                      std::byte{0});
  return tensor;
}

std::int64_t element_count(const std::vector<std::int64_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
}

std::int64_t HostTensor::element_count() const {
  return spec::element_count(shape);
}

double HostTensor::get(std::int64_t flat) const {
  switch (dtype) {
  case DType::boolean:
    return load<std::uint8_t>(bytes, flat) != 0 ? 1.0 : 0.0;
  case DType::i8:
    return load<std::int8_t>(bytes, flat);
  case DType::u8:
    return load<std::uint8_t>(bytes, flat);
  case DType::i16:
    return load<std::int16_t>(bytes, flat);
  case DType::u16:
    return load<std::uint16_t>(bytes, flat);
  case DType::i32:
    return load<std::int32_t>(bytes, flat);
  case DType::u32:
    return load<std::uint32_t>(bytes, flat);
  case DType::i64:
    return static_cast<double>(load<std::int64_t>(bytes, flat));
  case DType::f16:
    return f16_bits_to_float(load<std::uint16_t>(bytes, flat));
  case DType::bf16:
    return bf16_bits_to_float(load<std::uint16_t>(bytes, flat));
  case DType::f32:
    return load<float>(bytes, flat);
  case DType::f64:
    return load<double>(bytes, flat);
  }
  return 0;
}

std::int64_t HostTensor::get_integer(std::int64_t flat) const {
  switch (dtype) {
  case DType::i64:
    return load<std::int64_t>(bytes, flat);
  case DType::f16:
  case DType::bf16:
  case DType::f32:
  case DType::f64:
    return truncate_to_integer(get(flat));
  default:
    return static_cast<std::int64_t>(get(flat));
  }
}

void HostTensor::set(std::int64_t flat, double value) {
  switch (dtype) {
  case DType::f16:
    store(bytes, flat, float_to_f16_bits(static_cast<float>(value)));
    return;
  case DType::bf16:
    store(bytes, flat, float_to_bf16_bits(static_cast<float>(value)));
    return;
  case DType::f32:
    store(bytes, flat, static_cast<float>(value));
    return;
  case DType::f64:
    store(bytes, flat, value);
    return;
  case DType::boolean:
    store<std::uint8_t>(bytes, flat, value != 0 ? 1 : 0);
    return;
  default:
    set_integer(flat, truncate_to_integer(value));
    return;
  }
}

void HostTensor::set_integer(std::int64_t flat, std::int64_t value) {
  const auto wrapped = static_cast<std::uint64_t>(value);
  switch (dtype) {
  case DType::boolean:
    store<std::uint8_t>(bytes, flat, value != 0 ? 1 : 0);
    return;
  case DType::i8:
  case DType::u8:
    store(bytes, flat, static_cast<std::uint8_t>(wrapped));
    return;
  case DType::i16:
  case DType::u16:
    store(bytes, flat, static_cast<std::uint16_t>(wrapped));
    return;
  case DType::i32:
  case DType::u32:
    store(bytes, flat, static_cast<std::uint32_t>(wrapped));
    return;
  case DType::i64:
    store(bytes, flat, value);
    return;
  default:
    set(flat, static_cast<double>(value));
    return;
  }
}

std::string shape_to_string(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string index_to_string(const std::vector<std::int64_t>& shape, std::int64_t flat) {
  std::vector<std::int64_t> index(shape.size());
  for (std::size_t axis = shape.size(); axis-- > 0;) {
    index[axis] = flat % shape[axis];
    flat /= shape[axis];
  }
  return shape_to_string(index);
}

} // namespace xir::spec
