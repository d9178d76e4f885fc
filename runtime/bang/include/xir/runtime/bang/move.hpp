// __bang_move: NRAM-to-NRAM copy on the Compute pipeline (DIALECTS.md 1.4), 1-D in bytes and
// 2-D (size, dst_stride, src_stride, segnum: segnum + 1 segments). 2xx: sizes multiple of 128,
// addresses 64-byte aligned.
#pragma once

#include <cstring>

#include "memcpy.hpp"

namespace xir::bang {

struct BangMove {
  static constexpr const char* name = "__bang_move";

  static void run(SourceLoc loc, void* dst, const void* src, unsigned size) {
    run(loc, dst, src, size, size, static_cast<int>(size), 0);
  }

  static void run(SourceLoc loc, void* dst, const void* src, unsigned size, unsigned dst_stride,
                  int src_stride, unsigned segnum) {
    if (!runs_on_this_core(name))
      return;
    require_positive_count(loc, name, size);
    if (dst_stride < size)
      fail(loc, name, "dst_stride is smaller than the segment size");
    const SegmentWalk dst_walk{static_cast<std::int64_t>(dst_stride), 0, std::uint64_t{segnum} + 1,
                               1};
    const SegmentWalk src_walk{src_stride, 0, std::uint64_t{segnum} + 1, 1};
    const CopyRequest request{name,     dst, src,   size, NRAM2NRAM, dst_walk,
                              src_walk, 2,   false, 0,    false};
    check_copy_side(loc, request, "dst", dst, Space::nram, dst_walk);
    check_copy_side(loc, request, "src", src, Space::nram, src_walk);
    if (is_2xx) {
      require_multiple(loc, name, "size", size, 128,
                       "2xx __bang_move sizes are multiples of 128 bytes");
      require_aligned(loc, name, "dst", dst, 64, "2xx __bang_move addresses are 64-byte aligned");
      require_aligned(loc, name, "src", src, 64, "2xx __bang_move addresses are 64-byte aligned");
    }
    perform_copy(request, static_cast<std::byte*>(dst));
  }
};

} // namespace xir::bang
