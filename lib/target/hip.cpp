// AMD Instinct parts: MI200 (gfx90a, CDNA2) and MI300 (gfx942, CDNA3). The Debian hipcc cannot
// target gfx942; the emitters compile gfx940, the same ISA family, in its place.
#include "descriptions.hpp"

namespace xir::target_detail {
namespace {

Intrinsic mfma(std::string name, std::string a_type, std::string c_type,
               std::vector<ScalarKind> ab_kinds) {
  // Wavefront-collective: each lane holds a slice of A, B and C (DIALECTS.md 3.2), so there is
  // no per-thread semantics; the operands are the lane's registers.
  std::vector<MemoryScope> registers = {MemoryScope::Local, MemoryScope::Vreg};
  return {name,
          c_type + " " + name + "(" + a_type + " a, " + a_type + " b, " + c_type +
              " c, int cbsz, int abid, int blgp)",
          {{"d", OperandKind::Address, registers, {ScalarKind::F32}, true},
           {"a", OperandKind::Address, registers, ab_kinds, false},
           {"b", OperandKind::Address, registers, ab_kinds, false},
           {"c", OperandKind::Address, registers, {ScalarKind::F32}, false},
           {"cbsz", OperandKind::Scalar, {}, {}, false},
           {"abid", OperandKind::Scalar, {}, {}, false},
           {"blgp", OperandKind::Scalar, {}, {}, false}},
          {},
          "all 64 lanes execute it; cbsz, abid, blgp are constants"};
}

} // namespace

Target describe_hip(std::string name, std::string arch) {
  Target t;
  t.name = std::move(name);
  t.dialect = "hip";
  t.arch = std::move(arch);
  t.scopes = {
      {MemoryScope::Global, 0, 0, 256, ScopeSharing::Launch},
      {MemoryScope::Shared, 64 * 1024, 0, 16, ScopeSharing::Block},
      {MemoryScope::Local, 512 * 1024, 0, 4, ScopeSharing::Thread},
      {MemoryScope::Vreg, 512 * 4, 0, 4, ScopeSharing::Thread},
  };
  t.axes = {
      {HardwareAxis::BlockIdxX, 2147483647}, {HardwareAxis::BlockIdxY, 2147483647},
      {HardwareAxis::BlockIdxZ, 2147483647}, {HardwareAxis::ThreadIdxX, 1024},
      {HardwareAxis::ThreadIdxY, 1024},      {HardwareAxis::ThreadIdxZ, 1024},
  };
  t.max_threads_per_block = 1024;
  t.warp_size = 64;
  t.vector_width_bits = 128;
  t.intrinsics = {
      mfma("__builtin_amdgcn_mfma_f32_16x16x4f32", "float", "float4", {ScalarKind::F32}),
      mfma("__builtin_amdgcn_mfma_f32_16x16x16f16", "half4", "float4", {ScalarKind::F16}),
      mfma("__builtin_amdgcn_mfma_f32_32x32x8f16", "half4", "float16", {ScalarKind::F16}),
      mfma("__builtin_amdgcn_mfma_f32_32x32x2f32", "float", "float16", {ScalarKind::F32}),
  };
  return t;
}

} // namespace xir::target_detail
