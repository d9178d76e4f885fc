// expect: 5:3: undeclared identifier '_tile_loadd'
#include <immintrin.h>

extern "C" void run_tile(const signed char* A, int* C, int n) {
  _tile_loadd(0, A, 64);
  _tile_stored(0, C, 64);
}
