// expect: 6:5: switch
#include <immintrin.h>

extern "C" void run_act(const float* A, float* C, int n, int kind) {
  for (int i = 0; i < n; ++i) {
    switch (kind) {
    case 0: C[i] = A[i]; break;
    default: C[i] = A[i] > 0.0f ? A[i] : 0.0f; break;
    }
  }
}
