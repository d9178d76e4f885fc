// Device memory of the CPU runtimes: every allocation sits between two guard zones filled with a
// known pattern, so a kernel writing past either end is reported when the zones are checked (at
// free, memcpy and synchronize) instead of silently corrupting a neighbour.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace xir::runtime {

class GuardedHeap {
public:
  static constexpr std::size_t guard_bytes = 256;  // also the alignment of returned pointers
  static constexpr unsigned char guard_pattern = 0xA5;
  static constexpr unsigned char fresh_pattern = 0xFF; // new memory reads as NaN / -1, never as 0

  struct Block {
    std::uintptr_t begin = 0; // first user byte
    std::size_t bytes = 0;
  };

  ~GuardedHeap();

  // Null when out of memory.
  void *allocate(std::size_t bytes);
  // Checks the allocation's guards (appending reports) and frees it; false if `p` is not the start
  // of a live allocation.
  bool release(void *p, std::vector<std::string> &reports);
  // The live allocation containing [p, p + bytes), if any.
  bool find(const void *p, std::size_t bytes, Block &block) const;
  // Whether p points into any live allocation.
  bool contains(const void *p) const;
  // Scans every guard zone; each corrupted zone is reported once (then repaired).
  std::vector<std::string> check_guards(const char *where);
  // Frees everything (device reset).
  void clear();

private:
  void check_block(const Block &block, const char *where, std::vector<std::string> &reports);
  mutable std::mutex mutex_;
  std::map<std::uintptr_t, Block> blocks_; // keyed by begin
};

} // namespace xir::runtime
