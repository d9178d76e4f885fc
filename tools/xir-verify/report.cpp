#include "report.hpp"

#include <cmath>
#include <sstream>

namespace xir::verify {
namespace {

nlohmann::json number(double value) {
  if (std::isfinite(value))
    return value;
  return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
}

nlohmann::json stage_json(const StageResult& stage) {
  nlohmann::json json{
      {"status", status_name(stage.status)}, {"seconds", stage.seconds}, {"cached", stage.cached}};
  if (!stage.tool.empty())
    json["tool"] = stage.tool;
  if (!stage.detail.empty())
    json["detail"] = stage.detail;
  return json;
}

std::string indent(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    out += "      " + line + "\n";
  return out;
}

void stage_text(std::ostringstream& out, const char* name, const StageResult& stage,
                const std::string& note = "") {
  out << "  " << name << ": " << status_name(stage.status);
  std::string extras = stage.tool;
  if (!note.empty())
    extras += (extras.empty() ? "" : "; ") + note;
  if (stage.cached)
    extras += "; cached";
  if (!extras.empty())
    out << " (" << extras << ")";
  out << "\n";
  if (!stage.detail.empty() &&
      (stage.status != StageResult::Status::passed || name == std::string("compare")))
    out << indent(stage.detail);
}

} // namespace

std::string Report::failed_stage() const {
  for (const auto& [name, stage] :
       {std::pair{"compile", &compile}, {"build", &build}, {"run", &run}, {"compare", &compare}})
    if (stage->status == StageResult::Status::failed)
      return name;
  if (compare.status != StageResult::Status::passed)
    return "compare";
  return "";
}

std::string render_text(const Report& r) {
  std::ostringstream out;
  out << "xir-verify " << r.file << " (" << r.dialect << ", family " << r.family << ", entry "
      << r.entry << ")\n";
  stage_text(out, "compile", r.compile);
  stage_text(out, "build", r.build);
  stage_text(out, "run", r.run, r.execution_path.empty() ? "" : "path: " + r.execution_path);
  out << "  compare: " << status_name(r.compare.status) << "\n";
  for (const Comparison& c : r.comparisons) {
    out << "      " << c.tensor << ": " << (c.elements - c.mismatches) << "/" << c.elements
        << " within tolerance, max abs error " << c.max_abs_error << ", max rel error "
        << c.max_rel_error << "\n";
    if (c.first_mismatch)
      out << "      first mismatch at " << c.first_mismatch->index << " (flat "
          << c.first_mismatch->flat << "): got " << c.first_mismatch->got << ", want "
          << c.first_mismatch->want << "\n";
  }
  if (r.comparisons.empty() && !r.compare.detail.empty())
    out << indent(r.compare.detail);
  out << (r.correct() ? "CORRECT\n" : "INCORRECT: the " + r.failed_stage() + " stage failed\n");
  return out.str();
}

nlohmann::json render_json(const Report& r) {
  nlohmann::json comparisons = nlohmann::json::array();
  for (const Comparison& c : r.comparisons) {
    nlohmann::json entry{{"tensor", c.tensor},
                         {"elements", c.elements},
                         {"mismatches", c.mismatches},
                         {"max_abs_error", number(c.max_abs_error)},
                         {"max_rel_error", number(c.max_rel_error)}};
    if (c.first_mismatch)
      entry["first_mismatch"] = {{"index", c.first_mismatch->index},
                                 {"flat", c.first_mismatch->flat},
                                 {"got", number(c.first_mismatch->got)},
                                 {"want", number(c.first_mismatch->want)}};
    comparisons.push_back(entry);
  }
  nlohmann::json compare = stage_json(r.compare);
  compare["outputs"] = comparisons;
  nlohmann::json run = stage_json(r.run);
  if (!r.execution_path.empty())
    run["path"] = r.execution_path;
  return {
      {"file", r.file},
      {"dialect", r.dialect},
      {"spec", r.spec_path},
      {"family", r.family},
      {"entry", r.entry},
      {"stages",
       {{"compile", stage_json(r.compile)},
        {"build", stage_json(r.build)},
        {"run", run},
        {"compare", compare}}},
      {"correct", r.correct()},
      {"failed_stage", r.correct() ? nlohmann::json(nullptr) : nlohmann::json(r.failed_stage())}};
}

} // namespace xir::verify
