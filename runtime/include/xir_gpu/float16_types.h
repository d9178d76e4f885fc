// __half / __nv_bfloat16 / __hip_bfloat16 and their two-element forms. Storage is 16 bits;
// conversions from float round to nearest even like the hardware (directed variants too);
// arithmetic is computed in float and rounded once, which is exact for +, -, *, / and sqrt
// because float has more than 2p + 2 bits of precision for both formats.
#pragma once

#include "xir_gpu/vector_types.h"
#include "xir_runtime/float16.h"

#include <cmath>
#include <cstdint>

namespace xir::runtime::gpu {

struct HalfFormat {
  static std::uint16_t encode(float v, Rounding r) { return float_to_half_bits(v, r); }
  static float decode(std::uint16_t b) { return half_bits_to_float(b); }
};
struct BFloat16Format {
  static std::uint16_t encode(float v, Rounding r) { return float_to_bfloat16_bits(v, r); }
  static float decode(std::uint16_t b) { return bfloat16_bits_to_float(b); }
};

template <class Format> struct Float16Raw {
  unsigned short x;
};

template <class Format> struct Float16 {
  unsigned short __x;

  Float16() = default;
  constexpr Float16(Float16Raw<Format> raw) : __x(raw.x) {}
  Float16(float v) : __x(Format::encode(v, Rounding::nearest_even)) {}
  Float16(double v) : __x(Format::encode(static_cast<float>(v), Rounding::nearest_even)) {}
  Float16(int v) : Float16(static_cast<float>(v)) {}
  Float16(unsigned v) : Float16(static_cast<float>(v)) {}
  Float16(long long v) : Float16(static_cast<float>(v)) {}
  Float16(unsigned long long v) : Float16(static_cast<float>(v)) {}
  operator float() const { return Format::decode(__x); }
  operator Float16Raw<Format>() const { return {__x}; }

  static Float16 from_bits(unsigned short bits) { return Float16(Float16Raw<Format>{bits}); }
  static Float16 from_float(float v, Rounding r) { return from_bits(Format::encode(v, r)); }

  Float16 &operator+=(Float16 o) { return *this = Float16(float(*this) + float(o)); }
  Float16 &operator-=(Float16 o) { return *this = Float16(float(*this) - float(o)); }
  Float16 &operator*=(Float16 o) { return *this = Float16(float(*this) * float(o)); }
  Float16 &operator/=(Float16 o) { return *this = Float16(float(*this) / float(o)); }
};

template <class F> Float16<F> operator+(Float16<F> a, Float16<F> b) { return Float16<F>(float(a) + float(b)); }
template <class F> Float16<F> operator-(Float16<F> a, Float16<F> b) { return Float16<F>(float(a) - float(b)); }
template <class F> Float16<F> operator*(Float16<F> a, Float16<F> b) { return Float16<F>(float(a) * float(b)); }
template <class F> Float16<F> operator/(Float16<F> a, Float16<F> b) { return Float16<F>(float(a) / float(b)); }
template <class F> Float16<F> operator-(Float16<F> a) { return Float16<F>::from_bits(a.__x ^ 0x8000u); }
template <class F> Float16<F> operator+(Float16<F> a) { return a; }
template <class F> bool operator==(Float16<F> a, Float16<F> b) { return float(a) == float(b); }
template <class F> bool operator!=(Float16<F> a, Float16<F> b) { return float(a) != float(b); }
template <class F> bool operator<(Float16<F> a, Float16<F> b) { return float(a) < float(b); }
template <class F> bool operator<=(Float16<F> a, Float16<F> b) { return float(a) <= float(b); }
template <class F> bool operator>(Float16<F> a, Float16<F> b) { return float(a) > float(b); }
template <class F> bool operator>=(Float16<F> a, Float16<F> b) { return float(a) >= float(b); }

template <class Format> struct Float16Pair {
  Float16<Format> x, y;
  Float16Pair() = default;
  Float16Pair(Float16<Format> a, Float16<Format> b) : x(a), y(b) {}
};

template <class F> Float16Pair<F> operator+(Float16Pair<F> a, Float16Pair<F> b) { return {a.x + b.x, a.y + b.y}; }
template <class F> Float16Pair<F> operator-(Float16Pair<F> a, Float16Pair<F> b) { return {a.x - b.x, a.y - b.y}; }
template <class F> Float16Pair<F> operator*(Float16Pair<F> a, Float16Pair<F> b) { return {a.x * b.x, a.y * b.y}; }
template <class F> Float16Pair<F> operator/(Float16Pair<F> a, Float16Pair<F> b) { return {a.x / b.x, a.y / b.y}; }

} // namespace xir::runtime::gpu

using __half = xir::runtime::gpu::Float16<xir::runtime::gpu::HalfFormat>;
using __half_raw = xir::runtime::gpu::Float16Raw<xir::runtime::gpu::HalfFormat>;
using __half2 = xir::runtime::gpu::Float16Pair<xir::runtime::gpu::HalfFormat>;
using half = __half;
using half2 = __half2;
using __nv_bfloat16 = xir::runtime::gpu::Float16<xir::runtime::gpu::BFloat16Format>;
using __nv_bfloat16_raw = xir::runtime::gpu::Float16Raw<xir::runtime::gpu::BFloat16Format>;
using __nv_bfloat162 = xir::runtime::gpu::Float16Pair<xir::runtime::gpu::BFloat16Format>;
using nv_bfloat16 = __nv_bfloat16;
using nv_bfloat162 = __nv_bfloat162;

// --- Conversions ---
inline __half __float2half(float v) { return __half(v); }
inline __half __float2half_rn(float v) { return __half(v); }
inline __half __float2half_rz(float v) { return __half::from_float(v, xir::runtime::Rounding::toward_zero); }
inline __half __float2half_rd(float v) { return __half::from_float(v, xir::runtime::Rounding::down); }
inline __half __float2half_ru(float v) { return __half::from_float(v, xir::runtime::Rounding::up); }
inline __half __double2half(double v) { return __half(v); }
inline float __half2float(__half h) { return float(h); }
inline __half __int2half_rn(int v) { return __half(static_cast<float>(v)); }
inline int __half2int_rn(__half h) { return static_cast<int>(nearbyintf(float(h))); }
inline int __half2int_rz(__half h) { return static_cast<int>(float(h)); }
inline short __half_as_short(__half h) { return static_cast<short>(h.__x); }
inline unsigned short __half_as_ushort(__half h) { return h.__x; }
inline __half __short_as_half(short v) { return __half::from_bits(static_cast<unsigned short>(v)); }
inline __half __ushort_as_half(unsigned short v) { return __half::from_bits(v); }
inline __half2 __float2half2_rn(float v) { return {__half(v), __half(v)}; }
inline __half2 __floats2half2_rn(float a, float b) { return {__half(a), __half(b)}; }
inline __half2 __float22half2_rn(float2 v) { return {__half(v.x), __half(v.y)}; }
inline float2 __half22float2(__half2 h) { return {float(h.x), float(h.y)}; }
inline float __low2float(__half2 h) { return float(h.x); }
inline float __high2float(__half2 h) { return float(h.y); }
inline __half __low2half(__half2 h) { return h.x; }
inline __half __high2half(__half2 h) { return h.y; }
inline __half2 __halves2half2(__half a, __half b) { return {a, b}; }
inline __half2 __half2half2(__half a) { return {a, a}; }
inline __half2 __lows2half2(__half2 a, __half2 b) { return {a.x, b.x}; }
inline __half2 __highs2half2(__half2 a, __half2 b) { return {a.y, b.y}; }
inline __half2 make_half2(__half a, __half b) { return {a, b}; }

inline __nv_bfloat16 __float2bfloat16(float v) { return __nv_bfloat16(v); }
inline __nv_bfloat16 __float2bfloat16_rn(float v) { return __nv_bfloat16(v); }
inline __nv_bfloat16 __float2bfloat16_rz(float v) { return __nv_bfloat16::from_float(v, xir::runtime::Rounding::toward_zero); }
inline __nv_bfloat16 __float2bfloat16_rd(float v) { return __nv_bfloat16::from_float(v, xir::runtime::Rounding::down); }
inline __nv_bfloat16 __float2bfloat16_ru(float v) { return __nv_bfloat16::from_float(v, xir::runtime::Rounding::up); }
inline float __bfloat162float(__nv_bfloat16 h) { return float(h); }
inline __nv_bfloat162 __float2bfloat162_rn(float v) { return {__nv_bfloat16(v), __nv_bfloat16(v)}; }
inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) { return {__nv_bfloat16(a), __nv_bfloat16(b)}; }
inline float2 __bfloat1622float2(__nv_bfloat162 h) { return {float(h.x), float(h.y)}; }
inline __nv_bfloat162 __halves2bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) { return {a, b}; }
inline __nv_bfloat16 __low2bfloat16(__nv_bfloat162 h) { return h.x; }
inline __nv_bfloat16 __high2bfloat16(__nv_bfloat162 h) { return h.y; }
inline short __bfloat16_as_short(__nv_bfloat16 h) { return static_cast<short>(h.__x); }
inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 h) { return h.__x; }
inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short v) { return __nv_bfloat16::from_bits(v); }

// --- Arithmetic shared by both formats (computed in float, rounded once) ---
namespace xir::runtime::gpu {
template <class F> using H = Float16<F>;
template <class F> using H2 = Float16Pair<F>;
template <class F, class Op> H2<F> lanewise(H2<F> a, Op op) { return {op(a.x), op(a.y)}; }
template <class F, class Op> H2<F> lanewise(H2<F> a, H2<F> b, Op op) { return {op(a.x, b.x), op(a.y, b.y)}; }
} // namespace xir::runtime::gpu

template <class F> xir::runtime::gpu::H<F> __hadd(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a + b; }
template <class F> xir::runtime::gpu::H<F> __hsub(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a - b; }
template <class F> xir::runtime::gpu::H<F> __hmul(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a * b; }
template <class F> xir::runtime::gpu::H<F> __hdiv(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a / b; }
template <class F> xir::runtime::gpu::H<F> __hneg(xir::runtime::gpu::H<F> a) { return -a; }
template <class F> xir::runtime::gpu::H<F> __habs(xir::runtime::gpu::H<F> a) { return xir::runtime::gpu::H<F>::from_bits(a.__x & 0x7fffu); }
template <class F> xir::runtime::gpu::H<F> __hfma(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b, xir::runtime::gpu::H<F> c) {
  return xir::runtime::gpu::H<F>(static_cast<float>(std::fma(double(float(a)), double(float(b)), double(float(c)))));
}
template <class F> xir::runtime::gpu::H<F> __hmax(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return fmaxf(float(a), float(b)); }
template <class F> xir::runtime::gpu::H<F> __hmin(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return fminf(float(a), float(b)); }
template <class F> bool __heq(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a == b; }
template <class F> bool __hne(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a != b; }
template <class F> bool __hlt(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a < b; }
template <class F> bool __hle(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a <= b; }
template <class F> bool __hgt(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a > b; }
template <class F> bool __hge(xir::runtime::gpu::H<F> a, xir::runtime::gpu::H<F> b) { return a >= b; }
template <class F> bool __hisnan(xir::runtime::gpu::H<F> a) { return std::isnan(float(a)); }
template <class F> int __hisinf(xir::runtime::gpu::H<F> a) { const float v = float(a); return std::isinf(v) ? (v > 0 ? 1 : -1) : 0; }

#define XIR_F16_UNARY(NAME, PAIR_NAME, EXPR)                                                                   \
  template <class F> xir::runtime::gpu::H<F> NAME(xir::runtime::gpu::H<F> a) {                                 \
    const float x = float(a);                                                                                  \
    return xir::runtime::gpu::H<F>(static_cast<float>(EXPR));                                                  \
  }                                                                                                            \
  template <class F> xir::runtime::gpu::H2<F> PAIR_NAME(xir::runtime::gpu::H2<F> a) {                          \
    return xir::runtime::gpu::lanewise(a, [](xir::runtime::gpu::H<F> v) { return NAME(v); });                  \
  }
XIR_F16_UNARY(hexp, h2exp, expf(x))
XIR_F16_UNARY(hexp2, h2exp2, exp2f(x))
XIR_F16_UNARY(hexp10, h2exp10, powf(10.0f, x))
XIR_F16_UNARY(hlog, h2log, logf(x))
XIR_F16_UNARY(hlog2, h2log2, log2f(x))
XIR_F16_UNARY(hlog10, h2log10, log10f(x))
XIR_F16_UNARY(hsqrt, h2sqrt, sqrtf(x))
XIR_F16_UNARY(hrsqrt, h2rsqrt, 1.0f / sqrtf(x))
XIR_F16_UNARY(hrcp, h2rcp, 1.0f / x)
XIR_F16_UNARY(hsin, h2sin, sinf(x))
XIR_F16_UNARY(hcos, h2cos, cosf(x))
XIR_F16_UNARY(htanh, h2tanh, tanhf(x))
XIR_F16_UNARY(hfloor, h2floor, floorf(x))
XIR_F16_UNARY(hceil, h2ceil, ceilf(x))
XIR_F16_UNARY(htrunc, h2trunc, truncf(x))
XIR_F16_UNARY(hrint, h2rint, rintf(x))
#undef XIR_F16_UNARY

template <class F> xir::runtime::gpu::H2<F> __hadd2(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b) { return a + b; }
template <class F> xir::runtime::gpu::H2<F> __hsub2(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b) { return a - b; }
template <class F> xir::runtime::gpu::H2<F> __hmul2(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b) { return a * b; }
template <class F> xir::runtime::gpu::H2<F> __h2div(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b) { return a / b; }
template <class F> xir::runtime::gpu::H2<F> __hneg2(xir::runtime::gpu::H2<F> a) { return {-a.x, -a.y}; }
template <class F> xir::runtime::gpu::H2<F> __habs2(xir::runtime::gpu::H2<F> a) { return {__habs(a.x), __habs(a.y)}; }
template <class F> xir::runtime::gpu::H2<F> __hfma2(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b, xir::runtime::gpu::H2<F> c) {
  return {__hfma(a.x, b.x, c.x), __hfma(a.y, b.y, c.y)};
}
template <class F> xir::runtime::gpu::H2<F> __hmax2(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b) { return {__hmax(a.x, b.x), __hmax(a.y, b.y)}; }
template <class F> xir::runtime::gpu::H2<F> __hmin2(xir::runtime::gpu::H2<F> a, xir::runtime::gpu::H2<F> b) { return {__hmin(a.x, b.x), __hmin(a.y, b.y)}; }

// Atomics on 16-bit floats (sm_70+ for __half, sm_80+ for bf16) and on pairs.
#include "xir_gpu/atomics.h"
template <class F> xir::runtime::gpu::H<F> atomicAdd(xir::runtime::gpu::H<F> *a, xir::runtime::gpu::H<F> v) {
  return xir::runtime::gpu::atomic_update(a, [v](xir::runtime::gpu::H<F> old) { return old + v; });
}
template <class F> xir::runtime::gpu::H2<F> atomicAdd(xir::runtime::gpu::H2<F> *a, xir::runtime::gpu::H2<F> v) {
  return xir::runtime::gpu::atomic_update(a, [v](xir::runtime::gpu::H2<F> old) { return old + v; });
}

// HIP's older bfloat16 class (hip/hip_bfloat16.h): member `data`, float conversions round to nearest even.
struct hip_bfloat16 {
  unsigned short data;
  hip_bfloat16() = default;
  hip_bfloat16(float v) : data(xir::runtime::float_to_bfloat16_bits(v)) {}
  operator float() const { return xir::runtime::bfloat16_bits_to_float(data); }
  hip_bfloat16 &operator+=(hip_bfloat16 o) { return *this = hip_bfloat16(float(*this) + float(o)); }
  hip_bfloat16 &operator*=(hip_bfloat16 o) { return *this = hip_bfloat16(float(*this) * float(o)); }
};

// HIP's names for the CUDA-compatible bfloat16 (hip/hip_bf16.h).
using __hip_bfloat16 = __nv_bfloat16;
using __hip_bfloat162 = __nv_bfloat162;
