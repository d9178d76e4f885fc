// expect: 7:26: recursion
#include <immintrin.h>

static float sum_range(const float* A, int lo, int hi) {
  const int mid = (lo + hi) / 2;
  return hi - lo <= 16 ? _mm512_reduce_add_ps(_mm512_loadu_ps(A + lo))
                       : sum_range(A, lo, mid) + sum_range(A, mid, hi);
}

extern "C" void run_sum(const float* A, float* C, int n) {
  C[0] = sum_range(A, 0, n);
}
