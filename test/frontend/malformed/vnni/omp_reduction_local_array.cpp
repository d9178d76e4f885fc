// expect: 6:40: an array in an OpenMP `reduction` clause
#include <immintrin.h>

extern "C" void run_histogram(const int* B, int* H, int n) {
  int counts[4] = {0, 0, 0, 0};
#pragma omp parallel for reduction(+ : counts)
  for (int i = 0; i < n; ++i) counts[B[i] & 3] += 1;
  for (int k = 0; k < 4; ++k) H[k] = counts[k];
}
