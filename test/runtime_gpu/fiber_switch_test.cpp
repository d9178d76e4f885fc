// The context switch under the fiber team, on its own: values that live in callee-saved registers
// and on the stack survive switches, the switch value reaches the resumed side, deep stacks and
// stack alignment hold, and a suspended fiber can be unwound. Built twice: with the native switch
// (x86-64 assembly) and with the portable Boost.Context one.
#include "fiber_switch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace xir::runtime {
namespace {

constexpr std::size_t stack_bytes = 1 << 20;

struct Stack {
  std::vector<unsigned char> memory = std::vector<unsigned char>(stack_bytes);
  void *top() { return memory.data() + memory.size(); }
};

// Six integers and four doubles kept live across every switch (the integers end up in callee-saved
// registers, the doubles in the frame), mixed so that one wrong bit changes the final values.
struct Mix {
  std::uint64_t a, b, c, d, e, f;
  double x, y, z, w;
};

template <class Switch> Mix mix(std::uint64_t seed, int rounds, Switch &&switch_once) {
  std::uint64_t a = seed, b = seed * 3 + 1, c = seed ^ 0x9e3779b97f4a7c15ull, d = ~seed, e = seed << 7, f = seed >> 3;
  double x = 1.0 + seed % 7, y = 0.5, z = -2.25, w = static_cast<double>(seed % 1000);
  for (int i = 0; i < rounds; ++i) {
    a = a * 6364136223846793005ull + 1442695040888963407ull;
    b ^= a >> 17;
    c += b * 31;
    d = (d << 5) | (d >> 59);
    e -= c ^ d;
    f += a & 0xffff;
    x = x * 1.0000001 + static_cast<double>(a >> 40);
    y = std::fma(y, 0.999, static_cast<double>(b & 0xff));
    z -= 0.125 * static_cast<double>(i);
    w = w * 0.5 + z;
    switch_once(i);
  }
  return {a, b, c, d, e, f, x, y, z, w};
}

void expect_same(const Mix &got, const Mix &want) {
  EXPECT_EQ(got.a, want.a);
  EXPECT_EQ(got.b, want.b);
  EXPECT_EQ(got.c, want.c);
  EXPECT_EQ(got.d, want.d);
  EXPECT_EQ(got.e, want.e);
  EXPECT_EQ(got.f, want.f);
  EXPECT_EQ(got.x, want.x);
  EXPECT_EQ(got.y, want.y);
  EXPECT_EQ(got.z, want.z);
  EXPECT_EQ(got.w, want.w);
}

// Two fibers hand control to each other; each checks the value the other passed.
struct PingPong {
  void *main = nullptr, *ping = nullptr, *pong = nullptr;
  int rounds = 0;
  Mix ping_result{}, pong_result{};
  int wrong_values = 0;
};

void ping_main(void *argument) {
  auto &game = *static_cast<PingPong *>(argument);
  game.ping_result = mix(11, game.rounds, [&](int i) {
    const int back = fiber_switch(&game.ping, game.pong, 2 * i);
    if (back != 2 * i + 1) ++game.wrong_values;
  });
  fiber_switch(&game.ping, game.main, -1);
}

void pong_main(void *argument) {
  auto &game = *static_cast<PingPong *>(argument);
  int received = 0;
  game.pong_result = mix(29, game.rounds, [&](int) { received = fiber_switch(&game.pong, game.ping, received + 1); });
  fiber_switch(&game.pong, game.main, -2);
}

TEST(FiberSwitch, PingPongKeepsRegistersFloatsAndValues) {
  Stack ping_stack, pong_stack;
  PingPong game;
  game.rounds = 20000;
  game.ping = fiber_prepare(ping_stack.top(), stack_bytes, &ping_main, &game);
  game.pong = fiber_prepare(pong_stack.top(), stack_bytes, &pong_main, &game);
  // ping runs first and sends 2i in round i; pong answers one more than what it last received.
  const int first_back = fiber_switch(&game.main, game.ping, 0);
  // ping finished first; pong is still suspended in its last switch.
  EXPECT_EQ(first_back, -1);
  EXPECT_EQ(game.wrong_values, 0);
  const int last_back = fiber_switch(&game.main, game.pong, 2 * game.rounds);
  EXPECT_EQ(last_back, -2);
  expect_same(game.ping_result, mix(11, game.rounds, [](int) {}));
  expect_same(game.pong_result, mix(29, game.rounds, [](int) {}));
}

// Each fiber switches from deep inside a recursion (about 200 KiB of frames) and checks its
// frames afterwards; every frame holds a 64-byte aligned array.
struct Deep {
  void *main = nullptr, *fiber[2] = {};
  int depth = 0;
  std::uint64_t checksum[2] = {};
  bool misaligned = false;
};

std::uint64_t descend(Deep &deep, int which, int level) {
  alignas(64) std::uint64_t frame[24];
  if (reinterpret_cast<std::uintptr_t>(frame) % 64 != 0) deep.misaligned = true;
  for (int i = 0; i < 24; ++i) frame[i] = static_cast<std::uint64_t>(level) * 1000003u + i * 7 + which;
  std::uint64_t below = 0;
  if (level < deep.depth) {
    below = descend(deep, which, level + 1);
  } else {
    // At the bottom: hand over to the other fiber (or back to main), twice.
    for (int round = 0; round < 2; ++round)
      fiber_switch(&deep.fiber[which], which == 0 ? deep.fiber[1] : deep.main, round);
  }
  std::uint64_t sum = below;
  for (int i = 0; i < 24; ++i) sum = sum * 31 + frame[i];
  return sum;
}

std::uint64_t expected_descent(int which, int depth) {
  std::uint64_t sum = 0;
  for (int level = depth; level >= 0; --level) {
    std::uint64_t frame_sum = sum;
    for (int i = 0; i < 24; ++i) frame_sum = frame_sum * 31 + (static_cast<std::uint64_t>(level) * 1000003u + i * 7 + which);
    sum = frame_sum;
  }
  return sum;
}

Deep *deep_game = nullptr;

void deep_fiber_0(void *) {
  deep_game->checksum[0] = descend(*deep_game, 0, 0);
  fiber_switch(&deep_game->fiber[0], deep_game->fiber[1], 0);
}

void deep_fiber_1(void *) {
  deep_game->checksum[1] = descend(*deep_game, 1, 0);
  fiber_switch(&deep_game->fiber[1], deep_game->main, 0);
}

TEST(FiberSwitch, DeepStacksSurviveSwitchesAndStayAligned) {
  Stack stacks[2];
  Deep deep;
  deep.depth = 800; // frames of about 256 bytes each
  deep_game = &deep;
  deep.fiber[0] = fiber_prepare(stacks[0].top(), stack_bytes, &deep_fiber_0, nullptr);
  deep.fiber[1] = fiber_prepare(stacks[1].top(), stack_bytes, &deep_fiber_1, nullptr);
  // fiber 0 descends and switches to fiber 1, which descends and switches to main; twice.
  fiber_switch(&deep.main, deep.fiber[0], 0);
  fiber_switch(&deep.main, deep.fiber[0], 0);
  // Both now climb back: fiber 0 finishes its descent and passes to fiber 1, which finishes.
  fiber_switch(&deep.main, deep.fiber[0], 0);
  EXPECT_FALSE(deep.misaligned);
  EXPECT_EQ(deep.checksum[0], expected_descent(0, deep.depth));
  EXPECT_EQ(deep.checksum[1], expected_descent(1, deep.depth));
  deep_game = nullptr;
}

// A fiber suspended with live objects is unwound: their destructors run, in reverse order, and
// the fiber's start function sees FiberUnwind.
struct Unwind {
  void *main = nullptr, *fiber = nullptr;
  std::vector<int> destroyed;
  bool caught = false;
  int resumed_normally = 0;
};

struct Tracked {
  Unwind *owner;
  int id;
  ~Tracked() { owner->destroyed.push_back(id); }
};

void suspend_nested(Unwind &u, int level) {
  Tracked here{&u, level};
  if (level < 3) {
    suspend_nested(u, level + 1);
  } else {
    fiber_switch(&u.fiber, u.main, 0);
    ++u.resumed_normally;
    fiber_switch(&u.fiber, u.main, 0);
    ++u.resumed_normally;
  }
}

void unwind_main(void *argument) {
  auto &u = *static_cast<Unwind *>(argument);
  try {
    suspend_nested(u, 0);
  } catch (const FiberUnwind &) {
    u.caught = true;
  }
  fiber_switch(&u.fiber, u.main, 7);
}

TEST(FiberSwitch, UnwindingRunsDestructorsOfASuspendedFiber) {
  Stack stack;
  Unwind u;
  u.fiber = fiber_prepare(stack.top(), stack_bytes, &unwind_main, &u);
  fiber_switch(&u.main, u.fiber, 0);
  fiber_switch(&u.main, u.fiber, 0); // resumes normally once
  EXPECT_EQ(u.resumed_normally, 1);
  EXPECT_TRUE(u.destroyed.empty());
  fiber_switch_unwinding(&u.main, u.fiber);
  EXPECT_TRUE(u.caught);
  EXPECT_EQ(u.resumed_normally, 1);
  EXPECT_EQ(u.destroyed, (std::vector<int>{3, 2, 1, 0}));
}

} // namespace
} // namespace xir::runtime
