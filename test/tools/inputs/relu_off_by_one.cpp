// relu with an off-by-one loop bound: the last element is never written (xir-verify must fail at compare).
extern "C" void run_relu(const float* A, float* C, int n) {
  for (int i = 0; i < n - 1; ++i)
    C[i] = A[i] > 0.0f ? A[i] : 0.0f;
}
