// HIP's 64-lane wavefront intrinsics (mask-less __shfl*, 64-bit __ballot).
#pragma once

#include "xir_gpu/warp.h"

template <class T> T __shfl(T value, int source_lane, int width = 64) {
  return xir::runtime::gpu::shuffle_index(xir::runtime::gpu::full_warp_mask(), value, source_lane, width);
}
template <class T> T __shfl_up(T value, unsigned delta, int width = 64) {
  return xir::runtime::gpu::shuffle_up(xir::runtime::gpu::full_warp_mask(), value, delta, width);
}
template <class T> T __shfl_down(T value, unsigned delta, int width = 64) {
  return xir::runtime::gpu::shuffle_down(xir::runtime::gpu::full_warp_mask(), value, delta, width);
}
template <class T> T __shfl_xor(T value, int lane_mask, int width = 64) {
  return xir::runtime::gpu::shuffle_xor(xir::runtime::gpu::full_warp_mask(), value, lane_mask, width);
}
// ROCm 6.2+ also offers the masked forms with a 64-bit mask.
template <class T> T __shfl_sync(unsigned long long mask, T value, int source_lane, int width = 64) {
  return xir::runtime::gpu::shuffle_index(mask, value, source_lane, width);
}
template <class T> T __shfl_up_sync(unsigned long long mask, T value, unsigned delta, int width = 64) {
  return xir::runtime::gpu::shuffle_up(mask, value, delta, width);
}
template <class T> T __shfl_down_sync(unsigned long long mask, T value, unsigned delta, int width = 64) {
  return xir::runtime::gpu::shuffle_down(mask, value, delta, width);
}
template <class T> T __shfl_xor_sync(unsigned long long mask, T value, int lane_mask, int width = 64) {
  return xir::runtime::gpu::shuffle_xor(mask, value, lane_mask, width);
}

inline unsigned long long __ballot(int predicate) {
  return xir::runtime::gpu::vote(xir::runtime::gpu::full_warp_mask(), predicate != 0).ballot;
}
inline unsigned long long __ballot_sync(unsigned long long mask, int predicate) {
  return xir::runtime::gpu::vote(mask, predicate != 0).ballot;
}
inline int __any(int predicate) { return __ballot(predicate) != 0; }
inline int __all(int predicate) {
  const auto slot = xir::runtime::gpu::vote(xir::runtime::gpu::full_warp_mask(), predicate != 0);
  return slot.ballot == slot.arrived;
}
inline unsigned long long __activemask() { return xir::runtime::gpu::full_warp_mask(); }
inline void __syncwarp() { xir::runtime::gpu::vote(xir::runtime::gpu::full_warp_mask(), 0); }
inline unsigned __lane_id() { return xir::runtime::gpu::current_lane_id(); }
