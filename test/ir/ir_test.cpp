// Node invariants, structural equality/hashing and the generic visitor and mutator.

#include <gtest/gtest.h>

#include "xir/ir.hpp"

namespace xir {
namespace {

Expr var(const char* name) { return Var::make(Type::i32(), name); }
Expr add(Expr a, Expr b) { return Binary::make(BinaryOp::Add, std::move(a), std::move(b)); }

TEST(Type, ParsesAndPrints) {
  EXPECT_EQ(to_string(Type::f32(8)), "f32x8");
  EXPECT_EQ(parse_type("bf16x16"), Type::bf16(16));
  EXPECT_EQ(parse_type("u8"), Type::u8());
  EXPECT_FALSE(parse_type("f33").has_value());
  EXPECT_FALSE(parse_type("f32x1").has_value());
  EXPECT_EQ(Type::bf16().bytes(), 2);
}

TEST(Expr, MakeChecksTypes) {
  EXPECT_THROW(Binary::make(BinaryOp::Add, var("a"), make_float(1.0)), IRError);
  EXPECT_THROW(IntImm::make(Type::u8(), 256), IRError);
  EXPECT_THROW(Call::make(Type::f32(), "no_such_function", {make_float(1.0)}), IRError);
  EXPECT_THROW(Binary::make(BinaryOp::And, var("a"), var("b")), IRError);
  EXPECT_EQ(Binary::make(BinaryOp::LT, var("a"), var("b")).type(), Type::boolean());
  EXPECT_EQ(Ramp::make(var("a"), make_int(1), 8).type(), Type::i32(8));
}

TEST(Stmt, ForBindingMatchesKind) {
  Stmt body = Store::make("C", {var("i")}, make_float(0.0));
  EXPECT_THROW(For::make("i", make_int(0), make_int(4), ForKind::Bound, body), IRError);
  EXPECT_NO_THROW(For::make("i", make_int(0), make_int(4), ForKind::Bound, HardwareAxis::ThreadIdxX, body));
}

TEST(Reflect, StructuralEqualityAndHash) {
  Expr a = add(var("x"), make_int(3));
  Expr b = add(var("x"), make_int(3));
  Expr c = add(var("x"), make_int(4));
  EXPECT_FALSE(a.same_as(b));
  EXPECT_TRUE(structurally_equal(a, b));
  EXPECT_FALSE(structurally_equal(a, c));
  EXPECT_EQ(structural_hash(a), structural_hash(b));
  EXPECT_NE(structural_hash(a), structural_hash(c));
}

class RenameX : public IRMutator {
public:
  using IRMutator::visit;
  Expr visit(const Var& v, const Expr& self) override {
    return v.name == "x" ? Var::make(self.type(), "y") : self;
  }
};

class CountVars : public IRVisitor {
public:
  int count = 0;
  using IRVisitor::visit;
  void visit(const Var&, const Expr&) override { ++count; }
};

TEST(Mutator, RebuildsOnlyChangedSubtrees) {
  Expr untouched = add(var("z"), make_int(1));
  Stmt s = Block::make({Store::make("C", {var("x")}, Cast::make(Type::f32(), untouched)),
                        For::make("i", make_int(0), var("x"), ForKind::Serial,
                                  Store::make("C", {var("i")}, make_float(1.0)))});
  RenameX rename;
  Stmt renamed = rename.mutate(s);
  CountVars before, after;
  before.visit(s);
  after.visit(renamed);
  EXPECT_EQ(before.count, after.count);
  EXPECT_FALSE(structurally_equal(s, renamed));
  const auto* store = renamed.as<Block>()->stmts[0].as<Store>();
  EXPECT_EQ(store->indices[0].as<Var>()->name, "y");
  EXPECT_TRUE(store->value.as<Cast>()->value.same_as(untouched));
  EXPECT_TRUE(rename.mutate(untouched).same_as(untouched));
}

TEST(Kernel, LaunchConfigFromBoundLoops) {
  Expr n = Var::make(Type::i32(), "n");
  Stmt body = For::make("b", make_int(0), n, ForKind::Bound, HardwareAxis::BlockIdxX,
                        For::make("t", make_int(0), make_int(256), ForKind::Bound, HardwareAxis::ThreadIdxX,
                                  Store::make("C", {var("t")}, make_float(0.0))));
  Kernel k = Kernel::make("k", {Buffer::make("C", Type::f32(), {n}, MemoryScope::Global),
                                ScalarParam{"n", Type::i32()}},
                          body);
  auto config = launch_config(k);
  ASSERT_EQ(config.size(), 2u);
  EXPECT_TRUE(structurally_equal(config.at(HardwareAxis::BlockIdxX), n));
  EXPECT_EQ(*as_const_int(config.at(HardwareAxis::ThreadIdxX)), 256);
  EXPECT_THROW(Kernel::make("k", {ScalarParam{"n", Type::i32()}, ScalarParam{"n", Type::i32()}}, body),
               IRError);
}

} // namespace
} // namespace xir
