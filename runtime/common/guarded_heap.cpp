#include "xir_runtime/guarded_heap.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

namespace xir::runtime {
namespace {

std::size_t padded(std::size_t bytes) { return (bytes + GuardedHeap::guard_bytes - 1) / GuardedHeap::guard_bytes * GuardedHeap::guard_bytes; }

unsigned char *raw_start(std::uintptr_t begin) { return reinterpret_cast<unsigned char *>(begin) - GuardedHeap::guard_bytes; }

} // namespace

GuardedHeap::~GuardedHeap() { clear(); }

void *GuardedHeap::allocate(std::size_t bytes) {
  const std::size_t tail = padded(bytes) - bytes + guard_bytes; // trailing guard covers the padding too
  const std::size_t total = guard_bytes + bytes + tail;
  auto *raw = static_cast<unsigned char *>(std::aligned_alloc(guard_bytes, padded(total)));
  if (!raw) return nullptr;
  std::memset(raw, guard_pattern, guard_bytes);
  std::memset(raw + guard_bytes, fresh_pattern, bytes);
  std::memset(raw + guard_bytes + bytes, guard_pattern, tail);
  Block block{reinterpret_cast<std::uintptr_t>(raw + guard_bytes), bytes};
  std::lock_guard lock(mutex_);
  blocks_[block.begin] = block;
  return raw + guard_bytes;
}

void GuardedHeap::check_block(const Block &block, const char *where, std::vector<std::string> &reports) {
  unsigned char *raw = raw_start(block.begin);
  for (std::size_t i = 0; i < guard_bytes; ++i) {
    if (raw[i] == guard_pattern) continue;
    std::size_t last = i;
    for (std::size_t j = i; j < guard_bytes; ++j)
      if (raw[j] != guard_pattern) last = j;
    std::ostringstream out;
    out << "out-of-bounds write before the start of a " << block.bytes << "-byte device allocation at 0x" << std::hex
        << block.begin << std::dec << " (bytes " << static_cast<long>(i) - static_cast<long>(guard_bytes) << " to "
        << static_cast<long>(last) - static_cast<long>(guard_bytes) << "), detected at " << where;
    reports.push_back(out.str());
    std::memset(raw, guard_pattern, guard_bytes);
    break;
  }
  unsigned char *tail = raw + guard_bytes + block.bytes;
  const std::size_t tail_bytes = padded(block.bytes) - block.bytes + guard_bytes;
  for (std::size_t i = 0; i < tail_bytes; ++i) {
    if (tail[i] == guard_pattern) continue;
    std::size_t last = i;
    for (std::size_t j = i; j < tail_bytes; ++j)
      if (tail[j] != guard_pattern) last = j;
    std::ostringstream out;
    out << "out-of-bounds write past the end of a " << block.bytes << "-byte device allocation at 0x" << std::hex
        << block.begin << std::dec << " (byte offsets " << block.bytes + i << " to " << block.bytes + last
        << "), detected at " << where;
    reports.push_back(out.str());
    std::memset(tail, guard_pattern, tail_bytes);
    break;
  }
}

bool GuardedHeap::release(void *p, std::vector<std::string> &reports) {
  Block block;
  {
    std::lock_guard lock(mutex_);
    auto it = blocks_.find(reinterpret_cast<std::uintptr_t>(p));
    if (it == blocks_.end()) return false;
    block = it->second;
    blocks_.erase(it);
  }
  check_block(block, "free", reports);
  std::free(raw_start(block.begin));
  return true;
}

bool GuardedHeap::find(const void *p, std::size_t bytes, Block &block) const {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  std::lock_guard lock(mutex_);
  auto it = blocks_.upper_bound(address);
  if (it == blocks_.begin()) return false;
  --it;
  if (address < it->second.begin || address + bytes > it->second.begin + it->second.bytes) return false;
  block = it->second;
  return true;
}

bool GuardedHeap::contains(const void *p) const {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  std::lock_guard lock(mutex_);
  auto it = blocks_.upper_bound(address);
  if (it == blocks_.begin()) return false;
  --it;
  return address < it->second.begin + it->second.bytes || (it->second.bytes == 0 && address == it->second.begin);
}

std::vector<std::string> GuardedHeap::check_guards(const char *where) {
  std::vector<std::string> reports;
  std::lock_guard lock(mutex_);
  for (const auto &[begin, block] : blocks_) check_block(block, where, reports);
  return reports;
}

void GuardedHeap::clear() {
  std::lock_guard lock(mutex_);
  for (const auto &[begin, block] : blocks_) std::free(raw_start(block.begin));
  blocks_.clear();
}

} // namespace xir::runtime
