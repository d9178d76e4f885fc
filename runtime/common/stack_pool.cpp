#include "stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace xir::runtime {
namespace {

std::size_t page_bytes() {
  static const std::size_t bytes = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return bytes;
}

std::size_t round_up(std::size_t value, std::size_t unit) { return (value + unit - 1) / unit * unit; }

struct Pool {
  std::mutex mutex;
  std::vector<std::unique_ptr<StackRegion>> idle;
};

Pool &pool() {
  static Pool instance;
  return instance;
}

} // namespace

StackRegion::StackRegion(std::size_t count, std::size_t stack_bytes)
    : count_(count), stack_bytes_(round_up(stack_bytes, page_bytes())),
      slot_bytes_(stack_bytes_ + page_bytes()) {
  void *memory = mmap(nullptr, slot_bytes_ * count_, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) throw std::bad_alloc();
  base_ = static_cast<char *>(memory);
  for (std::size_t i = 0; i < count_; ++i) mprotect(base_ + i * slot_bytes_, page_bytes(), PROT_NONE);
}

StackRegion::~StackRegion() { munmap(base_, slot_bytes_ * count_); }

// Stack tops are staggered by a cache line per stack ("colouring"): page-aligned tops would all map
// to the same L1 sets, and a block's fibers, touched one after another at every barrier, would
// evict each other on every switch.
void *StackRegion::stack_top(std::size_t i) const { return base_ + (i + 1) * slot_bytes_ - (i % 64) * 64; }

StackRegion *acquire_stack_region(std::size_t count, std::size_t stack_bytes) {
  Pool &p = pool();
  {
    std::lock_guard lock(p.mutex);
    for (auto it = p.idle.begin(); it != p.idle.end(); ++it) {
      if ((*it)->count() >= count && (*it)->stack_bytes() >= stack_bytes) {
        StackRegion *region = it->release();
        p.idle.erase(it);
        return region;
      }
    }
  }
  // Regions are sized for the largest block (1024 threads) so they serve every later launch.
  return new StackRegion(count < 1024 ? 1024 : count, stack_bytes);
}

void release_stack_region(StackRegion *region) {
  Pool &p = pool();
  std::lock_guard lock(p.mutex);
  p.idle.emplace_back(region);
}

} // namespace xir::runtime
