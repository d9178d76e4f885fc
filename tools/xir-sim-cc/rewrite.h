// Textual rewrites of the pre-pass. Each keeps every line where it was (newlines are preserved
// or restored with #line), so diagnostics of the compile point into the user's file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xir::sim_cc {

struct SourceError {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

struct Rewritten {
  std::string source;
  std::vector<SourceError> errors;
};

// `k<<<A, B[, C[, D]]>>>(args)` -> `xir_launch(k, A, B[, C[, D]])(args)`, for plain, qualified,
// parenthesized and template callees (`k<T, 4><<<...>>>`).
Rewritten rewrite_launch_syntax(std::string_view source);

// `extern __shared__ T name[];` -> a pointer to the running block's dynamic shared memory
// (a local constant inside functions, a macro at namespace scope).
Rewritten rewrite_dynamic_shared(std::string_view source, std::string_view file_name);

// clang's `__attribute__((ext_vector_type(N)))` in typedef / using declarations -> g++'s
// `__attribute__((__vector_size__(N * sizeof(T))))`.
Rewritten rewrite_ext_vector_types(std::string_view source);

} // namespace xir::sim_cc
