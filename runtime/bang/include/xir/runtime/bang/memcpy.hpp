// __memcpy / __memcpy_async in their 1-D, 2-D and 3-D forms (all sizes and strides in bytes),
// with the direction rules of DIALECTS.md 1.4: which core executes a direction, which spaces its
// operands must lie in, and the WRAM / NRAM2NRAM alignment and size rules.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "operand_checks.hpp"
#include "sram_races.hpp"

#include "memcpy_direction.hpp"

namespace xir::bang {

struct Direction {
  Space source, destination;
};

inline Direction decode_direction(mluMemcpyDirection_t direction) {
  static constexpr Space order[] = {Space::gdram, Space::ldram, Space::sram, Space::nram,
                                    Space::wram};
  const int value = static_cast<int>(direction);
  return {order[value / 5], order[value % 5]};
}

inline std::string direction_name(Direction d) {
  return std::string(space_name(d.source)) + "2" + space_name(d.destination);
}

// The segments of one side of a copy: position k of `count` lies at base + offset(k).
struct SegmentWalk {
  std::int64_t stride0 = 0, stride1 = 0;
  std::uint64_t inner = 1, outer = 1; // segments per row, rows
  std::uint64_t count() const { return inner * outer; }
  std::int64_t offset(std::uint64_t k) const {
    return static_cast<std::int64_t>(k % inner) * stride0 +
           static_cast<std::int64_t>(k / inner) * stride1;
  }
  std::int64_t lowest() const {
    return std::min<std::int64_t>(0, stride0 * std::int64_t(inner - 1)) +
           std::min<std::int64_t>(0, stride1 * std::int64_t(outer - 1));
  }
  std::int64_t highest() const {
    return std::max<std::int64_t>(0, stride0 * std::int64_t(inner - 1)) +
           std::max<std::int64_t>(0, stride1 * std::int64_t(outer - 1));
  }
};

struct CopyRequest {
  const char* function;
  void* dst;
  const void* src;
  std::size_t size;
  mluMemcpyDirection_t direction;
  SegmentWalk dst_walk, src_walk;
  int dims = 1;
  bool has_cluster = false;
  unsigned dst_cluster = 0;
  bool async = false;
};

inline bool runs_on_mpu_only(Direction d) {
  const bool sram_offchip =
      (d.source == Space::sram &&
       (d.destination == Space::gdram || d.destination == Space::ldram)) ||
      (d.destination == Space::sram && (d.source == Space::gdram || d.source == Space::ldram));
  return sram_offchip || (d.source == Space::sram && d.destination == Space::sram);
}

// Checks one side (source or destination) of the copy: space, bounds of every segment.
// (With id_dst_cluster the destination is an address of our SRAM layout, applied to the target's.)
inline void check_copy_side(SourceLoc loc, const CopyRequest& r, const char* role, const void* base,
                            Space space, const SegmentWalk& walk) {
  const auto* start = static_cast<const std::byte*>(base) + walk.lowest();
  const std::size_t extent = static_cast<std::size_t>(walk.highest() - walk.lowest()) + r.size;
  require_space(loc, r.function, role, start, extent, space);
}

inline void check_copy_rules(SourceLoc loc, const CopyRequest& r, Direction d) {
  const bool touches_wram = d.source == Space::wram || d.destination == Space::wram;
  if (d.source == Space::wram && d.destination == Space::wram)
    fail(loc, r.function, "WRAM2WRAM is never a legal direction");
  check_copy_side(loc, r, "dst", r.dst, d.destination, r.dst_walk);
  check_copy_side(loc, r, "src", r.src, d.source, r.src_walk);
  if (r.dims == 3)
    require_arch(loc, r.function, !is_2xx, "the 3-D form needs arch >= 322");
  if (touches_wram) {
    if (d.source == Space::wram)
      require_aligned(loc, r.function, "src", r.src, 8, "WRAM addresses are 8-byte aligned");
    if (d.destination == Space::wram)
      require_aligned(loc, r.function, "dst", r.dst, 8, "WRAM addresses are 8-byte aligned");
    if (r.dims == 1)
      require_multiple(loc, r.function, "size", r.size, is_2xx ? 64 : 16,
                       is_2xx ? "1-D copies to or from WRAM move multiples of 64 bytes on 2xx"
                              : "1-D copies to or from WRAM move multiples of 16 bytes on 3xx/5xx");
    if (r.dims == 2)
      require_multiple(loc, r.function, "dst_stride", static_cast<std::size_t>(r.dst_walk.stride0),
                       8, "2-D copies touching WRAM need a dst_stride multiple of 8 bytes");
    if (r.dims == 3 && d.destination == Space::wram) {
      require_multiple(loc, r.function, "dst_stride0",
                       static_cast<std::size_t>(std::abs(r.dst_walk.stride0)), 8,
                       "3-D copies into WRAM need dst strides multiple of 8 bytes");
      require_multiple(loc, r.function, "dst_stride1",
                       static_cast<std::size_t>(std::abs(r.dst_walk.stride1)), 8,
                       "3-D copies into WRAM need dst strides multiple of 8 bytes");
    }
  }
  if (is_2xx && r.dims == 1 && d.source == Space::nram && d.destination == Space::nram) {
    require_multiple(loc, r.function, "size", r.size, 128,
                     "1-D NRAM2NRAM copies move multiples of 128 bytes on 2xx");
    require_aligned(loc, r.function, "dst", r.dst, 64,
                    "1-D NRAM2NRAM addresses are 64-byte aligned on 2xx");
    require_aligned(loc, r.function, "src", r.src, 64,
                    "1-D NRAM2NRAM addresses are 64-byte aligned on 2xx");
  }
  if (r.dims == 2 && r.dst_walk.stride0 < static_cast<std::int64_t>(r.size))
    fail(loc, r.function,
         "dst_stride " + std::to_string(r.dst_walk.stride0) + " is smaller than the segment size " +
             std::to_string(r.size));
  if (r.dims == 3 && r.dst_walk.count() != r.src_walk.count())
    fail(loc, r.function,
         "the source walks " + std::to_string(r.src_walk.count()) +
             " segments but the destination " + std::to_string(r.dst_walk.count()));
  if (r.has_cluster) {
    if (!(d.source == Space::sram && d.destination == Space::sram))
      fail(loc, r.function, "id_dst_cluster is only meaningful for SRAM2SRAM copies");
    require_arch(loc, r.function, arch < 500, "id_dst_cluster is not supported on 5xx");
    if (!current_group || r.dst_cluster >= current_group->sram.size())
      fail(loc, r.function,
           "id_dst_cluster " + std::to_string(r.dst_cluster) +
               " is not a cluster of this UNION job's group");
  }
}

inline void perform_copy(const CopyRequest& r, std::byte* dst_base) {
  const auto* src_base = static_cast<const std::byte*>(r.src);
  for (std::uint64_t k = 0; k < r.src_walk.count(); ++k)
    std::memmove(dst_base + r.dst_walk.offset(k), src_base + r.src_walk.offset(k), r.size);
}

// Records the SRAM segments one side of the copy touches (adjacent segments merged).
inline void record_sram_side(SourceLoc loc, const CopyRequest& r, const void* base,
                             const SegmentWalk& walk, unsigned cluster, bool write,
                             Participant& p) {
  const auto origin =
      static_cast<std::size_t>(static_cast<const std::byte*>(base) - p.sram->base());
  std::size_t run_begin = 0, run_end = 0;
  for (std::uint64_t k = 0; k < walk.count(); ++k) {
    const std::size_t begin = origin + static_cast<std::size_t>(walk.offset(k)),
                      end = begin + r.size;
    if (k > 0 && begin == run_end) {
      run_end = end;
      continue;
    }
    if (k > 0)
      record_sram_access(loc, r.function, cluster, run_begin, run_end, write);
    run_begin = begin;
    run_end = end;
  }
  record_sram_access(loc, r.function, cluster, run_begin, run_end, write);
}

inline void issue_copy(SourceLoc loc, const CopyRequest& r) {
  Participant& p = current(r.function);
  const Direction d = decode_direction(r.direction);
  const bool sram_involved = d.source == Space::sram || d.destination == Space::sram;
  if (sram_involved && !current_group)
    fail(loc, r.function, direction_name(d) + " in a BLOCK task: SRAM is unusable in BLOCK tasks");
  // UNION jobs: SRAM<->off-chip and SRAM2SRAM run once per cluster on the MPU, the rest on cores.
  if (current_group && runs_on_mpu_only(d) != p.is_mpu)
    return;
  check_copy_rules(loc, r, d);
  if (d.source == Space::sram)
    record_sram_side(loc, r, r.src, r.src_walk, p.cluster_in_union, false, p);
  if (d.destination == Space::sram)
    record_sram_side(loc, r, r.dst, r.dst_walk, r.has_cluster ? r.dst_cluster : p.cluster_in_union,
                     true, p);
  auto* dst_base = static_cast<std::byte*>(r.dst);
  if (r.has_cluster)
    dst_base = current_group->sram[r.dst_cluster]->base() + (dst_base - p.sram->base());
  if (r.async) {
    p.pending_copies.push_back([r, dst_base] { perform_copy(r, dst_base); });
    return;
  }
  perform_copy(r, dst_base);
}

inline CopyRequest copy_1d(const char* function, void* dst, const void* src, unsigned size,
                           mluMemcpyDirection_t direction, bool async) {
  return CopyRequest{function, dst, src, size, direction, {}, {}, 1, false, 0, async};
}

inline CopyRequest copy_2d(const char* function, void* dst, const void* src, unsigned size,
                           mluMemcpyDirection_t direction, unsigned dst_stride, int src_stride,
                           unsigned segnum, bool async) {
  CopyRequest r = copy_1d(function, dst, src, size, direction, async);
  r.dims = 2;
  r.dst_walk = {static_cast<std::int64_t>(dst_stride), 0, std::uint64_t{segnum} + 1, 1};
  r.src_walk = {static_cast<std::int64_t>(src_stride), 0, std::uint64_t{segnum} + 1, 1};
  return r;
}

inline CopyRequest copy_3d(const char* function, void* dst, const void* src, unsigned size,
                           mluMemcpyDirection_t direction, int dst_stride0, unsigned dst_segnum1,
                           int dst_stride1, unsigned dst_segnum2, int src_stride0,
                           unsigned src_segnum1, int src_stride1, unsigned src_segnum2,
                           bool async) {
  CopyRequest r = copy_1d(function, dst, src, size, direction, async);
  r.dims = 3;
  r.dst_walk = {dst_stride0, dst_stride1, std::uint64_t{dst_segnum1} + 1,
                std::uint64_t{dst_segnum2} + 1};
  r.src_walk = {src_stride0, src_stride1, std::uint64_t{src_segnum1} + 1,
                std::uint64_t{src_segnum2} + 1};
  return r;
}

inline CopyRequest with_cluster(CopyRequest r, unsigned id_dst_cluster) {
  r.has_cluster = true;
  r.dst_cluster = id_dst_cluster;
  return r;
}

// Entry points behind the __memcpy / __memcpy_async macros (the overloads differ in arity).
template <bool Async> struct MemcpyCall {
  static constexpr const char* name = Async ? "__memcpy_async" : "__memcpy";
  static void run(SourceLoc loc, void* dst, const void* src, unsigned size,
                  mluMemcpyDirection_t dir) {
    issue_copy(loc, copy_1d(name, dst, src, size, dir, Async));
  }
  static void run(SourceLoc loc, void* dst, const void* src, unsigned size,
                  mluMemcpyDirection_t dir, unsigned id_dst_cluster) {
    issue_copy(loc, with_cluster(copy_1d(name, dst, src, size, dir, Async), id_dst_cluster));
  }
  static void run(SourceLoc loc, void* dst, const void* src, unsigned size,
                  mluMemcpyDirection_t dir, unsigned dst_stride, int src_stride, unsigned segnum) {
    issue_copy(loc, copy_2d(name, dst, src, size, dir, dst_stride, src_stride, segnum, Async));
  }
  static void run(SourceLoc loc, void* dst, const void* src, unsigned size,
                  mluMemcpyDirection_t dir, unsigned dst_stride, int src_stride, unsigned segnum,
                  unsigned id_dst_cluster) {
    issue_copy(
        loc, with_cluster(copy_2d(name, dst, src, size, dir, dst_stride, src_stride, segnum, Async),
                          id_dst_cluster));
  }
  static void run(SourceLoc loc, void* dst, const void* src, unsigned size,
                  mluMemcpyDirection_t dir, int dst_stride0, unsigned dst_segnum1, int dst_stride1,
                  unsigned dst_segnum2, int src_stride0, unsigned src_segnum1, int src_stride1,
                  unsigned src_segnum2) {
    issue_copy(loc,
               copy_3d(name, dst, src, size, dir, dst_stride0, dst_segnum1, dst_stride1,
                       dst_segnum2, src_stride0, src_segnum1, src_stride1, src_segnum2, Async));
  }
  static void run(SourceLoc loc, void* dst, const void* src, unsigned size,
                  mluMemcpyDirection_t dir, int dst_stride0, unsigned dst_segnum1, int dst_stride1,
                  unsigned dst_segnum2, int src_stride0, unsigned src_segnum1, int src_stride1,
                  unsigned src_segnum2, unsigned id_dst_cluster) {
    issue_copy(loc, with_cluster(copy_3d(name, dst, src, size, dir, dst_stride0, dst_segnum1,
                                         dst_stride1, dst_segnum2, src_stride0, src_segnum1,
                                         src_stride1, src_segnum2, Async),
                                 id_dst_cluster));
  }
};

} // namespace xir::bang

#define __memcpy(...) ::xir::bang::MemcpyCall<false>::run(XIR_BANG_HERE, __VA_ARGS__)
#define __memcpy_async(...) ::xir::bang::MemcpyCall<true>::run(XIR_BANG_HERE, __VA_ARGS__)
