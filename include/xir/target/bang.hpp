#pragma once
// BANG-specific constants that IntrinsicCalls carry as integer operands.

#include <cstdint>
#include <optional>
#include <string_view>

#include "xir/ir/enums.hpp"

namespace xir::bang {

/// The `dir` operand of `__memcpy` (mluMemcpyDirection_t), carried as an i32 immediate.
enum class MemcpyDirection : std::int32_t {
  GDRAM2NRAM,
  NRAM2GDRAM,
  GDRAM2WRAM,
  WRAM2GDRAM,
  GDRAM2SRAM,
  SRAM2GDRAM,
  SRAM2NRAM,
  NRAM2SRAM,
  SRAM2WRAM,
  WRAM2SRAM,
  NRAM2NRAM,
  NRAM2WRAM,
  WRAM2NRAM,
  GDRAM2GDRAM,
  SRAM2SRAM,
};

struct MemcpyDirectionInfo {
  MemcpyDirection direction;
  std::string_view spelling;
  MemoryScope source;
  MemoryScope destination;
};

/// Every direction with its spelling and the scopes it copies between.
std::optional<MemcpyDirectionInfo> memcpy_direction(std::int64_t value);
std::optional<MemcpyDirectionInfo> memcpy_direction(std::string_view spelling);

} // namespace xir::bang
