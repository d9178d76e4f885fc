// expect: 5:21: a pointer cast that reinterprets the element type
#include <immintrin.h>

extern "C" void run_bits(const float* A, int* C, int n) {
  const int* bits = (const int*)A;
  for (int i = 0; i < n; ++i) C[i] = bits[i];
}
