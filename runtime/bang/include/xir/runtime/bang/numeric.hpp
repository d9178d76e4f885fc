// Element types of the vector intrinsics: which C++ types each overload set accepts, the type
// arithmetic is carried out in, and the arch each type needs (DIALECTS.md 1.5).
#pragma once

#include <cstdint>
#include <type_traits>

#include "half.hpp"
#include "operand_checks.hpp"

namespace xir::bang {

template <class T, class... Allowed>
concept one_of = (std::is_same_v<T, Allowed> || ...);

template <class T>
concept reduced_float = one_of<T, half, bfloat16_t>;

template <class T>
concept vector_float = one_of<T, half, float, bfloat16_t>;

// add / mul / *_scalar element types: half, float, int, short, char, bf16.
template <class T>
concept arithmetic_element =
    one_of<T, half, float, bfloat16_t, std::int32_t, std::int16_t, std::int8_t, char>;

// sub also takes unsigned char.
template <class T>
concept subtract_element = arithmetic_element<T> || std::is_same_v<T, std::uint8_t>;

// Floats compute in float, integers in 64 bits (the result wraps to the element type).
template <class T> using compute_t = std::conditional_t<std::is_integral_v<T>, std::int64_t, float>;

template <class T> compute_t<T> widen(T value) {
  return static_cast<compute_t<T>>(value);
}

template <class T, class Wide> T narrow(Wide value) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<std::int64_t>(value));
  else
    return T(static_cast<float>(value));
}

// int/short/char overloads need 3xx or later; bf16 needs 5xx.
template <class T> void require_element_arch(SourceLoc loc, const char* function) {
  if constexpr (std::is_integral_v<T>)
    require_arch(loc, function, !is_2xx, "integer overloads need arch >= 3xx");
  if constexpr (std::is_same_v<T, bfloat16_t>)
    require_arch(loc, function, arch >= 500, "bf16 needs arch 5xx");
}

// The 2xx rules shared by vector operations: 64-byte aligned operands, byte counts multiple of 128.
inline void
require_2xx_vector_layout(SourceLoc loc, const char* function, std::size_t bytes,
                          std::initializer_list<std::pair<const char*, const void*>> operands) {
  if (!is_2xx)
    return;
  for (auto [role, pointer] : operands)
    require_aligned(loc, function, role, pointer, 64, "2xx vector operands are 64-byte aligned");
  require_multiple(loc, function, "n * sizeof(T)", bytes, 128,
                   "2xx vector byte counts are multiples of 128");
}

} // namespace xir::bang
