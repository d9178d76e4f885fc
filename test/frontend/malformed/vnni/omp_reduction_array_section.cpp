// expect: 5:40: an array section in an OpenMP `reduction` clause
#include <immintrin.h>

extern "C" void run_histogram(const int* B, int* H, int n) {
#pragma omp parallel for reduction(+ : H[0:4])
  for (int i = 0; i < n; ++i) H[B[i] & 3] += 1;
}
