// expect: 5:14: a static local variable
#include <immintrin.h>

extern "C" void run_count(float* C, int n) {
  static int calls = 0;
  for (int i = 0; i < n; ++i) C[i] = calls;
}
