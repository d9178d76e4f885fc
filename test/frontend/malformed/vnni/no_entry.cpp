// expect: 1:1: defines no kernel
#include <immintrin.h>

static float square(float x) { return x * x; }
