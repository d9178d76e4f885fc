// The context switch under the fiber team: a suspended fiber is one pointer, its saved context.
// On x86-64 a hand-written switch (fiber_switch_x86_64.S) saves the callee-saved registers and
// the stack pointer only; elsewhere Boost.Context's fcontext does the same job (fiber_switch.cpp).
#pragma once

#include <cstddef>

#if defined(__x86_64__) && !defined(XIR_FIBER_SWITCH_PORTABLE)
#define XIR_FIBER_SWITCH_NATIVE 1
#else
#define XIR_FIBER_SWITCH_NATIVE 0
#endif

#if XIR_FIBER_SWITCH_NATIVE
extern "C" int xir_fiber_switch(void **save, void *resume, int value);
#endif

namespace xir::runtime {

// Runs on the fiber's own stack; it must never return: a fiber ends by switching away for good.
using FiberStart = void (*)(void *argument);

// Thrown out of the pending fiber_switch of a fiber resumed by fiber_switch_unwinding.
struct FiberUnwind {};

// A suspended fiber that runs start(argument) on the stack below `stack_top` when first resumed.
void *fiber_prepare(void *stack_top, std::size_t stack_bytes, FiberStart start, void *argument);

// Suspends the calling fiber into *save and resumes `resume` (a context from fiber_prepare or a
// *save of an earlier switch), whose pending fiber_switch returns `value`. Returns when another
// fiber switches back to *save, with the value that one passed. Called as the last thing a
// function does, the call compiles to a jump and the caller's frame is gone while it is suspended.
#if XIR_FIBER_SWITCH_NATIVE
inline int fiber_switch(void **save, void *resume, int value) { return xir_fiber_switch(save, resume, value); }
#else
int fiber_switch(void **save, void *resume, int value);
#endif

// Like fiber_switch, but the resumed fiber's pending fiber_switch throws FiberUnwind instead of
// returning, so its stack unwinds (destructors run). `resume` must have run before (not be fresh).
void fiber_switch_unwinding(void **save, void *resume);

} // namespace xir::runtime
