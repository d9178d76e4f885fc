// xir-verify FILE --dialect D --spec SPEC.json [--json]: is this kernel file correct on its test
// case?
#include <fstream>
#include <iostream>
#include <sstream>

#include "cpu_features.hpp"
#include "golden.hpp"
#include "options.hpp"
#include "report.hpp"
#include "run_entry.hpp"
#include "xir/reference/reference.hpp"
#include "xir/spec/spec.hpp"

namespace xir::verify {
namespace {

constexpr int exit_correct = 0, exit_incorrect = 1, exit_usage = 2;

bool read_file(const std::string& path, std::string& contents) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return false;
  std::ostringstream text;
  text << file.rdbuf();
  contents = text.str();
  return true;
}

void mark_not_reached(StageResult& stage) {
  stage.status = StageResult::Status::skipped;
  stage.detail = "not reached";
}

// Stages (a) compile, (b) build and run, (c) compare; stops at the first failure.
void verify(const Options& options, const std::string& contents, const spec::Spec& spec,
            Report& report) {
  const BuildCache cache(options.use_cache);
  report.compile = compile_check(options.file, contents, options.dialect, cache);
  if (report.compile.status == StageResult::Status::failed) {
    mark_not_reached(report.build);
    mark_not_reached(report.run);
    mark_not_reached(report.compare);
    return;
  }
  const bool emulate = options.dialect == Dialect::vnni && options.engine == "runtime" &&
                       (options.vnni_emulate || !cpu_has_vnni_and_bf16());
  if (options.engine == "interp")
    report.execution_path = "reference interpreter on the lifted IR (xir-sim-cc --engine interp)";
  else if (options.dialect == Dialect::vnni)
    report.execution_path =
        emulate ? std::string("emulated VNNI/BF16 intrinsics") +
                      (options.vnni_emulate ? " (--vnni-emulate)"
                                            : " (CPU lacks avx512_vnni/avx512_bf16)")
                : "native VNNI/BF16";
  else
    report.execution_path = "CPU runtime of xir-sim-cc";
  std::vector<std::string> launch_flags;
  if (spec.launch) {
    auto triple = [](const std::array<std::int64_t, 3>& d) {
      return std::to_string(d[0]) + "," + std::to_string(d[1]) + "," + std::to_string(d[2]);
    };
    launch_flags = {"--grid", triple(spec.launch->grid), "--block", triple(spec.launch->block)};
    if (spec.launch->shared_bytes > 0)
      launch_flags.insert(launch_flags.end(),
                          {"--shared-bytes", std::to_string(spec.launch->shared_bytes)});
  }
  std::string library;
  report.build =
      build_library(options.file, contents, options.dialect, emulate, launch_flags, options.engine,
                    cache, library);
  if (report.build.status != StageResult::Status::passed) {
    mark_not_reached(report.run);
    mark_not_reached(report.compare);
    return;
  }
  const auto inputs = reference::make_inputs(spec, spec.seed);
  RunOutcome outcome = run_entry(library, spec, inputs, options.timeout_seconds);
  report.run = outcome.stage;
  if (report.run.status != StageResult::Status::passed) {
    mark_not_reached(report.compare);
    return;
  }
  // The golden result is computed only now: Halide starts threads, and the child was forked before.
  std::vector<spec::HostTensor> golden;
  try {
    golden = golden_outputs(spec, inputs, cache, report.compare.cached);
  } catch (const std::exception& error) {
    report.compare.status = StageResult::Status::failed;
    report.compare.detail = std::string("the reference could not be computed: ") + error.what();
    return;
  }
  report.compare.status = StageResult::Status::passed;
  report.compare.tool = "Halide reference, tolerance abs " + std::to_string(spec.tolerance.abs) +
                        " rel " + std::to_string(spec.tolerance.rel) + " (integers exact)";
  for (std::size_t i = 0; i < spec.outputs.size(); ++i) {
    const std::string& name = spec.outputs[i].name;
    report.comparisons.push_back(
        compare_tensor(name, outcome.tensors.at(name), golden[i], spec.tolerance));
    if (!report.comparisons.back().passed())
      report.compare.status = StageResult::Status::failed;
  }
}

int main_with_exit_code(int argc, char** argv) {
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::invalid_argument& error) {
    std::cerr << "xir-verify: error: " << error.what() << "\n" << usage_text();
    return exit_usage;
  }
  if (options.help) {
    std::cout << usage_text();
    return exit_correct;
  }
  std::string contents;
  if (!read_file(options.file, contents)) {
    std::cerr << options.file << ": error: cannot read the kernel file\n";
    return exit_usage;
  }
  spec::Spec spec;
  try {
    spec = spec::load_spec(options.spec_path);
  } catch (const spec::SpecError& error) {
    std::cerr << error.what() << "\n";
    return exit_usage;
  }
  Report report;
  report.file = options.file;
  report.dialect = dialect_name(options.dialect);
  report.spec_path = options.spec_path;
  report.family = spec.family;
  report.entry = spec.entry;
  verify(options, contents, spec, report);
  if (options.json) {
    std::cout << render_json(report).dump(2) << "\n";
  } else {
    std::cout << render_text(report);
  }
  return report.correct() ? exit_correct : exit_incorrect;
}

} // namespace
} // namespace xir::verify

int main(int argc, char** argv) {
  try {
    return xir::verify::main_with_exit_code(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "xir-verify: error: " << error.what() << "\n";
    return 1;
  }
}
