// CUDA's 32-lane warp intrinsics (*_sync with a 32-bit mask).
#pragma once

#include "xir_gpu/warp.h"

inline void __syncwarp(unsigned mask = 0xffffffffu) { xir::runtime::gpu::vote(mask, 0); }

template <class T> T __shfl_sync(unsigned mask, T value, int source_lane, int width = 32) {
  return xir::runtime::gpu::shuffle_index(mask, value, source_lane, width);
}
template <class T> T __shfl_up_sync(unsigned mask, T value, unsigned delta, int width = 32) {
  return xir::runtime::gpu::shuffle_up(mask, value, delta, width);
}
template <class T> T __shfl_down_sync(unsigned mask, T value, unsigned delta, int width = 32) {
  return xir::runtime::gpu::shuffle_down(mask, value, delta, width);
}
template <class T> T __shfl_xor_sync(unsigned mask, T value, int lane_mask, int width = 32) {
  return xir::runtime::gpu::shuffle_xor(mask, value, lane_mask, width);
}

inline unsigned __ballot_sync(unsigned mask, int predicate) {
  return static_cast<unsigned>(xir::runtime::gpu::vote(mask, predicate != 0).ballot);
}
inline int __any_sync(unsigned mask, int predicate) { return xir::runtime::gpu::vote(mask, predicate != 0).ballot != 0; }
inline int __all_sync(unsigned mask, int predicate) {
  const auto slot = xir::runtime::gpu::vote(mask, predicate != 0);
  return slot.ballot == slot.arrived;
}
inline unsigned __activemask() { return static_cast<unsigned>(xir::runtime::gpu::full_warp_mask()); }
inline unsigned __match_any_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).match; }
inline unsigned __match_any_sync(unsigned mask, int value) { return __match_any_sync(mask, static_cast<unsigned>(value)); }
inline unsigned __reduce_add_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).reduce_add; }
inline unsigned __reduce_min_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).reduce_min; }
inline unsigned __reduce_max_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).reduce_max; }
inline unsigned __reduce_and_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).reduce_and; }
inline unsigned __reduce_or_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).reduce_or; }
inline unsigned __reduce_xor_sync(unsigned mask, unsigned value) { return xir::runtime::gpu::vote(mask, value).reduce_xor; }
