// Built-in variables (taskId, coreId, ...), core-type queries, on-chip declarations and the
// synchronisation calls of BANG C (DIALECTS.md 1.1, 1.2).
#pragma once

#include <algorithm>
#include <string>

#include "executor.hpp"

namespace xir::bang {

inline int builtin_task_dim(const char* name) {
  current(name);
  return static_cast<int>(current_launch->shape.task_dim());
}
inline int builtin_dim(const char* name, unsigned LaunchShape::*extent) {
  current(name);
  return static_cast<int>(current_launch->shape.*extent);
}
inline int builtin_core_dim() {
  current("coreDim");
  return static_cast<int>(current_launch->shape.core_dim());
}
inline int builtin_cluster_dim() {
  current("clusterDim");
  return static_cast<int>(current_launch->shape.cluster_dim());
}

// Storage of a `__nram__` / `__wram__` / `__mlu_shared__` declaration for the running task;
// the pre-pass numbers each declaration `Site` and binds the declared name to this storage.
template <Space S, unsigned Site, class T> T& space_object(const char* name, SourceLoc loc) {
  static const char site_tag = 0;
  Participant& p = current(space_qualifier(S));
  Arena* arena = S == Space::nram ? p.nram : S == Space::wram ? p.wram : p.sram;
  std::byte* storage =
      arena->place(&site_tag, Site, sizeof(T), std::max<std::size_t>(alignof(T), 64));
  if (!storage)
    fail(loc, space_qualifier(S),
         std::string(name) + " needs " + std::to_string(sizeof(T)) + " bytes but only " +
             std::to_string(arena->capacity() - std::min(arena->capacity(), arena->used())) +
             " of the " + std::to_string(arena->capacity()) + " bytes of " + space_name(S) +
             " on " + arch_name() + " are free (overflow)");
  return *reinterpret_cast<T*>(storage);
}

inline void sync_barrier(Barrier& barrier, SourceLoc loc) {
  arrive_and_wait(barrier, loc);
}

inline void sync_cluster(SourceLoc loc) {
  Participant& p = current("__sync_cluster");
  if (!current_group)
    return complete_pending_copies(p); // BLOCK task: a cluster of one core
  sync_barrier(current_group->cluster[p.cluster_in_union], loc);
}

inline void sync_all(SourceLoc loc) {
  Participant& p = current("__sync_all");
  if (!current_group)
    return complete_pending_copies(p);
  sync_barrier(current_group->all, loc);
}

inline void sync_all_ipu(SourceLoc loc) {
  Participant& p = current("__sync_all_ipu");
  if (!current_group || p.is_mpu)
    return complete_pending_copies(p);
  sync_barrier(current_group->all_ipu, loc);
}

inline void sync_all_mpu(SourceLoc loc) {
  Participant& p = current("__sync_all_mpu");
  if (!current_group || !p.is_mpu)
    return complete_pending_copies(p);
  sync_barrier(current_group->all_mpu, loc);
}

// Split barriers (BANG >= 4.3): arrive now, wait for the phase later.
inline void split_arrive(const char* name, Barrier* barrier) {
  Participant& p = current(name);
  if (!barrier)
    return complete_pending_copies(p);
  p.split_arrivals[barrier] = arrive(*barrier);
}

inline void split_wait(SourceLoc loc, const char* name, Barrier* barrier) {
  Participant& p = current(name);
  if (!barrier)
    return;
  auto found = p.split_arrivals.find(barrier);
  if (found == p.split_arrivals.end())
    fail(loc, name, "no matching arrive before this wait");
  const unsigned phase = found->second;
  p.split_arrivals.erase(found);
  wait_for_phase(*barrier, phase, loc);
}

inline Barrier* cluster_barrier_of(const char* name) {
  Participant& p = current(name);
  return current_group ? &current_group->cluster[p.cluster_in_union] : nullptr;
}
inline Barrier* union_barrier_of(const char* name) {
  current(name);
  return current_group ? &current_group->all : nullptr;
}

// __sync / __sync_io / __sync_move / __sync_compute: inside one core; copies issued with
// __memcpy_async complete here (vector and tensor operations complete when issued).
inline void sync_core(const char* name) {
  complete_pending_copies(current(name));
  asm volatile("" ::: "memory");
}

inline bool is_mpu() {
  return current("__is_mpu").is_mpu;
}

} // namespace xir::bang

#define taskId (static_cast<int>(::xir::bang::current("taskId").task_id))
#define taskIdX (static_cast<int>(::xir::bang::current("taskIdX").task_id_x))
#define taskIdY (static_cast<int>(::xir::bang::current("taskIdY").task_id_y))
#define taskIdZ (static_cast<int>(::xir::bang::current("taskIdZ").task_id_z))
#define taskDim (::xir::bang::builtin_task_dim("taskDim"))
#define taskDimX (::xir::bang::builtin_dim("taskDimX", &::xir::bang::LaunchShape::dim_x))
#define taskDimY (::xir::bang::builtin_dim("taskDimY", &::xir::bang::LaunchShape::dim_y))
#define taskDimZ (::xir::bang::builtin_dim("taskDimZ", &::xir::bang::LaunchShape::dim_z))
#define clusterId (static_cast<int>(::xir::bang::current("clusterId").cluster_id))
#define coreId (static_cast<int>(::xir::bang::current("coreId").core_id))
#define coreDim (::xir::bang::builtin_core_dim())
#define clusterDim (::xir::bang::builtin_cluster_dim())

#define __sync_cluster() ::xir::bang::sync_cluster(XIR_BANG_HERE)
#define __sync_all() ::xir::bang::sync_all(XIR_BANG_HERE)
#define __sync_all_ipu() ::xir::bang::sync_all_ipu(XIR_BANG_HERE)
#define __sync_all_mpu() ::xir::bang::sync_all_mpu(XIR_BANG_HERE)
#define __sync_cluster_arrive()                                                                    \
  ::xir::bang::split_arrive("__sync_cluster_arrive",                                               \
                            ::xir::bang::cluster_barrier_of("__sync_cluster_arrive"))
#define __sync_cluster_wait()                                                                      \
  ::xir::bang::split_wait(XIR_BANG_HERE, "__sync_cluster_wait",                                    \
                          ::xir::bang::cluster_barrier_of("__sync_cluster_wait"))
#define __sync_all_arrive()                                                                        \
  ::xir::bang::split_arrive("__sync_all_arrive", ::xir::bang::union_barrier_of("__sync_all_"       \
                                                                               "arrive"))
#define __sync_all_wait()                                                                          \
  ::xir::bang::split_wait(XIR_BANG_HERE, "__sync_all_wait",                                        \
                          ::xir::bang::union_barrier_of("__sync_all_wait"))
#define __sync() ::xir::bang::sync_core("__sync")
#define __sync_io() ::xir::bang::sync_core("__sync_io")
#define __sync_move() ::xir::bang::sync_core("__sync_move")
#define __sync_compute() ::xir::bang::sync_core("__sync_compute")
#define __sync_io_move_compute(...) ::xir::bang::sync_core("__sync_io_move_compute")
#define __is_mpu() (::xir::bang::is_mpu())
#define __is_ipu() (!::xir::bang::is_mpu())
