// Forced include for BANG C sources (.mlu) compiled by g++ for the CPU runtime:
//   g++ -std=c++20 -I runtime/include -include runtime/bang/include/xir_bang_prelude.hpp
// after xir::runtime::bang::rewrite_source (bang_prepass.hpp) turned the `__nram__`, `__wram__`
// and `__mlu_shared__` declarations into per-task arena storage. Select the MLU target with
// -D__BANG_ARCH__=270|290|372|592 (default 372). Runtime code is hidden so several kernel
// libraries can be loaded into one process, each with its own runtime state.
#pragma once

// System headers first: only the runtime's own declarations are hidden.
#include <sys/mman.h>
#include <ucontext.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

// The types entry points may take stay visible: a hidden parameter type would hide an extern "C"
// entry point too.
#include "xir/runtime/bang/cnrt_types.hpp"
#include "xir/runtime/bang/half.hpp"
#include "xir/runtime/bang/memcpy_direction.hpp"

#pragma GCC visibility push(hidden)
#include "xir/runtime/bang/activation.hpp"
#include "xir/runtime/bang/arch.hpp"
#include "xir/runtime/bang/builtins.hpp"
#include "xir/runtime/bang/conversion.hpp"
#include "xir/runtime/bang/elementwise.hpp"
#include "xir/runtime/bang/fill.hpp"
#include "xir/runtime/bang/launch.hpp"
#include "xir/runtime/bang/memcpy.hpp"
#include "xir/runtime/bang/move.hpp"
#include "xir/runtime/bang/pooling.hpp"
#include "xir/runtime/bang/reduction.hpp"
#include "xir/runtime/bang/tensor_ops.hpp"

// The intrinsic names come last: nothing in the runtime may see them as macros.
#include "xir/runtime/bang/intrinsic_macros.hpp"
#pragma GCC visibility pop

using xir::bang::bfloat16_t;
using xir::bang::half;
typedef signed char int8; // legacy alias used by public kernels

// Function qualifiers: kernels and device functions are ordinary C++ functions here.
#define __mlu_global__
#define __mlu_entry__
#define __mlu_func__
#define __mlu_device__
#define __mlu_host__

#define __bang_printf printf

// Without the pre-pass, on-chip declarations become plain static storage outside the arenas:
// every intrinsic then reports its operands as not on chip, rather than computing silently.
#define __nram__ static
#define __wram__ static
#define __mlu_shared__ static
#define __ldram__
#define __gdram__
