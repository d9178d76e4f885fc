// Barriers and warp / wavefront collectives: __syncthreads family, __syncwarp, shuffles, votes,
// match and reduce. A collective completes once every lane of its mask has arrived, so results
// are exactly those of lanes executing in lockstep.
#pragma once

#include "xir_gpu/kernel_state.h"
#include "xir_runtime/fiber_team.h"

#include <cstdint>

namespace xir::runtime::gpu {

inline void warp_collective(void *lane_data, CombineFn combine, std::uint64_t lane_mask) {
  subgroup_collective(lane_data, combine, lane_mask);
}

inline std::uint64_t full_warp_mask() {
  return current_warp_size >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << current_warp_size) - 1;
}

template <class T> struct ShuffleSlot {
  T value;
  unsigned source;
  T result;
};

template <class T> void combine_shuffle(void *const *lane_data, std::uint64_t lanes, unsigned) {
  for (unsigned lane = 0; lane < 64; ++lane) {
    if (!(lanes & (std::uint64_t{1} << lane))) continue;
    auto *slot = static_cast<ShuffleSlot<T> *>(lane_data[lane]);
    const unsigned source = slot->source;
    // Reading a lane that did not take part is undefined on the GPU; the lane keeps its own value.
    if (source < 64 && (lanes & (std::uint64_t{1} << source)))
      slot->result = static_cast<ShuffleSlot<T> *>(lane_data[source])->value;
    else
      slot->result = slot->value;
  }
}

template <class T> T shuffle_from(std::uint64_t mask, T value, unsigned source) {
  ShuffleSlot<T> slot{value, source, value};
  warp_collective(&slot, &combine_shuffle<T>, mask);
  return slot.result;
}

inline unsigned segment_start(int width) { return current_lane_id() & ~static_cast<unsigned>(width - 1); }

template <class T> T shuffle_index(std::uint64_t mask, T value, int source_lane, int width) {
  return shuffle_from(mask, value, segment_start(width) + (static_cast<unsigned>(source_lane) & (width - 1)));
}

template <class T> T shuffle_up(std::uint64_t mask, T value, unsigned delta, int width) {
  const unsigned in_segment = current_lane_id() & (width - 1);
  return shuffle_from(mask, value, in_segment >= delta ? current_lane_id() - delta : current_lane_id());
}

template <class T> T shuffle_down(std::uint64_t mask, T value, unsigned delta, int width) {
  const unsigned in_segment = current_lane_id() & (width - 1);
  return shuffle_from(mask, value, in_segment + delta < static_cast<unsigned>(width) ? current_lane_id() + delta : current_lane_id());
}

template <class T> T shuffle_xor(std::uint64_t mask, T value, int lane_mask, int width) {
  const unsigned source = current_lane_id() ^ static_cast<unsigned>(lane_mask);
  // May read earlier segments but not later ones.
  return shuffle_from(mask, value, source < segment_start(width) + width ? source : current_lane_id());
}

struct VoteSlot {
  unsigned value;
  std::uint64_t ballot;   // lanes whose predicate is true
  std::uint64_t arrived;  // lanes that took part
  unsigned match;         // __match_any_sync: lanes holding the same value
  unsigned reduce_add, reduce_min, reduce_max, reduce_and, reduce_or, reduce_xor;
};

void combine_vote(void *const *lane_data, std::uint64_t lanes, unsigned width);

inline VoteSlot vote(std::uint64_t mask, unsigned value) {
  VoteSlot slot{};
  slot.value = value;
  warp_collective(&slot, &combine_vote, mask);
  return slot;
}

} // namespace xir::runtime::gpu

inline void __syncthreads() { xir::runtime::gpu::block_barrier(0); }
inline int __syncthreads_count(int predicate) { return xir::runtime::gpu::block_barrier(predicate != 0); }
// True when no thread (of those still running) passed a false predicate.
inline int __syncthreads_and(int predicate) { return xir::runtime::gpu::block_barrier(predicate == 0) == 0; }
inline int __syncthreads_or(int predicate) { return xir::runtime::gpu::block_barrier(predicate != 0) > 0; }
inline void __threadfence() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
inline void __threadfence_block() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
inline void __threadfence_system() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
