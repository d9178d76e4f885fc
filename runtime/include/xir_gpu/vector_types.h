// CUDA/HIP built-in vector types (dim3, uint3, float4, ...) and their make_* constructors.
#pragma once

#include <cstddef>

#define XIR_VECTOR_TYPES(T, NAME, ALIGN2, ALIGN4)                                                            \
  struct NAME##1 { T x; };                                                                                   \
  struct alignas(ALIGN2) NAME##2 { T x, y; };                                                                \
  struct NAME##3 { T x, y, z; };                                                                             \
  struct alignas(ALIGN4) NAME##4 { T x, y, z, w; };                                                          \
  inline NAME##1 make_##NAME##1(T x) { return {x}; }                                                         \
  inline NAME##2 make_##NAME##2(T x, T y) { return {x, y}; }                                                 \
  inline NAME##3 make_##NAME##3(T x, T y, T z) { return {x, y, z}; }                                        \
  inline NAME##4 make_##NAME##4(T x, T y, T z, T w) { return {x, y, z, w}; }

XIR_VECTOR_TYPES(signed char, char, 2, 4)
XIR_VECTOR_TYPES(unsigned char, uchar, 2, 4)
XIR_VECTOR_TYPES(short, short, 4, 8)
XIR_VECTOR_TYPES(unsigned short, ushort, 4, 8)
XIR_VECTOR_TYPES(int, int, 8, 16)
XIR_VECTOR_TYPES(unsigned int, uint, 8, 16)
XIR_VECTOR_TYPES(long, long, 16, 16)
XIR_VECTOR_TYPES(unsigned long, ulong, 16, 16)
XIR_VECTOR_TYPES(long long, longlong, 16, 16)
XIR_VECTOR_TYPES(unsigned long long, ulonglong, 16, 16)
XIR_VECTOR_TYPES(float, float, 8, 16)
XIR_VECTOR_TYPES(double, double, 16, 16)

#undef XIR_VECTOR_TYPES

struct dim3 {
  unsigned int x = 1, y = 1, z = 1;
  constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
  constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  constexpr operator uint3() const { return {x, y, z}; }
};
