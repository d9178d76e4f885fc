#include "xir/interp/host_buffer.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include "element.hpp"
#include "xir/interp/numeric.hpp"

namespace xir::interp {

HostBuffer::HostBuffer(Type dtype, std::vector<std::int64_t> shape)
    : dtype_(dtype), shape_(std::move(shape)) {
  if (!dtype.is_scalar())
    throw std::invalid_argument("HostBuffer: element type must be scalar");
  for (std::int64_t e : shape_)
    if (e < 0)
      throw std::invalid_argument("HostBuffer: negative extent");
  bytes_.assign(static_cast<std::size_t>(element_count() * dtype.bytes()), std::byte{0});
}

std::int64_t HostBuffer::element_count() const {
  std::int64_t n = 1;
  for (std::int64_t e : shape_)
    n *= e;
  return n;
}

void HostBuffer::check_flat(std::int64_t flat) const {
  if (flat < 0 || flat >= element_count())
    throw std::out_of_range("HostBuffer: element " + std::to_string(flat) + " outside [0, " +
                            std::to_string(element_count()) + ")");
}

double HostBuffer::get(std::int64_t flat) const {
  check_flat(flat);
  detail::Lane l = detail::read_element(dtype_.kind, data() + flat * dtype_.bytes());
  return dtype_.is_float() ? l.real : static_cast<double>(l.integer);
}

void HostBuffer::set(std::int64_t flat, double value) {
  check_flat(flat);
  detail::Lane in{0, value};
  detail::write_element(dtype_.kind, data() + flat * dtype_.bytes(),
                        detail::convert_lane(ScalarKind::F64, dtype_.kind, in));
}

std::int64_t HostBuffer::get_int(std::int64_t flat) const {
  check_flat(flat);
  detail::Lane l = detail::read_element(dtype_.kind, data() + flat * dtype_.bytes());
  return dtype_.is_float() ? static_cast<std::int64_t>(l.real) : l.integer;
}

void HostBuffer::set_int(std::int64_t flat, std::int64_t value) {
  check_flat(flat);
  detail::Lane in{value, 0};
  detail::write_element(dtype_.kind, data() + flat * dtype_.bytes(),
                        detail::convert_lane(ScalarKind::I64, dtype_.kind, in));
}

std::uint16_t HostBuffer::bits16(std::int64_t flat) const {
  check_flat(flat);
  if (dtype_.bytes() != 2)
    throw std::invalid_argument("HostBuffer::bits16: elements are not 16-bit");
  std::uint16_t v;
  std::memcpy(&v, data() + flat * 2, 2);
  return v;
}

void HostBuffer::set_bits16(std::int64_t flat, std::uint16_t bits) {
  check_flat(flat);
  if (dtype_.bytes() != 2)
    throw std::invalid_argument("HostBuffer::set_bits16: elements are not 16-bit");
  std::memcpy(data() + flat * 2, &bits, 2);
}

std::int64_t HostBuffer::flat_index(std::initializer_list<std::int64_t> indices) const {
  if (indices.size() != shape_.size())
    throw std::out_of_range("HostBuffer: wrong number of indices");
  std::int64_t flat = 0;
  std::size_t d = 0;
  for (std::int64_t i : indices) {
    if (i < 0 || i >= shape_[d])
      throw std::out_of_range("HostBuffer: index outside the shape");
    flat = flat * shape_[d++] + i;
  }
  return flat;
}

} // namespace xir::interp
