// NVIDIA parts: Ampere (sm_80) and Hopper (sm_90).
#include "descriptions.hpp"

namespace xir::target_detail {
namespace {

constexpr std::int64_t kib = 1024;

std::vector<Intrinsic> cuda_intrinsics() {
  std::vector<Intrinsic> table;
  // cp.async: a copy of 4, 8 or 16 bytes from global to shared memory. The interpreter completes
  // it at once, which is one legal ordering of the asynchronous copy.
  table.push_back(
      {"__pipeline_memcpy_async",
       "void __pipeline_memcpy_async(void *dst_shared, const void *src_global, size_t "
       "size_and_align)",
       {{"dst", OperandKind::Address, {MemoryScope::Shared}, {}, true},
        {"src", OperandKind::Address, {MemoryScope::Global}, {}, false},
        {"size", OperandKind::Scalar, {}, {}, false}},
       [](const IntrinsicOperands& ops) {
         const AddressOperand& dst = ops.address(0);
         const AddressOperand& src = ops.address(1);
         if (dst.element_type() != src.element_type())
           throw IRError("__pipeline_memcpy_async: element types of dst and src differ");
         Expr elements =
             Binary::make(BinaryOp::Div, ops.count(2), make_int(dst.element_type().bytes()));
         return serial_loop(ops, "i", elements,
                            [&](const Expr& i) { return dst.store(i, src.load(i)); });
       },
       "size is 4, 8 or 16 bytes; both addresses aligned to size"});
  table.push_back({"__pipeline_commit",
                   "void __pipeline_commit()",
                   {},
                   [](const IntrinsicOperands&) { return Block::make({}); },
                   ""});
  table.push_back({"__pipeline_wait_prior",
                   "void __pipeline_wait_prior(size_t prior)",
                   {{"prior", OperandKind::Scalar, {}, {}, false}},
                   [](const IntrinsicOperands&) { return Block::make({}); },
                   ""});
  // Warp-collective Tensor Core operations: the fragment-to-lane mapping is unspecified, so they
  // have no per-thread semantics; tensorize/detensorize work on their tile-level meaning.
  const std::vector<MemoryScope> fragment = {MemoryScope::Fragment};
  const std::vector<MemoryScope> memory = {MemoryScope::Global, MemoryScope::Shared};
  table.push_back(
      {"wmma::fill_fragment",
       "void fill_fragment(fragment<...> &f, const T &v)",
       {{"f", OperandKind::Address, fragment, {}, true}, {"v", OperandKind::Scalar, {}, {}, false}},
       {},
       "warp-uniform control flow"});
  table.push_back({"wmma::load_matrix_sync",
                   "void load_matrix_sync(fragment<...> &f, const T *p, unsigned ldm)",
                   {{"f", OperandKind::Address, fragment, {}, true},
                    {"p", OperandKind::Address, memory, {}, false},
                    {"ldm", OperandKind::Scalar, {}, {}, false}},
                   {},
                   "p 32-byte aligned; ldm a multiple of 16 bytes; warp-uniform"});
  table.push_back({"wmma::mma_sync",
                   "void mma_sync(fragment<accumulator> &d, const fragment<matrix_a> &a, "
                   "const fragment<matrix_b> &b, const fragment<accumulator> &c)",
                   {{"d", OperandKind::Address, fragment, {}, true},
                    {"a",
                     OperandKind::Address,
                     fragment,
                     {ScalarKind::F16, ScalarKind::BF16, ScalarKind::I8, ScalarKind::U8},
                     false},
                    {"b",
                     OperandKind::Address,
                     fragment,
                     {ScalarKind::F16, ScalarKind::BF16, ScalarKind::I8, ScalarKind::U8},
                     false},
                    {"c", OperandKind::Address, fragment, {}, false}},
                   {},
                   "m16n16k16, m32n8k16, m8n32k16; warp-uniform"});
  table.push_back(
      {"wmma::store_matrix_sync",
       "void store_matrix_sync(T *p, const fragment<accumulator> &f, unsigned ldm, layout_t l)",
       {{"p", OperandKind::Address, memory, {}, true},
        {"f", OperandKind::Address, fragment, {}, false},
        {"ldm", OperandKind::Scalar, {}, {}, false},
        {"layout", OperandKind::Scalar, {}, {}, false}},
       {},
       "p 32-byte aligned; warp-uniform"});
  return table;
}

} // namespace

Target describe_cuda(std::string name, std::string arch, std::int64_t max_shared_bytes_per_block) {
  Target t;
  t.name = std::move(name);
  t.dialect = "cuda";
  t.arch = std::move(arch);
  t.scopes = {
      {MemoryScope::Global, 0, 0, 256, ScopeSharing::Launch},
      {MemoryScope::Shared, max_shared_bytes_per_block, 48 * kib, 16, ScopeSharing::Block},
      {MemoryScope::Local, 512 * kib, 0, 4, ScopeSharing::Thread},
      {MemoryScope::Fragment, 255 * 4, 0, 4, ScopeSharing::Thread},
  };
  t.axes = {
      {HardwareAxis::BlockIdxX, 2147483647}, {HardwareAxis::BlockIdxY, 65535},
      {HardwareAxis::BlockIdxZ, 65535},      {HardwareAxis::ThreadIdxX, 1024},
      {HardwareAxis::ThreadIdxY, 1024},      {HardwareAxis::ThreadIdxZ, 64},
  };
  t.max_threads_per_block = 1024;
  t.warp_size = 32;
  t.vector_width_bits = 128;
  t.intrinsics = cuda_intrinsics();
  return t;
}

} // namespace xir::target_detail
