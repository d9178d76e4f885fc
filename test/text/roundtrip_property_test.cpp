// Property: for random well-typed modules m, parse(print(m)) is structurally equal to m and
// print(parse(print(m))) == print(m). The generator's coverage of every node kind and every
// enumerator is checked too, so a generator change cannot silently weaken the property.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>

#include "random_ir.hpp"
#include "xir/ir.hpp"
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"

namespace xir {
namespace {

class Coverage : public IRVisitor {
public:
  std::set<std::size_t> expr_nodes, stmt_nodes;
  std::set<std::pair<ScalarKind, bool>> kinds; // (kind, is a vector)
  std::set<BinaryOp> binary_ops, atomic_ops;
  std::set<UnaryOp> unary_ops;
  std::set<ForKind> for_kinds;
  std::set<HardwareAxis> axes;
  std::set<MemoryScope> scopes;
  std::set<BarrierScope> barrier_scopes;

  void add(const Module& m) {
    for (const Kernel& k : m.kernels) {
      for (const Param& p : k.params)
        if (const Buffer* b = std::get_if<Buffer>(&p))
          scopes.insert(b->scope);
      visit(k);
    }
  }

  using IRVisitor::visit;
  void visit(const Expr& e) override {
    if (!e.defined())
      return;
    expr_nodes.insert(e.node().node.index());
    kinds.insert({e.type().kind, e.type().is_vector()});
    if (const Binary* b = e.as<Binary>())
      binary_ops.insert(b->op);
    if (const Unary* u = e.as<Unary>())
      unary_ops.insert(u->op);
    IRVisitor::visit(e);
  }
  void visit(const Stmt& s) override {
    if (!s.defined())
      return;
    stmt_nodes.insert(s.node().node.index());
    if (const For* f = s.as<For>()) {
      for_kinds.insert(f->kind);
      axes.insert(f->axis);
    }
    if (const Allocate* a = s.as<Allocate>())
      scopes.insert(a->buffer.scope);
    if (const Barrier* b = s.as<Barrier>())
      barrier_scopes.insert(b->scope);
    if (const Atomic* a = s.as<Atomic>())
      atomic_ops.insert(a->op);
    IRVisitor::visit(s);
  }
};

// 10,000 modules by default; the sanitizer build (about 35 times slower) runs 1,000, and
// XIR_ROUNDTRIP_MODULES=N asks for a longer soak.
#ifndef XIR_ROUNDTRIP_MODULES
#define XIR_ROUNDTRIP_MODULES 10000
#endif

std::uint64_t requested_module_count() {
  if (const char* requested = std::getenv("XIR_ROUNDTRIP_MODULES"))
    return std::strtoull(requested, nullptr, 10);
  return XIR_ROUNDTRIP_MODULES;
}

TEST(TextRoundTrip, RandomModules) {
  const std::uint64_t module_count = requested_module_count();
  Coverage coverage;
  auto start = std::chrono::steady_clock::now();
  std::size_t total_chars = 0;
  for (std::uint64_t seed = 0; seed < module_count; ++seed) {
    Module module = testing::random_module(seed);
    coverage.add(module);
    std::string text = print(module);
    total_chars += text.size();
    ModuleParseResult parsed = parse_module(text, "random.xir");
    ASSERT_TRUE(parsed) << "seed " << seed << ": " << format_diagnostic(*parsed.error, text)
                        << text;
    ASSERT_TRUE(structurally_equal(*parsed.module, module)) << "seed " << seed << ":\n" << text;
    ASSERT_EQ(print(*parsed.module), text) << "seed " << seed;
  }
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << module_count << " modules, " << total_chars / module_count
            << " characters on average, " << seconds << " s\n";

  EXPECT_EQ(coverage.expr_nodes.size(), std::variant_size_v<ExprVariant>);
  EXPECT_EQ(coverage.stmt_nodes.size(), std::variant_size_v<StmtVariant>);
  EXPECT_EQ(coverage.kinds.size(), 24u) << "every scalar kind, as a scalar and as a vector";
  EXPECT_EQ(coverage.binary_ops.size(), binary_op_spellings.size());
  EXPECT_EQ(coverage.atomic_ops.size(), 7u);
  EXPECT_EQ(coverage.unary_ops.size(), unary_op_spellings.size());
  EXPECT_EQ(coverage.for_kinds.size(), for_kind_spellings.size());
  EXPECT_EQ(coverage.axes.size(), hardware_axis_spellings.size());
  EXPECT_EQ(coverage.scopes.size(), memory_scope_spellings.size());
  EXPECT_EQ(coverage.barrier_scopes.size(), barrier_scope_spellings.size());
}

} // namespace
} // namespace xir
