#pragma once
// Target descriptions as data: memory scopes with capacities and alignment, hardware axes and
// their limits, vector widths and the intrinsic table of each supported part. Passes, the
// interpreter and the emitters read them through target_by_name().

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xir/target/intrinsic.hpp"

namespace xir {

/// Which executing units share one instance of a buffer in a scope.
enum class ScopeSharing : std::uint8_t {
  Launch,  // every thread of a launch (global memory, GDRAM, host heap)
  Cluster, // the cores of one MLU cluster (SRAM)
  Block,   // the threads of one thread block (CUDA shared memory, HIP LDS)
  Thread,  // one thread, MLU core or CPU thread (registers, local, NRAM, WRAM)
};

struct MemoryScopeInfo {
  MemoryScope scope = MemoryScope::Global;
  /// Bytes one sharing unit may allocate in this scope; 0 for off-chip memory without a limit the
  /// interpreter enforces.
  std::int64_t capacity_bytes = 0;
  /// Bytes a statically sized declaration may take when that limit is lower than capacity_bytes
  /// (CUDA: 48 KB static shared memory, more only as opt-in dynamic shared memory); 0 if the same.
  std::int64_t static_capacity_bytes = 0;
  int alignment_bytes = 1;
  ScopeSharing shared_by = ScopeSharing::Launch;
};

struct AxisLimit {
  HardwareAxis axis = HardwareAxis::None;
  std::int64_t max_extent = 0;
};

struct Target {
  /// "cuda-sm80", "hip-gfx90a", "bang-mlu370", "vnni-avx512", ...
  std::string name;
  /// The dialect its code is written in, and the `target` field of its IntrinsicCalls.
  std::string dialect;
  /// The architecture the compilers are given: "sm_80", "gfx90a", "mtp_372", "sapphirerapids".
  std::string arch;
  std::vector<MemoryScopeInfo> scopes;
  std::vector<AxisLimit> axes;
  std::int64_t max_threads_per_block = 1;
  /// Threads of a warp or wavefront; 1 where the target has none.
  int warp_size = 1;
  /// MLU cores per cluster (BANG); 0 elsewhere.
  int cores_per_cluster = 0;
  /// Widest vector register or vector access, in bits.
  int vector_width_bits = 0;
  std::vector<Intrinsic> intrinsics;

  const MemoryScopeInfo* scope(MemoryScope s) const;
  bool has_scope(MemoryScope s) const { return scope(s) != nullptr; }
  /// The largest extent of a loop bound to `axis`, or nullopt when the target has no such axis.
  std::optional<std::int64_t> axis_limit(HardwareAxis axis) const;
  const Intrinsic* intrinsic(std::string_view name) const;
  /// The overload of `name` taking `operand_count` operands (the 1-D and 2-D __memcpy, pooling
  /// with and without strides), or nullptr.
  const Intrinsic* intrinsic(std::string_view name, std::size_t operand_count) const;
};

/// The description named `name` (see target_names()); also accepts a bare dialect name for its
/// default part ("cuda" = cuda-sm80, "hip" = hip-gfx90a, "bang" = bang-mlu370, "vnni" =
/// vnni-avx512). Throws std::out_of_range listing the known names when there is none.
const Target& target_by_name(std::string_view name);
/// Same, nullptr when unknown.
const Target* find_target(std::string_view name);
/// Every described part, in a stable order.
const std::vector<const Target*>& all_targets();
std::vector<std::string> target_names();

} // namespace xir
