#include "fiber_switch.h"

#include <cstdint>

#if XIR_FIBER_SWITCH_NATIVE

extern "C" void xir_fiber_trampoline();
extern "C" void xir_fiber_unwind_entry();
// xir_fiber_switch under another type (an alias): the value register carries a return address.
extern "C" void xir_fiber_switch_address(void **save, void *resume, void *value);

extern "C" __attribute__((visibility("hidden"), noreturn, used)) void xir_fiber_throw_unwind() {
  throw xir::runtime::FiberUnwind{};
}

namespace xir::runtime {
namespace {
// Word offsets in a saved context: what xir_fiber_switch pops, in order.
enum SavedWord { r15, r14, r13, r12, rbx, rbp, return_address };
} // namespace

// `ret` lands in the trampoline with rsp 16-byte aligned, as at a call site.
void *fiber_prepare(void *stack_top, std::size_t, FiberStart start, void *argument) {
  const auto top = reinterpret_cast<std::uintptr_t>(stack_top) & ~std::uintptr_t{15};
  auto *saved = reinterpret_cast<void **>(top - 16) - 7;
  for (int word = 0; word < 9; ++word) saved[word] = nullptr;
  saved[r13] = argument;
  saved[r12] = reinterpret_cast<void *>(start);
  saved[return_address] = reinterpret_cast<void *>(&xir_fiber_trampoline);
  return saved;
}

void fiber_switch_unwinding(void **save, void *resume) {
  auto *saved = static_cast<void **>(resume);
  void *caller = saved[return_address];
  saved[return_address] = reinterpret_cast<void *>(&xir_fiber_unwind_entry);
  xir_fiber_switch_address(save, resume, caller);
}

} // namespace xir::runtime

#else

#include <boost/context/detail/fcontext.hpp>

namespace xir::runtime {
namespace fcontext = boost::context::detail;
namespace {

// What a switch hands to the context it resumes (it lives on the suspended switcher's stack).
struct Handover {
  void **save; // where the resumed side stores the switcher's context
  int value;
  bool unwind;
};

struct StartRequest {
  FiberStart start;
  void *argument;
};

int receive(const fcontext::transfer_t &from) {
  const auto *handover = static_cast<const Handover *>(from.data);
  *handover->save = from.fctx;
  if (handover->unwind) throw FiberUnwind{};
  return handover->value;
}

// Takes the request, returns to fiber_prepare at once, and starts the fiber when first resumed.
[[noreturn]] void start_fiber(fcontext::transfer_t from) {
  const StartRequest request = *static_cast<const StartRequest *>(from.data);
  from = fcontext::jump_fcontext(from.fctx, nullptr);
  *static_cast<const Handover *>(from.data)->save = from.fctx;
  request.start(request.argument);
  __builtin_trap(); // a start function never returns
}

} // namespace

void *fiber_prepare(void *stack_top, std::size_t stack_bytes, FiberStart start, void *argument) {
  StartRequest request{start, argument};
  const fcontext::fcontext_t fresh = fcontext::make_fcontext(stack_top, stack_bytes, &start_fiber);
  return fcontext::jump_fcontext(fresh, &request).fctx;
}

int fiber_switch(void **save, void *resume, int value) {
  Handover handover{save, value, false};
  return receive(fcontext::jump_fcontext(resume, &handover));
}

void fiber_switch_unwinding(void **save, void *resume) {
  Handover handover{save, 0, true};
  receive(fcontext::jump_fcontext(resume, &handover));
}

} // namespace xir::runtime

#endif
