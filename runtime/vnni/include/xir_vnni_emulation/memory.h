// Emulated loads, stores and gathers. Masked forms touch only the memory of selected lanes (the
// hardware suppresses faults on the others), so tails past the end of a buffer are never read or
// written.
#ifndef XIR_VNNI_EMULATION_MEMORY_H
#define XIR_VNNI_EMULATION_MEMORY_H

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "types.h"

static inline __m512 _mm512_loadu_ps(void const* address) {
  __m512 v;
  std::memcpy(v.bytes, address, 64);
  return v;
}

static inline void _mm512_storeu_ps(void* address, __m512 a) {
  std::memcpy(address, a.bytes, 64);
}

static inline __m512 _mm512_mask_loadu_ps(__m512 src, __mmask16 k, void const* address) {
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::mask_bit(k, j))
      std::memcpy(src.bytes + 4 * j, static_cast<const char*>(address) + 4 * j, 4);
  return src;
}

static inline __m512 _mm512_maskz_loadu_ps(__mmask16 k, void const* address) {
  __m512 zero;
  std::memset(zero.bytes, 0, 64);
  return _mm512_mask_loadu_ps(zero, k, address);
}

static inline void _mm512_mask_storeu_ps(void* address, __mmask16 k, __m512 a) {
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::mask_bit(k, j))
      std::memcpy(static_cast<char*>(address) + 4 * j, a.bytes + 4 * j, 4);
}

static inline __m512i _mm512_loadu_si512(void const* address) {
  __m512i v;
  std::memcpy(v.bytes, address, 64);
  return v;
}

static inline void _mm512_storeu_si512(void* address, __m512i a) {
  std::memcpy(address, a.bytes, 64);
}

static inline void _mm512_mask_storeu_epi32(void* address, __mmask16 k, __m512i a) {
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::mask_bit(k, j))
      std::memcpy(static_cast<char*>(address) + 4 * j, a.bytes + 4 * j, 4);
}

static inline __m256i _mm256_loadu_si256(__m256i const* address) {
  __m256i v;
  std::memcpy(v.bytes, address, 32);
  return v;
}

static inline void _mm256_storeu_si256(__m256i* address, __m256i a) {
  std::memcpy(address, a.bytes, 32);
}

static inline __m256i _mm256_maskz_loadu_epi16(__mmask16 k, void const* address) {
  __m256i v;
  std::memset(v.bytes, 0, 32);
  for (int j = 0; j < 16; ++j)
    if (xir::vnni_emulation::mask_bit(k, j))
      std::memcpy(v.bytes + 2 * j, static_cast<const char*>(address) + 2 * j, 2);
  return v;
}

// Lane j (if selected) loads the float at base + sign_extend(index[j]) * scale bytes; scale is 1,
// 2, 4 or 8.
static inline __m512 _mm512_mask_i32gather_ps(__m512 src, __mmask16 k, __m512i index,
                                              void const* base, int scale) {
  for (int j = 0; j < 16; ++j) {
    if (!xir::vnni_emulation::mask_bit(k, j))
      continue;
    const std::ptrdiff_t offset =
        static_cast<std::ptrdiff_t>(xir::vnni_emulation::lane<std::int32_t>(index, j)) * scale;
    std::memcpy(src.bytes + 4 * j, static_cast<const char*>(base) + offset, 4);
  }
  return src;
}

#endif // XIR_VNNI_EMULATION_MEMORY_H
