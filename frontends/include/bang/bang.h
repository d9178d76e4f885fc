// Declarations of the BANG C device API (DIALECTS.md 1.1-1.9), for parsing kernel files with Clang
// in CUDA mode without the Cambricon SDK. Only types and signatures: the frontend lifts calls by name.
#pragma once

#include "xir_bang_attributes.h"

typedef __SIZE_TYPE__ size_t;

// 16-bit floating-point storage types with the usual conversions.
struct half {
  unsigned short __x;
  half() = default;
  __attribute__((host, device)) half(float);
  __attribute__((host, device)) operator float() const;
};
struct bfloat16_t {
  unsigned short __x;
  bfloat16_t() = default;
  __attribute__((host, device)) bfloat16_t(float);
  __attribute__((host, device)) operator float() const;
};
typedef signed char int8;

// Spellings and order as in xir::bang::MemcpyDirection; the frontend reads them by name.
typedef enum {
  GDRAM2NRAM, NRAM2GDRAM, GDRAM2WRAM, WRAM2GDRAM, GDRAM2SRAM, SRAM2GDRAM, SRAM2NRAM, NRAM2SRAM,
  SRAM2WRAM, WRAM2SRAM, NRAM2NRAM, NRAM2WRAM, WRAM2NRAM, GDRAM2GDRAM, SRAM2SRAM,
  GDRAM2LDRAM, LDRAM2GDRAM, LDRAM2NRAM, NRAM2LDRAM, LDRAM2SRAM, SRAM2LDRAM, LDRAM2LDRAM
} mluMemcpyDirection_t;

// Task geometry (DIALECTS.md 1.1).
extern __mlu_device__ const unsigned int taskId, taskIdX, taskIdY, taskIdZ;
extern __mlu_device__ const unsigned int taskDim, taskDimX, taskDimY, taskDimZ;
extern __mlu_device__ const unsigned int clusterId, clusterDim, coreId, coreDim;

__mlu_device__ bool __is_ipu();
__mlu_device__ bool __is_mpu();

// Synchronization.
__mlu_device__ void __sync();
__mlu_device__ void __sync_io();
__mlu_device__ void __sync_compute();
__mlu_device__ void __sync_move();
__mlu_device__ void __sync_cluster();
__mlu_device__ void __sync_all();
__mlu_device__ void __sync_all_ipu();
__mlu_device__ void __sync_all_mpu();

// Data movement and fills (sizes and strides in bytes).
__mlu_device__ void __memcpy(void *dst, const void *src, unsigned int size, mluMemcpyDirection_t dir);
__mlu_device__ void __memcpy(void *dst, const void *src, unsigned int size, mluMemcpyDirection_t dir,
                             unsigned int dst_stride, int src_stride, unsigned int segnum);
__mlu_device__ void __memcpy(void *dst, const void *src, unsigned int size, mluMemcpyDirection_t dir,
                             int dst_stride0, unsigned int dst_segnum1, int dst_stride1, unsigned int dst_segnum2,
                             int src_stride0, unsigned int src_segnum1, int src_stride1, unsigned int src_segnum2);
__mlu_device__ void __memcpy_async(void *dst, const void *src, unsigned int size, mluMemcpyDirection_t dir);
__mlu_device__ void __memcpy_async(void *dst, const void *src, unsigned int size, mluMemcpyDirection_t dir,
                                   unsigned int dst_stride, int src_stride, unsigned int segnum);
__mlu_device__ void __memcpy_async(void *dst, const void *src, unsigned int size, mluMemcpyDirection_t dir,
                                   int dst_stride0, unsigned int dst_segnum1, int dst_stride1,
                                   unsigned int dst_segnum2, int src_stride0, unsigned int src_segnum1,
                                   int src_stride1, unsigned int src_segnum2);
template <class T> __mlu_device__ void __bang_write_zero(T *dst, unsigned int n);
template <class V> __mlu_device__ void __bang_write_value(void *dst, unsigned int n, V value);
template <class V> __mlu_device__ void __memset_nram(void *dst, unsigned int n, V value);
// NRAM to NRAM on the Compute pipeline; bytes, like __memcpy.
__mlu_device__ void __bang_move(void *dst, const void *src, unsigned int size);
__mlu_device__ void __bang_move(void *dst, const void *src, unsigned int size, unsigned int dst_stride,
                                int src_stride, unsigned int segnum);

// The value operand of the `_scalar` forms converts to the element type.
template <class T> struct __xir_same_type { typedef T type; };
#define XIR_BANG_BINARY(name) \
  template <class T> __mlu_device__ void name(T *dst, const T *a, const T *b, unsigned int n);
#define XIR_BANG_WITH_SCALAR(name) \
  template <class T> __mlu_device__ void name(T *dst, const T *a, typename __xir_same_type<T>::type v, unsigned int n);
#define XIR_BANG_UNARY(name) template <class T> __mlu_device__ void name(T *dst, const T *src, unsigned int n);

XIR_BANG_BINARY(__bang_add)
XIR_BANG_BINARY(__bang_sub)
XIR_BANG_BINARY(__bang_mul)
XIR_BANG_BINARY(__bang_div)
XIR_BANG_BINARY(__bang_maxequal)
XIR_BANG_BINARY(__bang_minequal)
XIR_BANG_WITH_SCALAR(__bang_add_scalar)
XIR_BANG_WITH_SCALAR(__bang_sub_scalar)
XIR_BANG_WITH_SCALAR(__bang_mul_scalar)
XIR_BANG_WITH_SCALAR(__bang_add_const)
XIR_BANG_WITH_SCALAR(__bang_sub_const)
XIR_BANG_WITH_SCALAR(__bang_mul_const)
XIR_BANG_UNARY(__bang_recip)
XIR_BANG_UNARY(__bang_sqrt)
XIR_BANG_UNARY(__bang_sin)
XIR_BANG_UNARY(__bang_sigmoid)
XIR_BANG_UNARY(__bang_active_exp)
XIR_BANG_UNARY(__bang_active_sigmoid)
XIR_BANG_UNARY(__bang_active_relu)
XIR_BANG_UNARY(__bang_active_sign)
XIR_BANG_UNARY(__bang_active_recip)
XIR_BANG_UNARY(__bang_active_gelu)
XIR_BANG_UNARY(__bang_active_gelup)
XIR_BANG_UNARY(__bang_reduce_sum)
XIR_BANG_UNARY(__bang_argmax)
XIR_BANG_UNARY(__bang_argmin)
XIR_BANG_UNARY(__bang_max)
XIR_BANG_UNARY(__bang_min)
XIR_BANG_WITH_SCALAR(__bang_div)
// Deprecated form with an n-element NRAM scratch buffer.
template <class T> __mlu_device__ void __bang_div(T *dst, const T *a, const T *b, T *tmp, unsigned int n);
#undef XIR_BANG_BINARY
#undef XIR_BANG_WITH_SCALAR
#undef XIR_BANG_UNARY

template <class T> __mlu_device__ void __bang_transpose(T *dst, const T *src, unsigned int h, unsigned int w);
template <class T> __mlu_device__ void __bang_reshape_filter(T *dst, const T *src, int n, int h, int w, int c);

// Pooling on HWC tiles; strides width first.
#define XIR_BANG_POOL(name)                                                                              \
  template <class T>                                                                                     \
  __mlu_device__ void name(T *dst, const T *src, unsigned int channel, unsigned int height, unsigned int width, \
                           unsigned int kernel_height, unsigned int kernel_width);                       \
  template <class T>                                                                                     \
  __mlu_device__ void name(T *dst, const T *src, unsigned int channel, unsigned int height, unsigned int width, \
                           unsigned int kernel_height, unsigned int kernel_width, unsigned int stride_width,     \
                           unsigned int stride_height);
XIR_BANG_POOL(__bang_sumpool)
XIR_BANG_POOL(__bang_maxpool)
XIR_BANG_POOL(__bang_minpool)
XIR_BANG_POOL(__bang_avgpool)
#undef XIR_BANG_POOL

// NRAM x WRAM -> NRAM.
template <class DT, class ST>
__mlu_device__ void __bang_matmul(DT *dst, const ST *src0, const ST *src1, unsigned int M, unsigned int K,
                                  unsigned int N);
template <class DT, class ST>
__mlu_device__ void __bang_matmul(DT *dst, const ST *src0, const ST *src1, const DT *src2, unsigned int M,
                                  unsigned int K, unsigned int N);
template <class DT, class ST>
__mlu_device__ void __bang_mlp(DT *dst, const ST *src, const ST *filter, int height, int width);
template <class DT, class ST>
__mlu_device__ void __bang_mlp(DT *dst, const ST *src, const DT *bias, const ST *filter, int height, int width);
template <class DT, class ST, class WT>
__mlu_device__ void __bang_conv(DT *dst, const ST *src, const WT *kernel, unsigned int channel_input,
                                unsigned int height, unsigned int width, unsigned int kernel_height,
                                unsigned int kernel_width, unsigned int stride_width, unsigned int stride_height,
                                unsigned int channel_output);
template <class DT, class ST, class WT>
__mlu_device__ void __bang_conv(DT *dst, const ST *src, const WT *kernel, const DT *bias, unsigned int channel_input,
                                unsigned int height, unsigned int width, unsigned int kernel_height,
                                unsigned int kernel_width, unsigned int stride_width, unsigned int stride_height,
                                unsigned int channel_output);
template <class DT, class ST, class WT>
__mlu_device__ void __bang_conv(DT *dst, const ST *src, const WT *kernel, unsigned int channel_input,
                                unsigned int height, unsigned int width, unsigned int kernel_height,
                                unsigned int kernel_width, unsigned int stride_width, unsigned int stride_height,
                                unsigned int channel_output, unsigned int indilation_width,
                                unsigned int indilation_height);
template <class DT, class ST, class WT>
__mlu_device__ void __bang_conv(DT *dst, const ST *src, const WT *kernel, const DT *bias, unsigned int channel_input,
                                unsigned int height, unsigned int width, unsigned int kernel_height,
                                unsigned int kernel_width, unsigned int stride_width, unsigned int stride_height,
                                unsigned int channel_output, unsigned int indilation_width,
                                unsigned int indilation_height);
