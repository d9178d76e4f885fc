// expect: 7:3: a while loop
#include <immintrin.h>

extern "C" void positive_sum(const float* a, float* c, int n) {
  float s = 0.0f;
  int i = 0;
  while (true) {
    if (i >= n) break;
    ++i;
    if (a[i - 1] < 0.0f) continue;
    s += a[i - 1];
  }
  c[0] = s;
}
