/* Declarations of the AVX-512 (F, BW, VNNI, BF16) types and intrinsics the xir VNNI frontend
   lifts. Only declarations: the frontend gives each intrinsic its meaning. The vector types are
   Clang vector types whose element type is the lane type the intrinsics use. */
#ifndef XIR_VNNI_IMMINTRIN_H
#define XIR_VNNI_IMMINTRIN_H

typedef float __m512 __attribute__((__vector_size__(64), __aligned__(64)));
typedef int __m512i __attribute__((__vector_size__(64), __aligned__(64)));
typedef short __m256i __attribute__((__vector_size__(32), __aligned__(32)));
/* 32 bf16 values seen as the 16 words of two that _mm512_dpbf16_ps multiplies pairwise: a
   __m512bh local holds its words, and casts from __m512i keep them. */
typedef int __m512bh __attribute__((__vector_size__(64), __aligned__(64)));
typedef unsigned short __mmask16;
typedef unsigned int __mmask32;

#define _MM_FROUND_TO_NEAREST_INT 0x00
#define _MM_FROUND_TO_NEG_INF 0x01
#define _MM_FROUND_TO_POS_INF 0x02
#define _MM_FROUND_TO_ZERO 0x03
#define _MM_FROUND_CUR_DIRECTION 0x04
#define _MM_FROUND_NO_EXC 0x08

#define _CMP_EQ_OQ 0x00
#define _CMP_LT_OS 0x01
#define _CMP_LE_OS 0x02
#define _CMP_NEQ_UQ 0x04
#define _CMP_NLT_US 0x05
#define _CMP_NLE_US 0x06
#define _CMP_NEQ_OQ 0x0c
#define _CMP_GE_OS 0x0d
#define _CMP_GT_OS 0x0e
#define _CMP_LT_OQ 0x11
#define _CMP_LE_OQ 0x12
#define _CMP_GE_OQ 0x1d
#define _CMP_GT_OQ 0x1e

typedef enum {
  _MM_CMPINT_EQ = 0, _MM_CMPINT_LT = 1, _MM_CMPINT_LE = 2, _MM_CMPINT_FALSE = 3,
  _MM_CMPINT_NE = 4, _MM_CMPINT_NLT = 5, _MM_CMPINT_NLE = 6, _MM_CMPINT_TRUE = 7
} _MM_CMPINT_ENUM;

#ifdef __cplusplus
extern "C" {
#endif

/* Construction */
__m512 _mm512_setzero_ps(void);
__m512 _mm512_set1_ps(float a);
__m512i _mm512_setzero_si512(void);
__m512i _mm512_set1_epi32(int a);
__m512i _mm512_set_epi32(int e15, int e14, int e13, int e12, int e11, int e10, int e9, int e8, int e7,
                         int e6, int e5, int e4, int e3, int e2, int e1, int e0);

/* Memory */
__m512 _mm512_loadu_ps(const void* p);
__m512 _mm512_maskz_loadu_ps(__mmask16 k, const void* p);
__m512 _mm512_mask_loadu_ps(__m512 src, __mmask16 k, const void* p);
void _mm512_storeu_ps(void* p, __m512 a);
void _mm512_mask_storeu_ps(void* p, __mmask16 k, __m512 a);
__m512i _mm512_loadu_si512(const void* p);
__m512i _mm512_maskz_loadu_epi32(__mmask16 k, const void* p);
void _mm512_storeu_si512(void* p, __m512i a);
void _mm512_mask_storeu_epi32(void* p, __mmask16 k, __m512i a);
__m256i _mm256_maskz_loadu_epi16(__mmask16 k, const void* p);
__m512 _mm512_mask_i32gather_ps(__m512 src, __mmask16 k, __m512i index, const void* base, int scale);
__m512 _mm512_i32gather_ps(__m512i index, const void* base, int scale);

/* f32 arithmetic */
__m512 _mm512_add_ps(__m512 a, __m512 b);
__m512 _mm512_sub_ps(__m512 a, __m512 b);
__m512 _mm512_mul_ps(__m512 a, __m512 b);
__m512 _mm512_div_ps(__m512 a, __m512 b);
__m512 _mm512_max_ps(__m512 a, __m512 b);
__m512 _mm512_min_ps(__m512 a, __m512 b);
__m512 _mm512_sqrt_ps(__m512 a);
__m512 _mm512_abs_ps(__m512 a);
__m512 _mm512_fmadd_ps(__m512 a, __m512 b, __m512 c);
__m512 _mm512_fmsub_ps(__m512 a, __m512 b, __m512 c);
__m512 _mm512_fnmadd_ps(__m512 a, __m512 b, __m512 c);
__m512 _mm512_roundscale_ps(__m512 a, int imm);
__m512 _mm512_scalef_ps(__m512 a, __m512 b);
__m512 _mm512_maskz_sub_ps(__mmask16 k, __m512 a, __m512 b);
__m512 _mm512_maskz_add_ps(__mmask16 k, __m512 a, __m512 b);
__m512 _mm512_maskz_mul_ps(__mmask16 k, __m512 a, __m512 b);
__m512 _mm512_maskz_mov_ps(__mmask16 k, __m512 a);
__m512 _mm512_mask_mov_ps(__m512 src, __mmask16 k, __m512 a);
__m512 _mm512_mask_blend_ps(__mmask16 k, __m512 a, __m512 b);
__mmask16 _mm512_cmp_ps_mask(__m512 a, __m512 b, int predicate);
float _mm512_reduce_add_ps(__m512 a);
float _mm512_reduce_max_ps(__m512 a);
float _mm512_reduce_min_ps(__m512 a);

/* Declared so that files using them parse; the frontend does not lift them */
__m512 _mm512_rsqrt14_ps(__m512 a);
__m512 _mm512_rcp14_ps(__m512 a);
__m512 _mm512_permutexvar_ps(__m512i index, __m512 a);

/* 32-bit integer lanes */
__m512i _mm512_add_epi32(__m512i a, __m512i b);
__m512i _mm512_sub_epi32(__m512i a, __m512i b);
__m512i _mm512_mullo_epi32(__m512i a, __m512i b);
__m512i _mm512_max_epi32(__m512i a, __m512i b);
__m512i _mm512_min_epi32(__m512i a, __m512i b);
__m512i _mm512_and_si512(__m512i a, __m512i b);
__m512i _mm512_or_si512(__m512i a, __m512i b);
__m512i _mm512_xor_si512(__m512i a, __m512i b);
__m512i _mm512_slli_epi32(__m512i a, unsigned int imm);
__m512i _mm512_srli_epi32(__m512i a, unsigned int imm);
__mmask16 _mm512_cmp_epi32_mask(__m512i a, __m512i b, _MM_CMPINT_ENUM predicate);
int _mm512_reduce_add_epi32(__m512i a);

/* Conversions */
__m512i _mm512_cvtps_epi32(__m512 a);
__m512i _mm512_cvttps_epi32(__m512 a);
__m512 _mm512_cvtepi32_ps(__m512i a);
__m512 _mm512_cvtph_ps(__m256i a);
__m512i _mm512_castps_si512(__m512 a);
__m512 _mm512_castsi512_ps(__m512i a);

/* Dot products */
__m512i _mm512_dpbusd_epi32(__m512i src, __m512i a, __m512i b);
__m512 _mm512_dpbf16_ps(__m512 src, __m512bh a, __m512bh b);

#ifdef __cplusplus
}
#endif

#endif
