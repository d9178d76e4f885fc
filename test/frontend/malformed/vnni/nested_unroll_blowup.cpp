// expect: 8:9: unrolled
#include <immintrin.h>

extern "C" void run_blowup(float* C, int n) {
  for (int a = 1; a < 1 << 20; a *= 2)
    for (int b = 1; b < 1 << 20; b *= 2)
      for (int d = 1; d < 1 << 20; d *= 2)
        for (int e = 1; e < 1 << 20; e *= 2) C[0] += 1.0f;
}
