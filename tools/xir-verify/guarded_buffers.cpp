#include "guarded_buffers.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <new>

namespace xir::verify {
namespace {

std::byte canary(std::size_t offset) {
  return static_cast<std::byte>(0xa5 ^ (offset * 29 & 0xff));
}

std::size_t page_round(std::size_t bytes) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return (bytes + page - 1) / page * page;
}

} // namespace

GuardedBuffer::GuardedBuffer(std::string name, const spec::HostTensor& initial)
    : name_(std::move(name)), size_(initial.bytes.size()) {
  layout_.dtype = initial.dtype;
  layout_.shape = initial.shape;
  // [guard page][data, page-aligned start][canary tail of guard_bytes, then the page's rest]
  mapping_size_ = page_round(guard_bytes) + page_round(size_ + guard_bytes);
  void* mapping =
      mmap(nullptr, mapping_size_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED)
    throw std::bad_alloc();
  mapping_ = static_cast<std::byte*>(mapping);
  data_ = mapping_ + page_round(guard_bytes);
  for (std::size_t i = 0; i < mapping_size_; ++i)
    mapping_[i] = canary(i);
  std::memcpy(data_, initial.bytes.data(), size_);
}

GuardedBuffer::~GuardedBuffer() {
  munmap(mapping_, mapping_size_);
}

spec::HostTensor GuardedBuffer::contents() const {
  spec::HostTensor tensor = layout_;
  tensor.bytes.assign(data_, data_ + size_);
  return tensor;
}

std::string GuardedBuffer::damaged_guards() const {
  const std::size_t data_offset = static_cast<std::size_t>(data_ - mapping_);
  std::size_t first_before = 0, count_before = 0;
  for (std::size_t i = 0; i < data_offset; ++i)
    if (mapping_[i] != canary(i)) {
      if (!count_before++)
        first_before = i;
    }
  std::size_t first_after = 0, count_after = 0;
  for (std::size_t i = data_offset + size_; i < mapping_size_; ++i)
    if (mapping_[i] != canary(i)) {
      if (!count_after++)
        first_after = i;
    }
  std::string damage;
  if (count_before)
    damage += "out-of-bounds write before '" + name_ + "': " + std::to_string(count_before) +
              " byte(s) changed, the first at byte offset -" +
              std::to_string(data_offset - first_before);
  if (count_after)
    damage += std::string(damage.empty() ? "" : "; ") + "out-of-bounds write past the end of '" +
              name_ + "': " + std::to_string(count_after) +
              " byte(s) changed, the first at byte offset +" +
              std::to_string(first_after - data_offset - size_) + " after its " +
              std::to_string(size_) + " bytes";
  return damage;
}

} // namespace xir::verify
