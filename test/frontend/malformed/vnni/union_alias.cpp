// expect: 11:11: a union
#include <immintrin.h>

union Lanes {
  __m512 vec;
  float lane[16];
};

extern "C" void run_first_lane(const float* A, float* C, int n) {
  for (int i = 0; i < n; i += 16) {
    Lanes v;
    v.vec = _mm512_loadu_ps(A + i);
    C[i / 16] = v.lane[0];
  }
}
