// expect: 7:5: a while loop
#include <immintrin.h>

extern "C" void run_halve(float* C, int n) {
  for (int i = 0; i < n; ++i) {
    float v = C[i];
    do {
      v = v * 0.5f;
    } while (v > 1.0f);
    C[i] = v;
  }
}
