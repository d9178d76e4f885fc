// The CNRT host API (DIALECTS.md 1.3): device memory is host memory, queues are in-order lists
// of deferred work that runs at cnrtQueueSync (so a host program that reads results without
// syncing sees stale data, as on hardware), and a failed launch poisons its queue.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "cnrt_types.hpp"

namespace xir::bang {

inline cnrtQueue& default_queue() {
  static cnrtQueue queue;
  return queue;
}

inline std::set<cnrtQueue*>& live_queues() {
  static std::set<cnrtQueue*> queues{&default_queue()};
  return queues;
}

inline cnrtQueue& resolve_queue(cnrtQueue_t queue) {
  return queue ? *queue : default_queue();
}

// Runs the queued work in order; the first failure poisons the queue.
inline cnrtRet_t drain_queue(cnrtQueue& queue) {
  auto work = std::move(queue.pending);
  queue.pending.clear();
  for (auto& item : work) {
    if (queue.error != cnrtSuccess)
      break;
    if (cnrtRet_t result = item(); result != cnrtSuccess)
      queue.error = result;
  }
  return queue.error;
}

inline void enqueue(cnrtQueue_t queue, std::function<cnrtRet_t()> work) {
  resolve_queue(queue).pending.push_back(std::move(work));
}

} // namespace xir::bang

inline cnrtRet_t cnrtSetDevice(int device) {
  return device == 0 ? cnrtSuccess : cnrtErrorArgsInvalid;
}
inline cnrtRet_t cnrtGetDevice(int* device) {
  if (!device)
    return cnrtErrorArgsInvalid;
  *device = 0;
  return cnrtSuccess;
}
inline cnrtRet_t cnrtGetDeviceCount(unsigned* count) {
  if (!count)
    return cnrtErrorArgsInvalid;
  *count = 1;
  return cnrtSuccess;
}
inline cnrtRet_t cnrtInit(unsigned) {
  return cnrtSuccess;
}
inline void cnrtDestroy() {}

inline cnrtRet_t cnrtMalloc(void** pointer, std::size_t bytes) {
  if (!pointer)
    return cnrtErrorArgsInvalid;
  *pointer = std::malloc(bytes ? bytes : 1);
  return *pointer ? cnrtSuccess : cnrtErrorNoMem;
}

inline cnrtRet_t cnrtSyncDevice() {
  cnrtRet_t result = cnrtSuccess;
  for (cnrtQueue* queue : xir::bang::live_queues())
    if (cnrtRet_t r = xir::bang::drain_queue(*queue); r != cnrtSuccess)
      result = r;
  return result;
}

// Freeing memory waits for the queued work that may still use it.
inline cnrtRet_t cnrtFree(void* pointer) {
  cnrtRet_t result = cnrtSyncDevice();
  std::free(pointer);
  return result;
}

inline bool cnrt_valid_direction(int direction) {
  return direction >= 0 && direction <= 5;
}

// Synchronous copy: not tied to any queue and does not wait for queued kernels.
inline cnrtRet_t cnrtMemcpy(void* dst, const void* src, std::size_t bytes,
                            cnrtMemTransDir_t direction) {
  if (!cnrt_valid_direction(direction) || (bytes && (!dst || !src)))
    return cnrtErrorArgsInvalid;
  if (bytes)
    std::memmove(dst, src, bytes);
  return cnrtSuccess;
}

inline cnrtRet_t cnrtMemcpyAsync(void* dst, void* src, std::size_t bytes, cnrtQueue_t queue,
                                 cnrtMemTransDir_t direction) {
  if (!cnrt_valid_direction(direction) || (bytes && (!dst || !src)))
    return cnrtErrorArgsInvalid;
  xir::bang::enqueue(queue, [=] {
    if (bytes)
      std::memmove(dst, src, bytes);
    return cnrtSuccess;
  });
  return cnrtSuccess;
}

inline cnrtRet_t cnrtMemset(void* pointer, int value, std::size_t bytes) {
  if (bytes && !pointer)
    return cnrtErrorArgsInvalid;
  if (bytes)
    std::memset(pointer, value, bytes);
  return cnrtSuccess;
}

inline cnrtRet_t cnrtQueueCreate(cnrtQueue_t* queue) {
  if (!queue)
    return cnrtErrorArgsInvalid;
  *queue = new cnrtQueue;
  xir::bang::live_queues().insert(*queue);
  return cnrtSuccess;
}

inline cnrtRet_t cnrtQueueSync(cnrtQueue_t queue) {
  return xir::bang::drain_queue(xir::bang::resolve_queue(queue));
}

inline cnrtRet_t cnrtQueueDestroy(cnrtQueue_t queue) {
  if (!queue)
    return cnrtErrorArgsInvalid;
  if (!xir::bang::live_queues().count(queue))
    return cnrtErrorQueue;
  const cnrtRet_t result = xir::bang::drain_queue(*queue);
  xir::bang::live_queues().erase(queue);
  delete queue;
  return result;
}

// CNRT 4 spellings.
inline cnrtRet_t cnrtCreateQueue(cnrtQueue_t* queue) {
  return cnrtQueueCreate(queue);
}
inline cnrtRet_t cnrtDestroyQueue(cnrtQueue_t queue) {
  return cnrtQueueDestroy(queue);
}
inline cnrtRet_t cnrtSyncQueue(cnrtQueue_t queue) {
  return cnrtQueueSync(queue);
}

inline const char* cnrtGetErrorStr(cnrtRet_t error) {
  switch (error) {
  case cnrtSuccess:
    return "cnrtSuccess";
  case cnrtErrorArgsInvalid:
    return "cnrtErrorArgsInvalid: invalid argument";
  case cnrtErrorNoMem:
    return "cnrtErrorNoMem: out of memory";
  case cnrtErrorQueue:
    return "cnrtErrorQueue: invalid queue";
  case cnrtErrorKernelLaunch:
    return "cnrtErrorKernelLaunch: a kernel launch failed (see the error printed before)";
  }
  return "unknown CNRT error";
}
inline const char* cnrtGetErrorString(cnrtRet_t error) {
  return cnrtGetErrorStr(error);
}
