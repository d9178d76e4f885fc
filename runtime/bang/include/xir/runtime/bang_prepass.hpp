// Source pre-pass for BANG C files run on the CPU runtime. It rewrites on-chip declarations so
// that they name per-task storage in the running task's arena (bang/memory_spaces.hpp):
//   inside a function:  `__nram__ float buf[N];`  ->  `float (&buf)[N] = space_object<nram, SITE,
//   float[N]>(...);` at namespace scope: `__nram__ char pool[S];`  ->  `#define pool
//   (space_object<nram, SITE, char[S]>(...))`
// (likewise `__wram__` -> WRAM per core, `__mlu_shared__` -> SRAM per cluster), and drops the
// qualifiers where they only qualify a pointer (parameters, casts). Line numbers are unchanged:
// a rewrite keeps its newlines, and a namespace-scope #define is followed by a #line directive.
#pragma once

#include <string>
#include <string_view>

namespace xir::runtime::bang {

std::string rewrite_source(std::string_view source);

} // namespace xir::runtime::bang
