#pragma once
// The small closed vocabularies of the IR, each with its textual spelling.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace xir {

/// Binary operators. Integer Div and Mod follow C (truncate toward zero), the source dialects' rule.
enum class BinaryOp : std::uint8_t {
  Add, Sub, Mul, Div, Mod, Min, Max,
  EQ, NE, LT, LE, GT, GE,
  And, Or,
  BitAnd, BitOr, BitXor, Shl, Shr,
};

enum class UnaryOp : std::uint8_t { Neg, Not, BitNot };

/// How a loop's iterations run.
enum class ForKind : std::uint8_t { Serial, Unrolled, Vectorized, Parallel, Bound };

/// The hardware index a bound loop's variable takes. `None` for loops that are not bound.
enum class HardwareAxis : std::uint8_t {
  None,
  BlockIdxX, BlockIdxY, BlockIdxZ,
  ThreadIdxX, ThreadIdxY, ThreadIdxZ,
  ClusterId, CoreId, TaskId,
  CpuThread,
};

/// Where a buffer lives: the union of every platform's memory levels.
enum class MemoryScope : std::uint8_t {
  Host, Global, Shared, Local, Fragment, Gdram, Sram, Nram, Wram, Vreg,
};

/// Which threads a barrier synchronizes: a thread block (`__syncthreads`), a warp or wavefront,
/// an MLU cluster (`__sync_cluster`), or every core of a launch (`__sync_all`).
enum class BarrierScope : std::uint8_t { Block, Warp, Cluster, All };

/// A table from enumerators to their spellings in the textual IR.
template <class E, std::size_t N> using SpellingTable = std::array<std::pair<E, std::string_view>, N>;

inline constexpr SpellingTable<BinaryOp, 20> binary_op_spellings{{
    {BinaryOp::Add, "+"}, {BinaryOp::Sub, "-"}, {BinaryOp::Mul, "*"}, {BinaryOp::Div, "/"},
    {BinaryOp::Mod, "%"}, {BinaryOp::Min, "min"}, {BinaryOp::Max, "max"},
    {BinaryOp::EQ, "=="}, {BinaryOp::NE, "!="}, {BinaryOp::LT, "<"}, {BinaryOp::LE, "<="},
    {BinaryOp::GT, ">"}, {BinaryOp::GE, ">="}, {BinaryOp::And, "&&"}, {BinaryOp::Or, "||"},
    {BinaryOp::BitAnd, "&"}, {BinaryOp::BitOr, "|"}, {BinaryOp::BitXor, "^"},
    {BinaryOp::Shl, "<<"}, {BinaryOp::Shr, ">>"},
}};

inline constexpr SpellingTable<UnaryOp, 3> unary_op_spellings{{
    {UnaryOp::Neg, "-"}, {UnaryOp::Not, "!"}, {UnaryOp::BitNot, "~"},
}};

inline constexpr SpellingTable<ForKind, 5> for_kind_spellings{{
    {ForKind::Serial, "serial"}, {ForKind::Unrolled, "unrolled"}, {ForKind::Vectorized, "vectorized"},
    {ForKind::Parallel, "parallel"}, {ForKind::Bound, "bound"},
}};

inline constexpr SpellingTable<HardwareAxis, 11> hardware_axis_spellings{{
    {HardwareAxis::None, "none"},
    {HardwareAxis::BlockIdxX, "blockIdx.x"}, {HardwareAxis::BlockIdxY, "blockIdx.y"},
    {HardwareAxis::BlockIdxZ, "blockIdx.z"}, {HardwareAxis::ThreadIdxX, "threadIdx.x"},
    {HardwareAxis::ThreadIdxY, "threadIdx.y"}, {HardwareAxis::ThreadIdxZ, "threadIdx.z"},
    {HardwareAxis::ClusterId, "clusterId"}, {HardwareAxis::CoreId, "coreId"},
    {HardwareAxis::TaskId, "taskId"}, {HardwareAxis::CpuThread, "cpu.thread"},
}};

inline constexpr SpellingTable<MemoryScope, 10> memory_scope_spellings{{
    {MemoryScope::Host, "host"}, {MemoryScope::Global, "global"}, {MemoryScope::Shared, "shared"},
    {MemoryScope::Local, "local"}, {MemoryScope::Fragment, "fragment"}, {MemoryScope::Gdram, "gdram"},
    {MemoryScope::Sram, "sram"}, {MemoryScope::Nram, "nram"}, {MemoryScope::Wram, "wram"},
    {MemoryScope::Vreg, "vreg"},
}};

inline constexpr SpellingTable<BarrierScope, 4> barrier_scope_spellings{{
    {BarrierScope::Block, "block"}, {BarrierScope::Warp, "warp"}, {BarrierScope::Cluster, "cluster"},
    {BarrierScope::All, "all"},
}};

template <class E, std::size_t N>
constexpr std::string_view spelling(const SpellingTable<E, N>& table, E value) {
  for (const auto& [e, s] : table)
    if (e == value) return s;
  return "?";
}

template <class E, std::size_t N>
constexpr std::optional<E> from_spelling(const SpellingTable<E, N>& table, std::string_view text) {
  for (const auto& [e, s] : table)
    if (s == text) return e;
  return std::nullopt;
}

constexpr std::string_view to_string(BinaryOp op) { return spelling(binary_op_spellings, op); }
constexpr std::string_view to_string(UnaryOp op) { return spelling(unary_op_spellings, op); }
constexpr std::string_view to_string(ForKind k) { return spelling(for_kind_spellings, k); }
constexpr std::string_view to_string(HardwareAxis a) { return spelling(hardware_axis_spellings, a); }
constexpr std::string_view to_string(MemoryScope s) { return spelling(memory_scope_spellings, s); }
constexpr std::string_view to_string(BarrierScope s) { return spelling(barrier_scope_spellings, s); }

constexpr bool is_comparison(BinaryOp op) { return op >= BinaryOp::EQ && op <= BinaryOp::GE; }
constexpr bool is_logical(BinaryOp op) { return op == BinaryOp::And || op == BinaryOp::Or; }
constexpr bool is_bitwise(BinaryOp op) { return op >= BinaryOp::BitAnd; }

constexpr bool is_block_axis(HardwareAxis a) {
  return a == HardwareAxis::BlockIdxX || a == HardwareAxis::BlockIdxY || a == HardwareAxis::BlockIdxZ;
}
constexpr bool is_thread_axis(HardwareAxis a) {
  return a == HardwareAxis::ThreadIdxX || a == HardwareAxis::ThreadIdxY || a == HardwareAxis::ThreadIdxZ;
}

} // namespace xir
