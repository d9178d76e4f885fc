// Vector and mask types of the emulated intrinsics, the constants that select rounding and
// comparison predicates, and lane access helpers.
//
// A vector is its register image: 64 (or 32) bytes in x86 lane order. Integer lanes are read and
// written little-endian through memcpy, which is why the emulation requires a little-endian host.
// C-style casts between same-sized vector types reinterpret the bits, as they do for the compilers'
// vector types.
#ifndef XIR_VNNI_EMULATION_TYPES_H
#define XIR_VNNI_EMULATION_TYPES_H

#include <cstdint>
#include <cstring>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "xir's AVX-512 emulation needs a little-endian host"
#endif

namespace xir::vnni_emulation {

// The register image shared by all vector types of `Bytes` bytes. Aligned to 16 rather than to its
// size: GCC notes its 4.6 ABI change whenever a struct aligned to 32 or more is passed by value,
// and no emulated intrinsic depends on the alignment of a vector object.
template <int Bytes, int Tag> struct alignas(16) Vector {
  unsigned char bytes[Bytes];

  Vector() = default;
  template <int OtherTag> explicit Vector(const Vector<Bytes, OtherTag>& other) {
    std::memcpy(bytes, other.bytes, Bytes);
  }
};

enum VectorTag { kFloatTag, kIntegerTag, kBf16Tag };

template <typename Lane, int Bytes, int Tag>
inline Lane lane(const Vector<Bytes, Tag>& v, int index) {
  Lane value;
  std::memcpy(&value, v.bytes + index * sizeof(Lane), sizeof(Lane));
  return value;
}

template <typename Lane, int Bytes, int Tag>
inline void set_lane(Vector<Bytes, Tag>& v, int index, Lane value) {
  std::memcpy(v.bytes + index * sizeof(Lane), &value, sizeof(Lane));
}

inline bool mask_bit(std::uint64_t mask, int index) {
  return ((mask >> index) & 1u) != 0;
}

} // namespace xir::vnni_emulation

typedef xir::vnni_emulation::Vector<64, xir::vnni_emulation::kFloatTag> __m512;
typedef xir::vnni_emulation::Vector<64, xir::vnni_emulation::kIntegerTag> __m512i;
typedef xir::vnni_emulation::Vector<64, xir::vnni_emulation::kBf16Tag> __m512bh;
typedef xir::vnni_emulation::Vector<32, xir::vnni_emulation::kFloatTag> __m256;
typedef xir::vnni_emulation::Vector<32, xir::vnni_emulation::kIntegerTag> __m256i;
typedef xir::vnni_emulation::Vector<32, xir::vnni_emulation::kBf16Tag> __m256bh;
typedef unsigned char __mmask8;
typedef unsigned short __mmask16;
typedef unsigned int __mmask32;
typedef unsigned long long __mmask64;

// Rounding control of roundscale and the *_round_* forms.
#ifndef _MM_FROUND_TO_NEAREST_INT
#define _MM_FROUND_TO_NEAREST_INT 0x00
#define _MM_FROUND_TO_NEG_INF 0x01
#define _MM_FROUND_TO_POS_INF 0x02
#define _MM_FROUND_TO_ZERO 0x03
#define _MM_FROUND_CUR_DIRECTION 0x04
#define _MM_FROUND_RAISE_EXC 0x00
#define _MM_FROUND_NO_EXC 0x08
#endif

// Predicates of _mm512_cmp_ps_mask (bit 4 selects the signalling variant, which gives the same
// mask).
#ifndef _CMP_EQ_OQ
#define _CMP_EQ_OQ 0x00
#define _CMP_LT_OS 0x01
#define _CMP_LE_OS 0x02
#define _CMP_UNORD_Q 0x03
#define _CMP_NEQ_UQ 0x04
#define _CMP_NLT_US 0x05
#define _CMP_NLE_US 0x06
#define _CMP_ORD_Q 0x07
#define _CMP_EQ_UQ 0x08
#define _CMP_NGE_US 0x09
#define _CMP_NGT_US 0x0a
#define _CMP_FALSE_OQ 0x0b
#define _CMP_NEQ_OQ 0x0c
#define _CMP_GE_OS 0x0d
#define _CMP_GT_OS 0x0e
#define _CMP_TRUE_UQ 0x0f
#define _CMP_EQ_OS 0x10
#define _CMP_LT_OQ 0x11
#define _CMP_LE_OQ 0x12
#define _CMP_UNORD_S 0x13
#define _CMP_NEQ_US 0x14
#define _CMP_NLT_UQ 0x15
#define _CMP_NLE_UQ 0x16
#define _CMP_ORD_S 0x17
#define _CMP_EQ_US 0x18
#define _CMP_NGE_UQ 0x19
#define _CMP_NGT_UQ 0x1a
#define _CMP_FALSE_OS 0x1b
#define _CMP_NEQ_OS 0x1c
#define _CMP_GE_OQ 0x1d
#define _CMP_GT_OQ 0x1e
#define _CMP_TRUE_US 0x1f
#endif

// Predicates of _mm512_cmp_epi32_mask (3 is always false, 7 always true).
#ifndef _MM_CMPINT_EQ
#define _MM_CMPINT_EQ 0x0
#define _MM_CMPINT_LT 0x1
#define _MM_CMPINT_LE 0x2
#define _MM_CMPINT_UNUSED 0x3
#define _MM_CMPINT_NE 0x4
#define _MM_CMPINT_NLT 0x5
#define _MM_CMPINT_GE 0x5
#define _MM_CMPINT_NLE 0x6
#define _MM_CMPINT_GT 0x6
#endif

#endif // XIR_VNNI_EMULATION_TYPES_H
