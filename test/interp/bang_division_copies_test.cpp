// __bang_div in all three forms (the 4-operand ones on bang-mlu590, where DIALECTS.md has them),
// __bang_move and the 3-D __memcpy on the interpreter, from hand-written IR, against C++ loops.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "xir/interp/interpreter.hpp"
#include "xir/target/bang.hpp"

namespace xir::interp {
namespace {

using enum bang::MemcpyDirection;
using ::testing::HasSubstr;

Expr at(Type t, const char* buffer, std::int64_t offset = 0) {
  return Address::make(t, buffer, {make_int(offset)});
}
Expr u32(std::int64_t v) {
  return make_int(v, Type::u32());
}
Stmt call(const char* name, std::vector<Expr> args) {
  return IntrinsicCall::make("bang", name, std::move(args));
}
Buffer gdram(const char* name, Type t, int n) {
  return Buffer::make(name, t, {make_int(n)}, MemoryScope::Gdram);
}
Buffer on_chip(const char* name, Type t, int n, MemoryScope scope = MemoryScope::Nram) {
  return Buffer::make(name, t, {make_int(n)}, scope);
}
Expr dir(bang::MemcpyDirection d) {
  return make_int(static_cast<std::int64_t>(d));
}

// One task with on-chip buffers `local` around `body`.
Kernel task(std::vector<Param> params, std::vector<Buffer> local, Stmt body) {
  for (const Buffer& b : local) body = Allocate::make(b, body);
  return Kernel::make("k", std::move(params),
                      For::make("task", make_int(0), make_int(1), ForKind::Bound, HardwareAxis::TaskId, body));
}

// out = A op B over n elements of `t`: A and B staged into NRAM, `divide` applied, result copied out.
Kernel staged_division(Type t, int n, Stmt divide) {
  const std::int64_t bytes = std::int64_t{n} * t.bytes();
  return task({gdram("A", t, n), gdram("B", t, n), gdram("OUT", t, n)},
              {on_chip("a", t, n), on_chip("b", t, n), on_chip("q", t, n), on_chip("tmp", t, n)},
              Block::make({call("__memcpy", {at(t, "a"), at(t, "A"), u32(bytes), dir(GDRAM2NRAM)}),
                           call("__memcpy", {at(t, "b"), at(t, "B"), u32(bytes), dir(GDRAM2NRAM)}), divide,
                           call("__memcpy", {at(t, "OUT"), at(t, "q"), u32(bytes), dir(NRAM2GDRAM)})}));
}

std::map<std::string, HostBuffer> operands(Type t, int n, auto a_of, auto b_of) {
  std::map<std::string, HostBuffer> b{{"A", HostBuffer(t, {n})}, {"B", HostBuffer(t, {n})}, {"OUT", HostBuffer(t, {n})}};
  for (int i = 0; i < n; ++i) {
    b["A"].set(i, a_of(i));
    b["B"].set(i, b_of(i));
  }
  return b;
}

const Target& mlu590() { return target_by_name("bang-mlu590"); }

TEST(BangDivision, ArrayFormOnMlu590FloatsAndTruncatingIntegers) {
  const int n = 40;
  Kernel f = staged_division(Type::f32(), n, call("__bang_div", {at(Type::f32(), "q"), at(Type::f32(), "a"),
                                                                 at(Type::f32(), "b"), u32(n)}));
  auto fb = operands(Type::f32(), n, [](int i) { return 0.37 * i - 5.0; }, [](int i) { return 1.0 + 0.71 * (i % 9); });
  RunResult r = run(f, mlu590(), fb);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(static_cast<float>(fb["OUT"].get(i)),
              static_cast<float>(fb["A"].get(i)) / static_cast<float>(fb["B"].get(i)))
        << i;
  // s32: C division, truncating toward zero, negative operands included.
  Kernel s = staged_division(Type::i32(), n, call("__bang_div", {at(Type::i32(), "q"), at(Type::i32(), "a"),
                                                                 at(Type::i32(), "b"), u32(n)}));
  auto sb = operands(Type::i32(), n, [](int i) { return 7 * i - 131; }, [](int i) { return i % 2 ? 3 + i % 5 : -4; });
  r = run(s, mlu590(), sb);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int i = 0; i < n; ++i) {
    const int a = 7 * i - 131, b = i % 2 ? 3 + i % 5 : -4;
    EXPECT_EQ(sb["OUT"].get_int(i), a / b) << i;
  }
  // A zero divisor breaks the documented precondition; integer division reports it.
  sb["B"].set(5, 0);
  EXPECT_THAT(run(s, mlu590(), sb).error().message, HasSubstr("division by zero"));
  // The same call has no 4-operand overload on mtp_372.
  EXPECT_THAT(run(f, target_by_name("bang-mlu370"), fb).error().message, HasSubstr("no overload with 4 operands"));
}

TEST(BangDivision, ScalarOverloadOnMlu590) {
  const int n = 24;
  Kernel k = staged_division(Type::u16(), n, call("__bang_div_scalar", {at(Type::u16(), "q"), at(Type::u16(), "a"),
                                                                       make_int(7, Type::u16()), u32(n)}));
  auto b = operands(Type::u16(), n, [](int i) { return 2731 * i % 65536; }, [](int) { return 0; });
  RunResult r = run(k, mlu590(), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int i = 0; i < n; ++i) EXPECT_EQ(b["OUT"].get_int(i), (2731 * i % 65536) / 7) << i;
  // A float value divides float elements; an int literal converts to the element type.
  Kernel f = staged_division(Type::f32(), n, call("__bang_div_scalar", {at(Type::f32(), "q"), at(Type::f32(), "a"),
                                                                       make_int(3), u32(n)}));
  auto fb = operands(Type::f32(), n, [](int i) { return i * 1.25 - 9.0; }, [](int) { return 0.0; });
  r = run(f, mlu590(), fb);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(static_cast<float>(fb["OUT"].get(i)), static_cast<float>(fb["A"].get(i)) / 3.0f) << i;
}

TEST(BangDivision, DeprecatedFormChecksItsRules) {
  // 32 floats = 128 bytes: accepted on both parts.
  const int n = 32;
  Stmt five = call("__bang_div", {at(Type::f32(), "q"), at(Type::f32(), "a"), at(Type::f32(), "b"),
                                  at(Type::f32(), "tmp"), u32(n)});
  auto b = operands(Type::f32(), n, [](int i) { return i - 16.5; }, [](int i) { return 0.5 + i; });
  for (const char* part : {"bang-mlu370", "bang-mlu590"}) {
    RunResult r = run(staged_division(Type::f32(), n, five), target_by_name(part), b);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    for (int i = 0; i < n; ++i)
      EXPECT_EQ(static_cast<float>(b["OUT"].get(i)), static_cast<float>(b["A"].get(i)) / static_cast<float>(b["B"].get(i)));
  }
  // 20 floats = 80 bytes; and tmp placed over dst.
  Stmt short_count = call("__bang_div", {at(Type::f32(), "q"), at(Type::f32(), "a"), at(Type::f32(), "b"),
                                         at(Type::f32(), "tmp"), u32(20)});
  EXPECT_THAT(run(staged_division(Type::f32(), n, short_count), target_by_name("bang"), b).error().message,
              HasSubstr("multiple of 128 bytes, not 80"));
  Stmt overlapping = call("__bang_div", {at(Type::f32(), "q"), at(Type::f32(), "a"), at(Type::f32(), "b"),
                                         at(Type::f32(), "q"), u32(n)});
  EXPECT_THAT(run(staged_division(Type::f32(), n, overlapping), target_by_name("bang"), b).error().message,
              HasSubstr("dst and tmp overlap"));
  // s32 is not a type of the deprecated form.
  Stmt ints = call("__bang_div", {at(Type::i32(), "q"), at(Type::i32(), "a"), at(Type::i32(), "b"),
                                  at(Type::i32(), "tmp"), u32(n)});
  auto ib = operands(Type::i32(), n, [](int i) { return i; }, [](int) { return 1; });
  EXPECT_THAT(run(staged_division(Type::i32(), n, ints), target_by_name("bang"), ib).error().message,
              HasSubstr("is not accepted"));
}

TEST(BangCopies, ThreeDimensionalMemcpyWithANegativeStride) {
  // Source: 4 rows of 3 floats read bottom-up (src_stride1 = -48 bytes from row 3), two segments
  // of 1 float per row (stride0 8 bytes); destination: one row of 8 contiguous floats, 4 bytes
  // apart (dst_segnum1 7, dst_segnum2 0).
  Type f = Type::f32();
  Kernel k = task({gdram("A", f, 48), gdram("OUT", f, 8)}, {on_chip("v", f, 8)},
                  Block::make({call("__memcpy", {at(f, "v"), at(f, "A", 36), u32(4), dir(GDRAM2NRAM), make_int(4),
                                                 u32(7), make_int(32), u32(0), make_int(8), u32(1), make_int(-48),
                                                 u32(3)}),
                               call("__memcpy", {at(f, "OUT"), at(f, "v"), u32(32), dir(NRAM2GDRAM)})}));
  std::map<std::string, HostBuffer> b{{"A", HostBuffer(f, {48})}, {"OUT", HostBuffer(f, {8})}};
  for (int i = 0; i < 48; ++i) b["A"].set(i, i * 0.5);
  RunResult r = run(k, target_by_name("bang"), b);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int k = 0; k < 8; ++k) {
    const int from = 36 + (k % 2) * 2 - (k / 2) * 12;  // strides 8 and -48 bytes
    EXPECT_EQ(b["OUT"].get(k), from * 0.5) << k;
  }
}

TEST(BangCopies, WramAndElementRulesOfCopies) {
  Type f = Type::f32();
  // A 3-D copy into WRAM with a 12-byte dst_stride0.
  Kernel into_wram = task({gdram("A", f, 64)}, {on_chip("w", f, 64, MemoryScope::Wram)},
                          call("__memcpy", {at(f, "w"), at(f, "A"), u32(4), dir(GDRAM2WRAM), make_int(12), u32(1),
                                            make_int(32), u32(1), make_int(4), u32(3), make_int(16), u32(0)}));
  std::map<std::string, HostBuffer> b{{"A", HostBuffer(f, {64})}};
  EXPECT_THAT(run(into_wram, target_by_name("bang"), b).error().message,
              HasSubstr("multiples of 8 bytes, not 12"));
  // The 2-D form's dst_stride into WRAM, and a 1-D size out of WRAM.
  Kernel strided = task({gdram("A", f, 64)}, {on_chip("w", f, 64, MemoryScope::Wram)},
                        call("__memcpy", {at(f, "w"), at(f, "A"), u32(8), dir(GDRAM2WRAM), u32(12),
                                          make_int(16), u32(2)}));
  EXPECT_THAT(run(strided, target_by_name("bang"), b).error().message,
              HasSubstr("dst_stride that is a multiple of 8 bytes, not 12"));
  Kernel out_of_wram = task({gdram("A", f, 64)}, {on_chip("w", f, 64, MemoryScope::Wram)},
                            call("__memcpy", {at(f, "A"), at(f, "w"), u32(20), dir(WRAM2GDRAM)}));
  EXPECT_THAT(run(out_of_wram, target_by_name("bang"), b).error().message,
              HasSubstr("multiple of 16 bytes (3xx/5xx), not 20"));
  // __bang_move between NRAM buffers of different element types, and 2-D moves with a dst stride
  // smaller than the segment.
  Kernel mixed = task({}, {on_chip("x", f, 16), on_chip("y", Type::i32(), 16)},
                      call("__bang_move", {at(f, "x"), at(Type::i32(), "y"), u32(64)}));
  std::map<std::string, HostBuffer> none;
  EXPECT_THAT(run(mixed, target_by_name("bang"), none).error().message, HasSubstr("dst is f32 but src is i32"));
  Kernel narrow = task({}, {on_chip("x", f, 16), on_chip("y", f, 16)},
                       call("__bang_move", {at(f, "x"), at(f, "y"), u32(16), u32(8), make_int(16), u32(1)}));
  EXPECT_THAT(run(narrow, target_by_name("bang"), none).error().message, HasSubstr("smaller than the segment size"));
  // A 2-D move gathering pairs of floats 4 apart, from x[i] = i.
  std::map<std::string, HostBuffer> out{{"OUT", HostBuffer(f, {8})}};
  Kernel filled = task({gdram("OUT", f, 8)}, {on_chip("x", f, 16), on_chip("y", f, 8)},
                       Block::make({For::make("i", make_int(0), make_int(16), ForKind::Serial,
                                              Store::make("x", {Var::make(Type::i32(), "i")},
                                                          Cast::make(f, Var::make(Type::i32(), "i")))),
                                    call("__bang_move", {at(f, "y"), at(f, "x", 1), u32(8), u32(8), make_int(16), u32(3)}),
                                    call("__memcpy", {at(f, "OUT"), at(f, "y"), u32(32), dir(NRAM2GDRAM)})}));
  RunResult r = run(filled, target_by_name("bang"), out);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int s = 0; s < 4; ++s)
    for (int e = 0; e < 2; ++e) EXPECT_EQ(out["OUT"].get(s * 2 + e), 1 + s * 4 + e) << s << "," << e;
}

} // namespace
} // namespace xir::interp
