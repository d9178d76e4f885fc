// relu whose loop writes one element past the end of C: the interp engine lets the write into the
// mapping that holds C through, as native code does, and xir-verify's canary zone reports it.
extern "C" void run_relu(const float* A, float* C, int n) {
  for (int i = 0; i <= n; ++i)
    C[i] = A[i] > 0.0f ? A[i] : 0.0f;
}
