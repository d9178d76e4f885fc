// Negative test: never returns (the loop variable is never advanced).
extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  for (volatile int i = 0; i < n;) C[i] = A[i] + B[i];
}
