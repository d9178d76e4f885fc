// Emulated 32-bit integer lane operations on __m512i (wrap-around arithmetic, as the instructions
// do).
#ifndef XIR_VNNI_EMULATION_INTEGER_ARITHMETIC_H
#define XIR_VNNI_EMULATION_INTEGER_ARITHMETIC_H

#include <cstdint>
#include <cstring>

#include "types.h"

namespace xir::vnni_emulation {

inline std::uint32_t u32_lane(const __m512i& v, int j) {
  return lane<std::uint32_t>(v, j);
}

template <typename Op> inline __m512i map_u32(const __m512i& a, const __m512i& b, Op op) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    set_lane<std::uint32_t>(r, j, op(u32_lane(a, j), u32_lane(b, j)));
  return r;
}

inline bool compare_s32(std::int32_t a, std::int32_t b, int predicate) {
  switch (predicate & 0x7) {
  case 0:
    return a == b;
  case 1:
    return a < b;
  case 2:
    return a <= b;
  case 3:
    return false;
  case 4:
    return a != b;
  case 5:
    return a >= b;
  case 6:
    return a > b;
  default:
    return true;
  }
}

} // namespace xir::vnni_emulation

static inline __m512i _mm512_setzero_si512() {
  __m512i v;
  std::memset(v.bytes, 0, 64);
  return v;
}

static inline __m512i _mm512_set1_epi32(int value) {
  __m512i v;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(v, j, value);
  return v;
}

// Arguments from lane 15 down to lane 0.
static inline __m512i _mm512_set_epi32(int e15, int e14, int e13, int e12, int e11, int e10, int e9,
                                       int e8, int e7, int e6, int e5, int e4, int e3, int e2,
                                       int e1, int e0) {
  const int lanes[16] = {e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15};
  __m512i v;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::int32_t>(v, j, lanes[j]);
  return v;
}

static inline __m512i _mm512_add_epi32(__m512i a, __m512i b) {
  return xir::vnni_emulation::map_u32(a, b, [](std::uint32_t x, std::uint32_t y) { return x + y; });
}

// Low 32 bits of the 64-bit product.
static inline __m512i _mm512_mullo_epi32(__m512i a, __m512i b) {
  return xir::vnni_emulation::map_u32(a, b, [](std::uint32_t x, std::uint32_t y) { return x * y; });
}

static inline __m512i _mm512_xor_si512(__m512i a, __m512i b) {
  return xir::vnni_emulation::map_u32(a, b, [](std::uint32_t x, std::uint32_t y) { return x ^ y; });
}

// Shift counts above 31 clear the lane.
static inline __m512i _mm512_slli_epi32(__m512i a, unsigned int count) {
  __m512i r;
  for (int j = 0; j < 16; ++j)
    xir::vnni_emulation::set_lane<std::uint32_t>(
        r, j, count > 31 ? 0u : xir::vnni_emulation::u32_lane(a, j) << count);
  return r;
}

static inline __mmask16 _mm512_cmp_epi32_mask(__m512i a, __m512i b, int predicate) {
  unsigned mask = 0;
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::compare_s32(xir::vnni_emulation::lane<std::int32_t>(a, j),
                                         xir::vnni_emulation::lane<std::int32_t>(b, j), predicate))
      mask |= 1u << j;
  return static_cast<__mmask16>(mask);
}

static inline int _mm512_reduce_add_epi32(__m512i a) {
  std::uint32_t total = 0;
  for (int j = 0; j < 16; ++j)
    total += xir::vnni_emulation::u32_lane(a, j);
  return static_cast<int>(total);
}

#endif // XIR_VNNI_EMULATION_INTEGER_ARITHMETIC_H
