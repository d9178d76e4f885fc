// AMD MFMA builtins on the CPU, simulated per wavefront with the lane layouts of AMD's Matrix
// Instruction Calculator (DIALECTS.md 3.2): every lane deposits its slice of A, B and C, the last
// lane to arrive computes D = A * B + C for the whole wave and hands every lane its slice of D.
#pragma once

#include "xir_gpu/warp.h"

#include <cstdint>

typedef float xir_mfma_float4 __attribute__((__vector_size__(4 * sizeof(float))));
typedef float xir_mfma_float16 __attribute__((__vector_size__(16 * sizeof(float))));
typedef _Float16 xir_mfma_half4 __attribute__((__vector_size__(4 * sizeof(_Float16))));

namespace xir::runtime::gpu::mfma {

struct Instruction {
  int m, n, k;
  int inputs_per_lane;  // a/b elements per lane: 1 (f32) or 4 (f16)
  int outputs_per_lane; // 4 (16x16) or 16 (32x32)
};

struct Slot {
  float a[4];
  float b[4];
  float c[16];
  float d[16];
  int blgp;
  const Instruction *instruction;
};

// Lane whose B operand lane l uses under the BLGP (B lane-group pattern) modifier.
inline unsigned blgp_source(unsigned lane, int blgp) {
  switch (blgp) {
  case 1: return lane % 32;
  case 2: return lane < 32 ? lane + 32 : lane;
  case 3: return (lane + 16) % 64;
  case 4: case 5: case 6: case 7: return 16u * static_cast<unsigned>(blgp - 4) + lane % 16;
  default: return lane;
  }
}

// Row of D held by lane l in its vector element r.
inline int output_row(const Instruction &in, unsigned lane, int r) {
  return 8 * (r / 4) + 4 * static_cast<int>(lane / in.n) + r % 4;
}

inline void combine(void *const *lane_data, std::uint64_t lanes, unsigned) {
  const Slot *first = nullptr;
  for (unsigned lane = 0; lane < 64 && !first; ++lane)
    if (lanes & (std::uint64_t{1} << lane)) first = static_cast<const Slot *>(lane_data[lane]);
  const Instruction &in = *first->instruction;
  double a[32 * 8] = {}, b[8 * 32] = {}, c[32 * 32] = {};
  // Lanes missing from a partial wave contribute zeros (the hardware would read stale registers).
  for (unsigned lane = 0; lane < 64; ++lane) {
    const unsigned b_lane = blgp_source(lane, first->blgp);
    const Slot *own = (lanes >> lane) & 1 ? static_cast<const Slot *>(lane_data[lane]) : nullptr;
    const Slot *b_source = (lanes >> b_lane) & 1 ? static_cast<const Slot *>(lane_data[b_lane]) : nullptr;
    for (int e = 0; e < in.inputs_per_lane; ++e) {
      const int kk = in.inputs_per_lane * static_cast<int>(lane / in.m) + e;
      if (own) a[(lane % in.m) * in.k + kk] = own->a[e];
      if (b_source) b[kk * in.n + lane % in.n] = b_source->b[e];
    }
    if (own)
      for (int r = 0; r < in.outputs_per_lane; ++r) c[output_row(in, lane, r) * in.n + lane % in.n] = own->c[r];
  }
  for (unsigned lane = 0; lane < 64; ++lane) {
    if (!((lanes >> lane) & 1)) continue;
    Slot *slot = static_cast<Slot *>(lane_data[lane]);
    for (int r = 0; r < in.outputs_per_lane; ++r) {
      const int row = output_row(in, lane, r), col = static_cast<int>(lane % in.n);
      double sum = 0.0; // products are exact in double; fp32 result rounded once
      for (int kk = 0; kk < in.k; ++kk) sum += a[row * in.k + kk] * b[kk * in.n + col];
      slot->d[r] = static_cast<float>(sum + c[row * in.n + col]);
    }
  }
}

template <class Result, int Outputs> Result run(const Instruction &in, const float *a, const float *b, const Result &c, int blgp) {
  Slot slot{};
  for (int e = 0; e < in.inputs_per_lane; ++e) {
    slot.a[e] = a[e];
    slot.b[e] = b[e];
  }
  for (int r = 0; r < Outputs; ++r) slot.c[r] = c[r];
  slot.blgp = blgp;
  slot.instruction = &in;
  warp_collective(&slot, &combine, full_warp_mask());
  Result d;
  for (int r = 0; r < Outputs; ++r) d[r] = slot.d[r];
  return d;
}

inline constexpr Instruction f32_16x16x4{16, 16, 4, 1, 4};
inline constexpr Instruction f16_16x16x16{16, 16, 16, 4, 4};
inline constexpr Instruction f16_32x32x8{32, 32, 8, 4, 16};
inline constexpr Instruction f32_32x32x2{32, 32, 2, 1, 16};

inline void widen(const xir_mfma_half4 &v, float *out) {
  for (int e = 0; e < 4; ++e) out[e] = static_cast<float>(v[e]);
}

} // namespace xir::runtime::gpu::mfma

inline xir_mfma_float4 __builtin_amdgcn_mfma_f32_16x16x4f32(float a, float b, xir_mfma_float4 c, int, int, int blgp) {
  return xir::runtime::gpu::mfma::run<xir_mfma_float4, 4>(xir::runtime::gpu::mfma::f32_16x16x4, &a, &b, c, blgp);
}
inline xir_mfma_float16 __builtin_amdgcn_mfma_f32_32x32x2f32(float a, float b, xir_mfma_float16 c, int, int, int blgp) {
  return xir::runtime::gpu::mfma::run<xir_mfma_float16, 16>(xir::runtime::gpu::mfma::f32_32x32x2, &a, &b, c, blgp);
}
inline xir_mfma_float4 __builtin_amdgcn_mfma_f32_16x16x16f16(xir_mfma_half4 a, xir_mfma_half4 b, xir_mfma_float4 c, int,
                                                            int, int blgp) {
  float wa[4], wb[4];
  xir::runtime::gpu::mfma::widen(a, wa);
  xir::runtime::gpu::mfma::widen(b, wb);
  return xir::runtime::gpu::mfma::run<xir_mfma_float4, 4>(xir::runtime::gpu::mfma::f16_16x16x16, wa, wb, c, blgp);
}
inline xir_mfma_float16 __builtin_amdgcn_mfma_f32_32x32x8f16(xir_mfma_half4 a, xir_mfma_half4 b, xir_mfma_float16 c,
                                                            int, int, int blgp) {
  float wa[4], wb[4];
  xir::runtime::gpu::mfma::widen(a, wa);
  xir::runtime::gpu::mfma::widen(b, wb);
  return xir::runtime::gpu::mfma::run<xir_mfma_float16, 16>(xir::runtime::gpu::mfma::f16_32x32x8, wa, wb, c, blgp);
}
