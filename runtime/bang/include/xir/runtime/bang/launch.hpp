// `kernel<<<dim, ktype, queue>>>(args)`: the pre-pass of xir-sim-cc rewrites it to
// `xir_launch(kernel, dim, ktype, queue)(args)`, which queues the launch; it runs at the queue's
// next cnrtQueueSync (or cnrtSyncDevice / cnrtFree / cnrtQueueDestroy). A null queue is the
// default queue.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>

#include "cnrt.hpp"
#include "executor.hpp"

namespace xir::bang {

inline LaunchShape shape_of(cnrtDim3_t dim, cnrtFunctionType_t type) {
  LaunchShape shape;
  shape.dim_x = dim.x;
  shape.dim_y = dim.y;
  shape.dim_z = dim.z;
  const int value = static_cast<int>(type);
  shape.is_union = value >= 4;
  shape.union_clusters = shape.is_union ? static_cast<unsigned>(value) / cores_per_cluster : 0;
  return shape;
}

inline std::string check_function_type(cnrtFunctionType_t type) {
  switch (static_cast<int>(type)) {
  case 1:
  case 2:
  case 4:
  case 8:
  case 16:
  case 32:
  case 64:
    return "";
  case -1:
    return "CNRT_FUNC_TYPE_MUTABLE launches are unsupported by the CPU runtime";
  default:
    return "invalid cnrtFunctionType_t value " + std::to_string(static_cast<int>(type));
  }
}

inline cnrtRet_t run_launch(cnrtDim3_t dim, cnrtFunctionType_t type,
                            const std::function<void()>& body) {
  // The running task is process-wide state: launches from several host threads take turns.
  static std::mutex one_launch_at_a_time;
  std::lock_guard<std::mutex> lock(one_launch_at_a_time);
  std::string error = check_function_type(type);
  if (!error.empty()) {
    error = "error: kernel launch: " + error;
    std::fprintf(stderr, "%s\n", error.c_str());
  } else {
    error = execute_launch(shape_of(dim, type), body);
  }
  if (error.empty())
    return cnrtSuccess;
  if (exit_on_launch_failure()) {
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(1);
  }
  return cnrtErrorKernelLaunch;
}

template <class... Params> class KernelLauncher {
public:
  KernelLauncher(void (*kernel)(Params...), cnrtDim3_t dim, cnrtFunctionType_t type,
                 cnrtQueue_t queue)
      : kernel_(kernel), dim_(dim), type_(type), queue_(queue) {}

  template <class... Args> void operator()(Args&&... args) const {
    static_assert(sizeof...(Args) == sizeof...(Params),
                  "kernel launched with the wrong number of arguments");
    auto kernel = kernel_;
    auto dim = dim_;
    auto type = type_;
    std::tuple<std::decay_t<Params>...> arguments(
        static_cast<std::decay_t<Params>>(std::forward<Args>(args))...);
    enqueue(queue_, [kernel, dim, type, arguments] {
      return run_launch(dim, type, [&] { std::apply(kernel, arguments); });
    });
  }

private:
  void (*kernel_)(Params...);
  cnrtDim3_t dim_;
  cnrtFunctionType_t type_;
  cnrtQueue_t queue_;
};

} // namespace xir::bang

template <class... Params>
xir::bang::KernelLauncher<Params...> xir_launch(void (*kernel)(Params...), cnrtDim3_t dim,
                                                cnrtFunctionType_t type,
                                                cnrtQueue_t queue = nullptr) {
  return {kernel, dim, type, queue};
}
