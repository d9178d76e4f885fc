// expect: 5:52: recursive template instantiation exceeded maximum depth
#include <immintrin.h>

template <int N> struct Unroll {
  static float sum(const float* a) { return a[N] + Unroll<N + 1>::sum(a); }
};

extern "C" void run_sum(const float* A, float* C, int n) {
  C[0] = Unroll<0>::sum(A);
}
