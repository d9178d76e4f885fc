// expect: 14:38: a virtual call
#include <immintrin.h>

struct Activation {
  virtual float apply(float x) const { return x; }
};
struct Relu : Activation {
  float apply(float x) const override { return x > 0.0f ? x : 0.0f; }
};

static const Relu relu_op;

extern "C" void run_act(const float* A, float* C, int n) {
  for (int i = 0; i < n; ++i) C[i] = relu_op.apply(A[i]);
}
