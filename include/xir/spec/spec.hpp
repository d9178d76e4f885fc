#pragma once
// The test-case spec of docs/test-case-spec.md: family, tensors, parameters, the entry point's
// arguments, seed and tolerance.
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xir/spec/dtype.hpp"

namespace xir::spec {

// A spec that cannot be used; `what()` is a complete clang-style diagnostic line.
class SpecError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct TensorDesc {
  std::string name;
  DType dtype = DType::f32;
  std::vector<std::int64_t> shape;
};

// One parameter of the entry point, in order.
struct Arg {
  enum class Kind { buffer, i32, i64, f32 };
  Kind kind = Kind::buffer;
  std::string buffer;       // kind == buffer: the tensor's name
  std::int64_t integer = 0; // kind == i32 / i64
  double real = 0;          // kind == f32
};

struct Tolerance {
  double abs = 1e-3;
  double rel = 1e-3;
};

// Launch configuration for device-only files (their generated <kernel>_launch entry points).
struct Launch {
  std::array<std::int64_t, 3> grid{1, 1, 1};
  std::array<std::int64_t, 3> block{1, 1, 1};
  std::int64_t shared_bytes = 0; // dynamic shared memory
};

struct Spec {
  std::string family;
  std::string entry;
  std::vector<TensorDesc> inputs;
  std::vector<TensorDesc> outputs;
  nlohmann::json params = nlohmann::json::object();
  std::vector<Arg> args;
  std::uint64_t seed = 1;
  Tolerance tolerance;
  std::optional<Launch> launch;

  const TensorDesc& input(std::string_view name) const; // throws SpecError when absent
  const TensorDesc* find_input(std::string_view name) const;
  const TensorDesc* find_output(std::string_view name) const;
  // An output whose name is also an input's (scatter): one buffer, updated in place.
  bool is_in_place(const TensorDesc& output) const;

  std::int64_t int_param(const std::string& name, std::int64_t fallback) const;
  double real_param(const std::string& name, double fallback) const;
  std::vector<std::int64_t> int_list_param(const std::string& name) const; // empty when absent
};

// Parses and validates a spec (syntax, field types, then the family's shape rules).
// `origin` names the source in diagnostics. Throws SpecError.
Spec parse_spec(const std::string& json_text, const std::string& origin);
Spec load_spec(const std::string& path);

// Only the syntax and field types, no family rules (for tools that want to report separately).
Spec parse_spec_fields(const std::string& json_text, const std::string& origin);

nlohmann::json spec_to_json(const Spec& spec);

} // namespace xir::spec
