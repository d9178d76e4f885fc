// expect: 7:44: the user-defined OpenMP reduction `merge`
#include <immintrin.h>

#pragma omp declare reduction(merge : float : omp_out += omp_in) initializer(omp_priv = 0.0f)
extern "C" void run_merge(const float* A, float* C, int n) {
  float total = 0.0f;
#pragma omp parallel for reduction(merge : total)
  for (int i = 0; i < n; ++i) total += A[i];
  C[0] = total;
}
