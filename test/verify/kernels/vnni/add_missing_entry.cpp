// Negative test: the entry point has the wrong name (C++ linkage mangles it).
void run_add(const float* A, const float* B, float* C, int n) {
  for (int i = 0; i < n; ++i) C[i] = A[i] + B[i];
}
