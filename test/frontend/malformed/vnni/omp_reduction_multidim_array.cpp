// expect: 6:40: a reduction over a multi-dimensional array

#include <immintrin.h>
extern "C" void run_histogram(const int* B, int* H, int n) {
  int counts[2][2] = {{0, 0}, {0, 0}};
#pragma omp parallel for reduction(+ : counts)
  for (int i = 0; i < n; ++i) counts[B[i] & 1][(B[i] >> 1) & 1] += 1;
  for (int k = 0; k < 4; ++k) H[k] = counts[k / 2][k % 2];
}
