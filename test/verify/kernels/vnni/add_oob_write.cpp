// Negative test: writes one element past the end of C (<= instead of <).
extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  for (int i = 0; i <= n; ++i) C[i] = A[i] + B[i];
}
