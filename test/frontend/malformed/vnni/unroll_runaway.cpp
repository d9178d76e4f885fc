// expect: 6:3: more than 64 iterations
#include <immintrin.h>

extern "C" void run_stride(float* C, int n) {
  // The stride starts at 0 and never grows: the loop never ends.
  for (int stride = 0; stride < 256; stride *= 2) C[0] += 1.0f;
}
