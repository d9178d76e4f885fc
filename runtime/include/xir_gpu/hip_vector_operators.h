// HIP's vector types support element-wise arithmetic (HIP_vector_type); CUDA's do not, so these
// operators exist only for HIP files.
#pragma once

#include "xir_gpu/vector_types.h"

#define XIR_VECTOR_OPERATOR(V, T, OP)                                                                          \
  inline V operator OP(V a, V b) {                                                                             \
    V r = a;                                                                                                   \
    T *pr = &r.x;                                                                                              \
    const T *pb = &b.x;                                                                                        \
    for (unsigned i = 0; i < sizeof(V) / sizeof(T); ++i) pr[i] = pr[i] OP pb[i];                               \
    return r;                                                                                                  \
  }                                                                                                            \
  inline V operator OP(V a, T s) {                                                                             \
    T *pa = &a.x;                                                                                              \
    for (unsigned i = 0; i < sizeof(V) / sizeof(T); ++i) pa[i] = pa[i] OP s;                                   \
    return a;                                                                                                  \
  }                                                                                                            \
  inline V operator OP(T s, V a) {                                                                             \
    T *pa = &a.x;                                                                                              \
    for (unsigned i = 0; i < sizeof(V) / sizeof(T); ++i) pa[i] = s OP pa[i];                                   \
    return a;                                                                                                  \
  }                                                                                                            \
  inline V &operator OP##=(V &a, V b) { return a = a OP b; }                                                   \
  inline V &operator OP##=(V &a, T s) { return a = a OP s; }

#define XIR_VECTOR_OPERATORS(V, T)                                                                             \
  XIR_VECTOR_OPERATOR(V, T, +)                                                                                 \
  XIR_VECTOR_OPERATOR(V, T, -)                                                                                 \
  XIR_VECTOR_OPERATOR(V, T, *)                                                                                 \
  XIR_VECTOR_OPERATOR(V, T, /)

XIR_VECTOR_OPERATORS(float2, float)
XIR_VECTOR_OPERATORS(float3, float)
XIR_VECTOR_OPERATORS(float4, float)
XIR_VECTOR_OPERATORS(double2, double)
XIR_VECTOR_OPERATORS(int2, int)
XIR_VECTOR_OPERATORS(int3, int)
XIR_VECTOR_OPERATORS(int4, int)
XIR_VECTOR_OPERATORS(uint2, unsigned int)
XIR_VECTOR_OPERATORS(uint4, unsigned int)

#undef XIR_VECTOR_OPERATORS
#undef XIR_VECTOR_OPERATOR
