#pragma once
// Comparison of a kernel's output with the golden one: OPS.md's tolerance for floats
// (|got - want| <= abs + rel |want|, or the spec's), exact for integers.
#include <cstdint>
#include <optional>
#include <string>

#include "xir/spec/host_tensor.hpp"
#include "xir/spec/spec.hpp"

namespace xir::verify {

struct Mismatch {
  std::int64_t flat = 0;
  std::string index; // "[i, j]"
  double got = 0, want = 0;
};

struct Comparison {
  std::string tensor;
  std::int64_t elements = 0;
  std::int64_t mismatches = 0;
  double max_abs_error = 0;
  double max_rel_error = 0; // over elements with want != 0
  std::optional<Mismatch> first_mismatch;
  bool passed() const { return mismatches == 0; }
};

Comparison compare_tensor(const std::string& name, const spec::HostTensor& got,
                          const spec::HostTensor& want, const spec::Tolerance& tolerance);

} // namespace xir::verify
