// expect: 7:3: a while loop
#include <immintrin.h>

extern "C" void first_negative(const float* a, int* c, int n) {
  int found = 0;
  // A do-while loop has no trip count the lifter can compute.
  do {
    if (a[found] < 0.0f) break;
    ++found;
  } while (found < n);
  c[0] = found;
}
