// The checks every intrinsic applies to its operands (space, bounds, alignment, size multiples,
// overlap); a violation is reported as `error: <function>: <reason>` and aborts the launch.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "builtins.hpp"

namespace xir::bang {

inline std::string hex_address(const void* pointer) {
  char text[32];
  std::snprintf(text, sizeof text, "%p", pointer);
  return text;
}

// The arena of `space` visible to participant `p` (nullptr for off-chip spaces).
inline Arena* arena_of(Participant& p, Space space) {
  return space == Space::nram   ? p.nram
         : space == Space::wram ? p.wram
         : space == Space::sram ? p.sram
                                : nullptr;
}

// Which space `pointer` lies in, as seen by participant `p`; off-chip addresses read as GDRAM.
inline Space space_of(Participant& p, const void* pointer) {
  if (p.nram && p.nram->contains_address(pointer))
    return Space::nram;
  if (p.wram && p.wram->contains_address(pointer))
    return Space::wram;
  if (p.sram && p.sram->contains_address(pointer))
    return Space::sram;
  return Space::gdram;
}

inline bool is_off_chip(Space space) {
  return space == Space::gdram || space == Space::ldram;
}

// `bytes` bytes at `pointer` (operand `role` of `function`) must lie in `space`.
inline void require_space(SourceLoc loc, const char* function, const char* role,
                          const void* pointer, std::size_t bytes, Space space) {
  Participant& p = current(function);
  const Space actual = space_of(p, pointer);
  if (is_off_chip(space)) {
    if (!is_off_chip(actual))
      fail(loc, function,
           std::string("operand '") + role + "' must be off-chip (" + space_name(space) + ") but " +
               hex_address(pointer) + " is in " + space_name(actual));
    return;
  }
  if (actual != space)
    fail(loc, function,
         std::string("operand '") + role + "' must be in " + space_name(space) + " but " +
             hex_address(pointer) + " is " +
             (is_off_chip(actual) ? std::string("not on chip (GDRAM/LDRAM)")
                                  : "in " + std::string(space_name(actual))));
  Arena* arena = arena_of(p, space);
  if (!arena->contains(pointer, bytes)) {
    const std::size_t offset =
        static_cast<std::size_t>(static_cast<const std::byte*>(pointer) - arena->base());
    fail(loc, function,
         std::string("operand '") + role + "' covers bytes [" + std::to_string(offset) + ", " +
             std::to_string(offset + bytes) + ") of " + space_name(space) + ", past its end at " +
             std::to_string(arena->capacity()));
  }
}

inline void require_aligned(SourceLoc loc, const char* function, const char* role,
                            const void* pointer, std::size_t alignment, const char* rule) {
  if (reinterpret_cast<std::uintptr_t>(pointer) % alignment != 0) {
    Participant& p = current(function);
    const Space space = space_of(p, pointer);
    std::string where = hex_address(pointer);
    if (Arena* arena = arena_of(p, space))
      where = std::string(space_name(space)) + " offset " +
              std::to_string(static_cast<const std::byte*>(pointer) - arena->base());
    fail(loc, function,
         std::string("operand '") + role + "' at " + where + " is not " +
             std::to_string(alignment) + "-byte aligned (" + rule + ")");
  }
}

inline void require_multiple(SourceLoc loc, const char* function, const char* what,
                             std::size_t value, std::size_t multiple, const char* rule) {
  if (value % multiple != 0)
    fail(loc, function,
         std::string(what) + " = " + std::to_string(value) + " is not a multiple of " +
             std::to_string(multiple) + " (" + rule + ")");
}

inline void require_positive_count(SourceLoc loc, const char* function, std::size_t count) {
  if (count == 0)
    fail(loc, function, "the element count is 0 (illegal for every vector operation)");
}

inline void require_no_overlap(SourceLoc loc, const char* function, const char* role_a,
                               const void* a, std::size_t a_bytes, const char* role_b,
                               const void* b, std::size_t b_bytes) {
  const auto a_begin = reinterpret_cast<std::uintptr_t>(a),
             b_begin = reinterpret_cast<std::uintptr_t>(b);
  if (a_begin < b_begin + b_bytes && b_begin < a_begin + a_bytes)
    fail(loc, function,
         std::string("operands '") + role_a + "' and '" + role_b +
             "' overlap, which is not allowed");
}

inline void require_arch(SourceLoc loc, const char* function, bool available,
                         const char* requirement) {
  if (!available)
    fail(loc, function, std::string("not available on ") + arch_name() + " (" + requirement + ")");
}

// Vector, tensor and most copy operations run on MLU cores only: the MPU of a UNION job skips them.
inline bool runs_on_this_core(const char* function) {
  return !current(function).is_mpu;
}

} // namespace xir::bang
