#pragma once
// The verification report: one entry per stage, then the verdict; as text or JSON.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare.hpp"
#include "toolchain.hpp"

namespace xir::verify {

struct Report {
  std::string file, dialect, spec_path, family, entry;
  StageResult compile, build, run, compare;
  std::string execution_path; // vnni: "native" or "emulated"; others: "cpu runtime (xir-sim-cc)"
  std::vector<Comparison> comparisons;

  // The first stage that failed, or empty when the kernel is correct.
  std::string failed_stage() const;
  bool correct() const { return failed_stage().empty(); }
};

std::string render_text(const Report& report);
nlohmann::json render_json(const Report& report);

} // namespace xir::verify
