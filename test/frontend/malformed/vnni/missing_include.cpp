// expect: 3:10: 'mkl.h' file not found
#include <immintrin.h>
#include <mkl.h>

extern "C" void run_copy(const float* A, float* C, int n) {
  for (int i = 0; i < n; ++i) C[i] = A[i];
}
