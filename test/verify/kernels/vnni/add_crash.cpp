// Negative test: after the sum, stores through a pointer into the unmapped first page (SIGSEGV).
#include <cstdint>

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  for (int i = 0; i < n; ++i) C[i] = A[i] + B[i];
  volatile std::uintptr_t unmapped_address = 64;
  *reinterpret_cast<volatile float*>(unmapped_address) = C[0];
}
