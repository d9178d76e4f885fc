// A cooperative fiber on ucontext: the tasks of a launch run as fibers of the launching host
// thread and switch only at barriers, so every schedule is deterministic and a barrier that can
// never complete is seen as "no fiber can run". Switches are rare (one per barrier and task),
// so swapcontext's signal-mask syscall does not matter.
#pragma once

#include <sys/mman.h>
#include <ucontext.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <utility>

namespace xir::bang {

class Fiber {
public:
  // Large lazily committed stacks: kernels keep LDRAM arrays in locals.
  static constexpr std::size_t stack_bytes = std::size_t{8} << 20;
  static constexpr std::size_t guard_bytes = 4096;

  explicit Fiber(std::function<void()> body) : body_(std::move(body)) {
    void* memory = mmap(nullptr, stack_bytes + guard_bytes, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (memory == MAP_FAILED)
      throw std::bad_alloc();
    mprotect(memory, guard_bytes, PROT_NONE); // stack overflow faults instead of corrupting
    stack_ = memory;
    getcontext(&context_);
    context_.uc_stack.ss_sp = static_cast<char*>(memory) + guard_bytes;
    context_.uc_stack.ss_size = stack_bytes;
    context_.uc_link = nullptr;
    const auto self = reinterpret_cast<std::uintptr_t>(this);
    makecontext(&context_, reinterpret_cast<void (*)()>(&Fiber::entry), 2,
                static_cast<unsigned>(self >> 32), static_cast<unsigned>(self & 0xffffffffu));
  }
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;
  ~Fiber() { munmap(stack_, stack_bytes + guard_bytes); }

  bool finished() const { return finished_; }
  bool started() const { return started_; }

  // Runs the fiber until it yields or finishes (called from the scheduler).
  void resume() {
    started_ = true;
    swapcontext(&caller_, &context_);
  }
  // Gives control back to the scheduler (called from inside the fiber).
  void yield() { swapcontext(&context_, &caller_); }

private:
  static void entry(unsigned high, unsigned low) {
    auto* self = reinterpret_cast<Fiber*>((std::uintptr_t{high} << 32) | low);
    self->body_(); // the body catches everything: nothing may unwind past a fiber's first frame
    self->finished_ = true;
    swapcontext(&self->context_, &self->caller_);
  }

  std::function<void()> body_;
  void* stack_ = nullptr;
  ucontext_t context_{};
  ucontext_t caller_{};
  bool finished_ = false;
  bool started_ = false;
};

} // namespace xir::bang
