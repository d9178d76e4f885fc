// nvcuda::wmma declarations for the xir CUDA frontend (DIALECTS.md 2.4).
#pragma once
#include "cuda_runtime.h"

namespace nvcuda {
namespace wmma {
struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
enum layout_t { mem_row_major, mem_col_major };
namespace precision { struct tf32 {}; }
namespace __xir_detail {
template <class A, class B> struct same { enum { value = 0 }; };
template <class A> struct same<A, A> { enum { value = 1 }; };
template <class T> struct storage { typedef T type; };
template <> struct storage<precision::tf32> { typedef float type; };
// Elements per thread of the CUDA header's fragments (DIALECTS.md 2.4).
template <class Use, int M, int N, int K, class T> struct elements {
  enum {
    value = same<Use, accumulator>::value ? M * N / 32
            : same<T, __half>::value      ? 16
            : same<T, precision::tf32>::value ? 4
            : same<T, double>::value      ? 1
            : M == 16                     ? 8
            : (M == 32) == (same<Use, matrix_a>::value != 0) ? 16
                                                             : 4
  };
};
} // namespace __xir_detail
template <class Use, int M, int N, int K, class T, class Layout = void> struct fragment {
  enum { num_elements = __xir_detail::elements<Use, M, N, K, T>::value };
  typename __xir_detail::storage<T>::type x[num_elements];
};
template <class Use, int M, int N, int K, class T, class Layout, class U>
__device__ void load_matrix_sync(fragment<Use, M, N, K, T, Layout>& f, const U* p, unsigned ldm);
template <class Use, int M, int N, int K, class T, class U>
__device__ void load_matrix_sync(fragment<Use, M, N, K, T>& f, const U* p, unsigned ldm, layout_t layout);
template <int M, int N, int K, class T>
__device__ void store_matrix_sync(T* p, const fragment<accumulator, M, N, K, T>& f, unsigned ldm, layout_t layout);
template <class Use, int M, int N, int K, class T, class Layout, class V>
__device__ void fill_fragment(fragment<Use, M, N, K, T, Layout>& f, V value);
template <int M, int N, int K, class TA, class LA, class TB, class LB, class TC>
__device__ void mma_sync(fragment<accumulator, M, N, K, TC>& d, const fragment<matrix_a, M, N, K, TA, LA>& a,
                         const fragment<matrix_b, M, N, K, TB, LB>& b, const fragment<accumulator, M, N, K, TC>& c);
} // namespace wmma
} // namespace nvcuda
