// Negative test: the loop bound misses the last element (n - 1 instead of n).
extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  for (int i = 0; i < n - 1; ++i) C[i] = A[i] + B[i];
}
