// Strided copies of the BANG table (DIALECTS.md 1.4): __bang_move in its 1-D and 2-D forms (NRAM
// to NRAM on the Compute pipeline) and the 3-D __memcpy. Sizes and strides are bytes.
#include "bang_table.hpp"
#include "xir/target/bang.hpp"

namespace xir::target_detail::bang_table {
namespace {

// Global buffers are GDRAM on an MLU; so are a host entry's buffers, which stand for the GDRAM
// copies its cnrtMemcpy calls make.
MemoryScope as_bang_scope(MemoryScope s) {
  return s == MemoryScope::Global || s == MemoryScope::Host ? MemoryScope::Gdram : s;
}

std::string name_of(const IntrinsicOperands& ops) {
  return ops.call().name;
}

// 1-D __bang_move: size bytes from src to dst.
Stmt move_semantics(const IntrinsicOperands& ops) {
  check_copy_operands(ops, std::nullopt);
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& src = ops.address(1);
  Expr elements = bytes_to_elements(name_of(ops), ops.count(2), dst.element_type(), "size");
  return serial_loop(ops, "i", elements, [&](const Expr& i) { return dst.store(i, src.load(i)); });
}

// 2-D __bang_move (dst, src, size, dst_stride, src_stride, segnum): for s <= segnum, size bytes
// from src + s * src_stride to dst + s * dst_stride.
Stmt move_2d_semantics(const IntrinsicOperands& ops) {
  check_copy_operands(ops, std::nullopt);
  check_stride_covers_segment(ops, 2, 3);
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& src = ops.address(1);
  Type t = dst.element_type();
  const std::string name = name_of(ops);
  Expr elements = bytes_to_elements(name, ops.count(2), t, "size");
  Expr dst_stride = bytes_to_elements(name, ops.count(3), t, "dst_stride");
  Expr src_stride = bytes_to_elements(name, ops.count(4), t, "src_stride");
  Expr segments = add(ops.count(5), make_int(1));
  return serial_loop(ops, "seg", segments, [&](const Expr& seg) {
    return serial_loop(ops, "i", elements, [&](const Expr& i) {
      return dst.store(add(mul(seg, dst_stride), i), src.load(add(mul(seg, src_stride), i)));
    });
  });
}

// 3-D __memcpy (dst, src, size, dir, dst_stride0, dst_segnum1, dst_stride1, dst_segnum2,
// src_stride0, src_segnum1, src_stride1, src_segnum2): the source walks (src_segnum1 + 1) x
// (src_segnum2 + 1) segments of size bytes, segment (p1, p2) at src + p1 * src_stride0 +
// p2 * src_stride1; segment k of that walk (inner position first) lands at destination position
// (k mod (dst_segnum1 + 1), k div (dst_segnum1 + 1)). Both grids hold as many segments.
Stmt memcpy_3d_semantics(const IntrinsicOperands& ops) {
  check_copy_operands(ops, 3);
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& src = ops.address(1);
  Type t = dst.element_type();
  auto elements = [&](std::size_t i, const char* what) {
    return bytes_to_elements("__memcpy", ops.count(i), t, what);
  };
  Expr size = elements(2, "size");
  Expr dst_stride0 = elements(4, "dst_stride0"), dst_stride1 = elements(6, "dst_stride1");
  Expr src_stride0 = elements(8, "src_stride0"), src_stride1 = elements(10, "src_stride1");
  auto segments = [&](std::size_t i) { return add(ops.count(i), make_int(1)); };
  Expr dst_inner = segments(5), dst_outer = segments(7);
  Expr src_inner = segments(9), src_outer = segments(11);
  // Segment counts are u32 values plus one: their products fit in unsigned 128-bit arithmetic.
  auto segments_of = [&](std::size_t inner, std::size_t outer) -> std::optional<unsigned __int128> {
    auto i = constant_integer(ops.scalar(inner)), o = constant_integer(ops.scalar(outer));
    if (!i || !o || *i < 0 || *o < 0)
      return std::nullopt;
    return static_cast<unsigned __int128>(*i + 1) * static_cast<unsigned __int128>(*o + 1);
  };
  auto dst_total = segments_of(5, 7), src_total = segments_of(9, 11);
  if (dst_total && src_total && *dst_total != *src_total)
    throw IRError("__memcpy: the destination walks " +
                  std::to_string(static_cast<std::uint64_t>(*dst_total)) +
                  " segments but the source " +
                  std::to_string(static_cast<std::uint64_t>(*src_total)));
  if (dst.buffer().scope == MemoryScope::Wram)
    for (std::size_t i : {std::size_t{4}, std::size_t{6}})
      if (auto stride = constant_integer(ops.scalar(i)); stride && *stride % 8 != 0)
        throw IRError("__memcpy: a 3-D copy into WRAM needs dst strides that are multiples of "
                      "8 bytes, not " +
                      std::to_string(*stride));
  return serial_loop(ops, "seg2", src_outer, [&](const Expr& p2) {
    return serial_loop(ops, "seg1", src_inner, [&](const Expr& p1) {
      Expr k = add(mul(p2, src_inner), p1);
      Expr from = add(mul(p1, src_stride0), mul(p2, src_stride1));
      Expr to = add(mul(mod(k, dst_inner), dst_stride0), mul(div(k, dst_inner), dst_stride1));
      return serial_loop(ops, "i", size, [&](const Expr& i) {
        return dst.store(add(to, i), src.load(add(from, i)));
      });
    });
  });
}

} // namespace

Expr bytes_to_elements(const std::string& intrinsic, const Expr& bytes, Type t, const char* what) {
  if (auto c = constant_integer(bytes); c && *c % t.bytes() != 0)
    throw IRError(intrinsic + ": " + what + " " + std::to_string(*c) +
                  " bytes is not a whole number of " + to_string(t) + " elements");
  return div(bytes, make_int(t.bytes()));
}

void check_copy_operands(const IntrinsicOperands& ops, std::optional<std::size_t> dir_operand) {
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& src = ops.address(1);
  const std::string name = name_of(ops);
  if (dst.element_type() != src.element_type())
    throw IRError(name + ": dst is " + to_string(dst.element_type()) + " but src is " +
                  to_string(src.element_type()));
  auto dir = dir_operand ? constant_integer(ops.scalar(*dir_operand)) : std::nullopt;
  if (!dir)
    return;
  auto info = bang::memcpy_direction(*dir);
  if (!info)
    throw IRError(name + ": unknown direction " + std::to_string(*dir));
  if (info->source != as_bang_scope(src.buffer().scope) ||
      info->destination != as_bang_scope(dst.buffer().scope))
    throw IRError(name + ": direction " + std::string(info->spelling) +
                  " does not match a copy from " + std::string(to_string(src.buffer().scope)) +
                  " `" + src.buffer().name + "` to " + std::string(to_string(dst.buffer().scope)) +
                  " `" + dst.buffer().name + "`");
}

void check_stride_covers_segment(const IntrinsicOperands& ops, std::size_t size_operand,
                                 std::size_t dst_stride_operand) {
  auto size = constant_integer(ops.scalar(size_operand));
  auto stride = constant_integer(ops.scalar(dst_stride_operand));
  if (size && stride && *stride < *size)
    throw IRError(name_of(ops) + ": dst_stride " + std::to_string(*stride) +
                  " bytes is smaller than the segment size " + std::to_string(*size));
}

void add_copy_intrinsics(std::vector<Intrinsic>& table) {
  table.push_back({"__bang_move",
                   "void __bang_move(void *dst, const void *src, unsigned size)",
                   {out("dst", nram, {}), in("src", nram, {}), scalar("size")},
                   move_semantics,
                   "NRAM to NRAM; size in bytes, > 0; 2xx: size a multiple of 128, addresses "
                   "64-byte aligned"});
  table.push_back({"__bang_move",
                   "void __bang_move(void *dst, const void *src, unsigned size, unsigned "
                   "dst_stride, int src_stride, unsigned segnum)",
                   {out("dst", nram, {}), in("src", nram, {}), scalar("size"), scalar("dst_stride"),
                    scalar("src_stride"), scalar("segnum")},
                   move_2d_semantics,
                   "NRAM to NRAM; sizes and strides in bytes; segnum + 1 segments; dst_stride >= "
                   "size"});
  table.push_back(
      {"__memcpy",
       "void __memcpy(void *dst, const void *src, unsigned size, mluMemcpyDirection_t dir, int "
       "dst_stride0, unsigned dst_segnum1, int dst_stride1, unsigned dst_segnum2, int "
       "src_stride0, unsigned src_segnum1, int src_stride1, unsigned src_segnum2)",
       {out("dst", on_chip_or_off, {}), in("src", on_chip_or_off, {}), scalar("size"),
        scalar("dir"), scalar("dst_stride0"), scalar("dst_segnum1"), scalar("dst_stride1"),
        scalar("dst_segnum2"), scalar("src_stride0"), scalar("src_segnum1"), scalar("src_stride1"),
        scalar("src_segnum2")},
       memcpy_3d_semantics,
       "arch >= 322; bytes; (dst_segnum1 + 1) * (dst_segnum2 + 1) == (src_segnum1 + 1) * "
       "(src_segnum2 + 1); dst strides multiples of 8 bytes into WRAM"});
}

} // namespace xir::target_detail::bang_table
