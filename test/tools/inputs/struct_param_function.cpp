// A VNNI function taking a struct by value: its C signature cannot be rebuilt from the lifted
// parameters (one per field), so the interp engine refuses it.
struct Affine {
  float scale;
  float shift;
};

extern "C" void run_affine(const float* x, float* y, Affine p, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * p.scale + p.shift;
}
