// Host-side helper shared by the test kernel files: a GDRAM copy of a host array.
#pragma once
#include <cnrt.h>

template <class T>
struct DeviceBuffer {
  T *data = nullptr;
  int count = 0;
  DeviceBuffer(const T *host, int n) : count(n) {
    cnrtMalloc(reinterpret_cast<void **>(&data), sizeof(T) * (n > 0 ? n : 1));
    if (host) cnrtMemcpy(data, const_cast<T *>(host), sizeof(T) * n, cnrtMemcpyHostToDev);
  }
  explicit DeviceBuffer(int n) : DeviceBuffer(nullptr, n) {}
  void read(T *host) const { cnrtMemcpy(host, data, sizeof(T) * count, cnrtMemcpyDevToHost); }
  ~DeviceBuffer() { cnrtFree(data); }
};

// Launches `kernel(args...)` on `dim` tasks of `type` and waits for it.
template <class... Params, class... Args>
int launch_and_wait(void (*kernel)(Params...), cnrtDim3_t dim, cnrtFunctionType_t type, Args... args) {
  cnrtQueue_t queue;
  cnrtQueueCreate(&queue);
  xir_launch(kernel, dim, type, queue)(args...);
  int result = cnrtQueueSync(queue);
  cnrtQueueDestroy(queue);
  return result;
}
