// On-chip memory spaces. Every MLU core (and MPU) owns an NRAM and a WRAM arena, every cluster
// an SRAM arena; `__nram__`/`__wram__`/`__mlu_shared__` declarations become allocations in the
// arena of the running task (see bang_prepass.hpp), so an intrinsic can check that its operands
// lie in the space it requires, and a kernel that declares more than the capacity is reported.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "arch.hpp"

namespace xir::bang {

enum class Space { gdram, ldram, sram, nram, wram };

inline const char* space_name(Space space) {
  switch (space) {
  case Space::gdram:
    return "GDRAM";
  case Space::ldram:
    return "LDRAM";
  case Space::sram:
    return "SRAM";
  case Space::nram:
    return "NRAM";
  case Space::wram:
    return "WRAM";
  }
  return "?";
}

inline const char* space_qualifier(Space space) {
  return space == Space::nram ? "__nram__" : space == Space::wram ? "__wram__" : "__mlu_shared__";
}

inline std::size_t space_capacity(Space space) {
  return space == Space::nram   ? nram_capacity_bytes
         : space == Space::wram ? wram_capacity_bytes
                                : sram_capacity_bytes;
}

// One on-chip memory: `capacity` bytes of zero-filled, lazily committed pages, and the static
// declarations placed in it so far (each site keeps its storage for the whole task).
class Arena {
public:
  explicit Arena(Space space) : space_(space), capacity_(space_capacity(space)) {
    void* memory =
        mmap(nullptr, capacity_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
      throw std::bad_alloc();
    base_ = static_cast<std::byte*>(memory);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() { munmap(base_, capacity_); }

  Space space() const { return space_; }
  std::byte* base() const { return base_; }
  std::size_t capacity() const { return capacity_; }
  std::size_t used() const { return used_; }

  bool contains(const void* pointer, std::size_t bytes) const {
    const auto address = reinterpret_cast<std::uintptr_t>(pointer);
    const auto begin = reinterpret_cast<std::uintptr_t>(base_);
    return address >= begin && address <= begin + capacity_ && bytes <= begin + capacity_ - address;
  }
  bool contains_address(const void* pointer) const {
    const auto address = reinterpret_cast<std::uintptr_t>(pointer);
    const auto begin = reinterpret_cast<std::uintptr_t>(base_);
    return address >= begin && address < begin + capacity_;
  }

  // Storage of the declaration identified by `site_tag` (numbered `site_number` in its file);
  // nullptr when it does not fit.
  std::byte* place(const void* site_tag, unsigned site_number, std::size_t bytes,
                   std::size_t alignment) {
    if (site_number < by_number_.size() && by_number_[site_number].first == site_tag)
      return by_number_[site_number].second;
    std::byte* storage = nullptr;
    if (auto found = placed_.find(site_tag); found != placed_.end()) {
      storage = base_ + found->second;
    } else {
      const std::size_t offset = (used_ + alignment - 1) / alignment * alignment;
      if (offset > capacity_ || bytes > capacity_ - offset)
        return nullptr;
      placed_.emplace(site_tag, offset);
      used_ = offset + bytes;
      storage = base_ + offset;
    }
    if (site_number >= by_number_.size())
      by_number_.resize(site_number + 1, {nullptr, nullptr});
    by_number_[site_number] = {site_tag, storage};
    return storage;
  }

  // A new task starts on this core: declarations are placed afresh (contents stay, like hardware).
  void forget_declarations() {
    placed_.clear();
    by_number_.clear();
    used_ = 0;
  }

private:
  Space space_;
  std::size_t capacity_;
  std::byte* base_ = nullptr;
  std::size_t used_ = 0;
  std::map<const void*, std::size_t> placed_;
  std::vector<std::pair<const void*, std::byte*>> by_number_; // fast path for repeated lookups
};

} // namespace xir::bang
