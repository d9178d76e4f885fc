// expect: 6:3: a while loop
#include <immintrin.h>

extern "C" void run_find(const int* A, int* C, int n, int key) {
  int i = 0;
  while (true) {
    if (i >= n || A[i] == key) break;
    ++i;
  }
  C[0] = i;
}
