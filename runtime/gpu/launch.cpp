// Runs a launch: blocks are claimed by worker host threads; each block is a fiber team whose
// members are the block's threads.
#include "xir_gpu/launch.h"

#include "device_memory.h"
#include "xir_gpu/host_api.h"
#include "xir_gpu/kernel_state.h"
#include "xir_gpu/warp.h"
#include "xir_runtime/fiber_team.h"

#include <cxxabi.h>
#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

thread_local uint3 blockIdx;
thread_local dim3 blockDim;
thread_local dim3 gridDim;

namespace xir::runtime::gpu {

thread_local FiberView fiber_view;
thread_local unsigned current_warp_size = 32;

namespace {

constexpr std::size_t shared_guard_bytes = 256;
constexpr unsigned char shared_guard_pattern = 0xA5;

thread_local unsigned char *current_dynamic_shared = nullptr;

std::atomic<unsigned> configured_workers{0};

std::string kernel_name(const void *kernel) {
  Dl_info info{};
  if (kernel && dladdr(kernel, &info) && info.dli_sname) {
    int status = 0;
    std::unique_ptr<char, void (*)(void *)> demangled(abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status),
                                                      std::free);
    return status == 0 && demangled ? demangled.get() : info.dli_sname;
  }
  return "kernel";
}

struct Launch {
  std::vector<FiberView> thread_views; // threadIdx and lane per linear thread id of a block
  const LaunchConfig *config;
  KernelBody body;
  void *context;
  std::string name;
  std::atomic<unsigned long long> next_block{0};
  unsigned long long block_count = 0;
  std::atomic<bool> failed{false};
};

void run_thread(void *context, unsigned member) {
  const auto *launch = static_cast<const Launch *>(context);
  launch->body(launch->context);
}

void run_blocks(Launch &launch) {
  const LaunchConfig &config = *launch.config;
  current_warp_size = config.warp_size;
  blockDim = config.block;
  gridDim = config.grid;
  std::vector<unsigned char> dynamic_shared(config.dynamic_shared_bytes + shared_guard_bytes);
  current_dynamic_shared = dynamic_shared.data();
  TeamOptions options;
  options.members = config.block.x * config.block.y * config.block.z;
  options.subgroup_size = config.warp_size;
  options.order = default_schedule_order();
  static_assert(sizeof(FiberView) == sizeof(MemberView));
  options.view_slot = reinterpret_cast<MemberView *>(&fiber_view);
  options.member_views = reinterpret_cast<const MemberView *>(launch.thread_views.data());
  for (;;) {
    const unsigned long long id = launch.next_block.fetch_add(1);
    if (id >= launch.block_count || launch.failed) break;
    blockIdx = uint3{static_cast<unsigned>(id % config.grid.x), static_cast<unsigned>((id / config.grid.x) % config.grid.y),
                     static_cast<unsigned>(id / (static_cast<unsigned long long>(config.grid.x) * config.grid.y))};
    // Fresh shared memory reads as NaN / -1 so a read before any write shows up in results.
    std::memset(dynamic_shared.data(), 0xFF, config.dynamic_shared_bytes);
    std::memset(dynamic_shared.data() + config.dynamic_shared_bytes, shared_guard_pattern, shared_guard_bytes);
    options.seed = id;
    const TeamOutcome outcome = run_team(options, &run_thread, &launch);
    if (!outcome.ok) {
      const std::string message = "block (" + std::to_string(blockIdx.x) + "," + std::to_string(blockIdx.y) + "," +
                                  std::to_string(blockIdx.z) + "): " + outcome.error;
      report(Error::launch_failure, launch.name.c_str(), message.c_str());
      launch.failed = true;
      break;
    }
    for (std::size_t i = 0; i < shared_guard_bytes; ++i) {
      if (dynamic_shared[config.dynamic_shared_bytes + i] == shared_guard_pattern) continue;
      const std::string message = "block (" + std::to_string(blockIdx.x) + "," + std::to_string(blockIdx.y) + "," +
                                  std::to_string(blockIdx.z) + ") wrote past the end of its " +
                                  std::to_string(config.dynamic_shared_bytes) +
                                  "-byte dynamic shared memory (extern __shared__) at byte offset " +
                                  std::to_string(config.dynamic_shared_bytes + i);
      report(Error::illegal_address, launch.name.c_str(), message.c_str());
      launch.failed = true;
      break;
    }
  }
  current_dynamic_shared = nullptr;
}

Error check_config(const LaunchConfig &config, const std::string &name) {
  const dim3 g = config.grid, b = config.block;
  const unsigned long long threads = static_cast<unsigned long long>(b.x) * b.y * b.z;
  auto fail = [&](const std::string &why) {
    return report(Error::invalid_configuration, ("launch of " + name).c_str(), why.c_str());
  };
  if (g.x == 0 || g.y == 0 || g.z == 0 || b.x == 0 || b.y == 0 || b.z == 0) return fail("a grid or block dimension is 0");
  if (threads > 1024) return fail("block of " + std::to_string(threads) + " threads exceeds 1024");
  if (b.z > 64) return fail("blockDim.z exceeds 64");
  const int bound = max_threads_per_block_for(config.kernel);
  if (bound >= 0 && threads > static_cast<unsigned long long>(bound))
    return report(Error::launch_out_of_resources, ("launch of " + name).c_str(),
                  ("block of " + std::to_string(threads) + " threads exceeds the kernel's __launch_bounds__ maximum of " +
                   std::to_string(bound))
                      .c_str());
  if (g.y > 65535 || g.z > 65535) return fail("gridDim.y/z exceeds 65535");
  if (config.warp_size == 64) {
    for (unsigned long long total : {1ull * g.x * b.x, 1ull * g.y * b.y, 1ull * g.z * b.z})
      if (total >= (1ull << 32)) return fail("gridDim * blockDim reaches 2^32 in a dimension");
  } else if (g.x > 2147483647u) {
    return fail("gridDim.x exceeds 2^31 - 1");
  }
  const int attribute = max_dynamic_shared_for(config.kernel);
  const std::size_t limit = attribute >= 0 ? static_cast<std::size_t>(attribute)
                                           : (config.warp_size == 64 ? 65536u : 49152u);
  if (config.dynamic_shared_bytes > limit)
    return report(Error::invalid_value, ("launch of " + name).c_str(),
                  ("dynamic shared memory of " + std::to_string(config.dynamic_shared_bytes) + " bytes exceeds the " +
                   std::to_string(limit) + "-byte limit (raise it with the MaxDynamicSharedMemorySize attribute)")
                      .c_str());
  if (stream_check(config.stream) != Error::success)
    return report(Error::invalid_resource_handle, ("launch of " + name).c_str(), "unknown stream");
  return Error::success;
}

} // namespace

void set_worker_threads(unsigned count) { configured_workers = count; }

unsigned worker_threads() {
  if (const unsigned configured = configured_workers.load()) return configured;
  if (const char *text = std::getenv("XIR_RUNTIME_THREADS")) {
    const int value = std::atoi(text);
    if (value > 0) return static_cast<unsigned>(value);
  }
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware ? hardware : 1;
}

Error launch_kernel(const LaunchConfig &config, KernelBody body, void *context) {
  Launch launch;
  launch.config = &config;
  launch.body = body;
  launch.context = context;
  launch.name = kernel_name(config.kernel);
  const Error config_status = check_config(config, launch.name);
  if (config_status != Error::success) return config_status;
  launch.block_count = static_cast<unsigned long long>(config.grid.x) * config.grid.y * config.grid.z;
  const dim3 b = config.block;
  for (unsigned m = 0; m < b.x * b.y * b.z; ++m)
    launch.thread_views.push_back({uint3{m % b.x, (m / b.x) % b.y, m / (b.x * b.y)}, m % config.warp_size});
  const unsigned long long workers = std::min<unsigned long long>(worker_threads(), launch.block_count);
  std::vector<std::thread> helpers;
  for (unsigned long long i = 1; i < workers; ++i) helpers.emplace_back([&launch] { run_blocks(launch); });
  run_blocks(launch);
  for (auto &helper : helpers) helper.join();
  const Error guards = check_device_guards(("the end of kernel " + launch.name).c_str());
  return record(guards);
}

void *dynamic_shared_memory() { return current_dynamic_shared; }


void combine_vote(void *const *lane_data, std::uint64_t lanes, unsigned) {
  std::uint64_t ballot = 0;
  unsigned add = 0, minimum = ~0u, maximum = 0, all_bits = ~0u, any_bits = 0, parity = 0;
  for (unsigned lane = 0; lane < 64; ++lane) {
    if (!(lanes & (std::uint64_t{1} << lane))) continue;
    const unsigned value = static_cast<const VoteSlot *>(lane_data[lane])->value;
    if (value) ballot |= std::uint64_t{1} << lane;
    add += value;
    minimum = value < minimum ? value : minimum;
    maximum = value > maximum ? value : maximum;
    all_bits &= value;
    any_bits |= value;
    parity ^= value;
  }
  for (unsigned lane = 0; lane < 64; ++lane) {
    if (!(lanes & (std::uint64_t{1} << lane))) continue;
    auto *slot = static_cast<VoteSlot *>(lane_data[lane]);
    unsigned match = 0;
    for (unsigned other = 0; other < 64 && other < 32; ++other)
      if ((lanes & (std::uint64_t{1} << other)) && static_cast<const VoteSlot *>(lane_data[other])->value == slot->value)
        match |= 1u << other;
    slot->ballot = ballot;
    slot->arrived = lanes;
    slot->match = match;
    slot->reduce_add = add;
    slot->reduce_min = minimum;
    slot->reduce_max = maximum;
    slot->reduce_and = all_bits;
    slot->reduce_or = any_bits;
    slot->reduce_xor = parity;
  }
}

} // namespace xir::runtime::gpu
