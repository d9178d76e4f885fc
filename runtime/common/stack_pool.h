// Fiber stacks carved from large mmap'd regions that are reused across blocks and launches, each
// with a guard page below it so an overflowing kernel faults instead of corrupting a neighbour.
#pragma once

#include <cstddef>

namespace xir::runtime {

class StackRegion {
public:
  // A region holding `count` stacks of `stack_bytes` usable bytes each (rounded up to pages).
  StackRegion(std::size_t count, std::size_t stack_bytes);
  ~StackRegion();
  StackRegion(const StackRegion &) = delete;
  StackRegion &operator=(const StackRegion &) = delete;

  std::size_t count() const { return count_; }
  std::size_t stack_bytes() const { return stack_bytes_; }
  // Highest address of stack i (stacks grow down).
  void *stack_top(std::size_t i) const;

private:
  std::size_t count_;
  std::size_t stack_bytes_;
  std::size_t slot_bytes_;
  char *base_;
};

// Takes a region with at least `count` stacks of `stack_bytes` from the process-wide pool.
StackRegion *acquire_stack_region(std::size_t count, std::size_t stack_bytes);
void release_stack_region(StackRegion *region);

} // namespace xir::runtime
