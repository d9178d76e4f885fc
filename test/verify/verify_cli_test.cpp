// xir-verify end to end: correct kernels pass; broken ones fail naming the right stage; bad specs
// and bad command lines exit 2 with a diagnostic.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string test_dir = XIR_VERIFY_TEST_DIR;

struct Invocation {
  int exit_code = -1;
  std::string out, err;
  json report; // parsed stdout when --json was given and it parsed
};

std::string read_all(const fs::path& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string quote(const std::string& text) {
  return "'" + text + "'";
}

// Runs xir-verify with `args`; `environment` is prefixed to the command (VAR=value ...).
Invocation run_verify(const std::vector<std::string>& args, const std::string& environment = "") {
  static int counter = 0;
  const fs::path scratch = fs::path(XIR_VERIFY_WORK_DIR) /
                           ("run" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  std::string command = "XIR_CACHE_DIR=" + quote(XIR_VERIFY_WORK_DIR "/cache") + " " + environment +
                        " " + quote(XIR_VERIFY_EXE);
  for (const std::string& arg : args)
    command += " " + quote(arg);
  command += " > " + quote(scratch.string() + ".out") + " 2> " + quote(scratch.string() + ".err");
  const int status = std::system(command.c_str());
  Invocation result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_all(scratch.string() + ".out");
  result.err = read_all(scratch.string() + ".err");
  fs::remove(scratch.string() + ".out");
  fs::remove(scratch.string() + ".err");
  if (std::find(args.begin(), args.end(), "--json") != args.end())
    result.report = json::parse(result.out, nullptr, false);
  return result;
}

std::string kernel(const std::string& dialect, const std::string& name) {
  return test_dir + "/kernels/" + dialect + "/" + name;
}
std::string spec_file(const std::string& name) {
  return test_dir + "/specs/" + name;
}

// Without xir-sim-cc, native VNNI files are built by g++ directly.
const std::string no_sim_cc = "XIR_SIM_CC=/nonexistent/xir-sim-cc";

Invocation verify_json(const std::string& dialect, const std::string& file, const std::string& spec,
                       const std::string& environment = "", std::vector<std::string> extra = {}) {
  std::vector<std::string> args{kernel(dialect, file), "--dialect", dialect, "--spec",
                                spec_file(spec),       "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_verify(args, environment);
}

std::string stage_detail(const Invocation& run, const std::string& stage) {
  return run.report["stages"][stage].value("detail", "");
}

void expect_correct(const Invocation& run) {
  ASSERT_FALSE(run.report.is_discarded()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(run.report["correct"].get<bool>()) << run.out;
  EXPECT_EQ(run.report["stages"]["run"]["status"], "passed") << run.out;
  EXPECT_EQ(run.report["stages"]["compare"]["status"], "passed") << run.out;
  for (const auto& output : run.report["stages"]["compare"]["outputs"])
    EXPECT_EQ(output["mismatches"], 0);
}

void expect_failed_at(const Invocation& run, const std::string& stage,
                      const std::string& detail_part = "") {
  ASSERT_FALSE(run.report.is_discarded()) << run.out << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_FALSE(run.report["correct"].get<bool>());
  EXPECT_EQ(run.report["failed_stage"], stage) << run.out;
  EXPECT_EQ(run.report["stages"][stage]["status"], "failed") << run.out;
  if (!detail_part.empty()) {
    EXPECT_NE(stage_detail(run, stage).find(detail_part), std::string::npos) << run.out;
  }
}

// ---- VNNI, native path (this CPU has avx512_vnni and avx512_bf16) ----

TEST(VnniNative, CorrectAddPasses) {
  const Invocation run = verify_json("vnni", "add_f32.cpp", "add_f32.json", no_sim_cc);
  expect_correct(run);
  EXPECT_EQ(run.report["stages"]["compile"]["status"], "passed");
  EXPECT_NE(run.report["stages"]["compile"]["tool"].get<std::string>().find("-mavx512vnni"),
            std::string::npos);
  EXPECT_EQ(run.report["stages"]["run"]["path"], "native VNNI/BF16");
  EXPECT_EQ(run.report["stages"]["compare"]["outputs"][0]["elements"], 1003);
}

TEST(VnniNative, CorrectGemmU8S8Passes) {
  expect_correct(verify_json("vnni", "gemm_u8s8.cpp", "gemm_u8s8.json", no_sim_cc));
}

TEST(VnniNative, CorrectGemmBf16Passes) {
  expect_correct(verify_json("vnni", "gemm_bf16.cpp", "gemm_bf16.json", no_sim_cc));
}

TEST(VnniNative, CompileErrorFailsAtCompile) {
  const Invocation run = verify_json("vnni", "add_compile_error.cpp", "add_f32.json", no_sim_cc);
  expect_failed_at(run, "compile", "index");
  EXPECT_EQ(run.report["stages"]["run"]["status"], "skipped");
}

TEST(VnniNative, CrashFailsAtRun) {
  expect_failed_at(verify_json("vnni", "add_crash.cpp", "add_f32.json", no_sim_cc), "run",
                   "SIGSEGV");
}

TEST(VnniNative, HangFailsAtRunAfterTimeout) {
  const Invocation run =
      verify_json("vnni", "add_hang.cpp", "add_f32.json", no_sim_cc, {"--timeout", "1.5"});
  expect_failed_at(run, "run", "timed out after 1.5 s");
  EXPECT_LT(run.report["stages"]["run"]["seconds"].get<double>(), 20);
}

TEST(VnniNative, OffByOneFailsAtCompareNamingTheLastElement) {
  const Invocation run = verify_json("vnni", "add_off_by_one.cpp", "add_f32.json", no_sim_cc);
  expect_failed_at(run, "compare");
  const json& output = run.report["stages"]["compare"]["outputs"][0];
  EXPECT_EQ(output["mismatches"], 1);
  EXPECT_EQ(output["first_mismatch"]["index"], "[1002]");
  EXPECT_EQ(output["first_mismatch"]["got"], "nan"); // never written: the 0xff fill
}

TEST(VnniNative, WrongIndexFailsAtCompare) {
  const Invocation run =
      verify_json("vnni", "gemm_u8s8_wrong_index.cpp", "gemm_u8s8.json", no_sim_cc);
  expect_failed_at(run, "compare");
  const json& output = run.report["stages"]["compare"]["outputs"][0];
  EXPECT_GT(output["mismatches"].get<int>(), 100);
  EXPECT_GT(output["max_abs_error"].get<double>(), 0);
}

TEST(VnniNative, OutOfBoundsWriteFailsAtRun) {
  expect_failed_at(verify_json("vnni", "add_oob_write.cpp", "add_f32.json", no_sim_cc), "run",
                   "out-of-bounds write past the end of 'C'");
}

TEST(VnniNative, MissingEntryPointFailsAtRun) {
  expect_failed_at(verify_json("vnni", "add_missing_entry.cpp", "add_f32.json", no_sim_cc), "run",
                   "entry point 'run_add' is not defined");
}

TEST(VnniNative, SecondRunIsServedFromTheCache) {
  verify_json("vnni", "gemm_u8s8.cpp", "gemm_u8s8.json", no_sim_cc);
  const Invocation again = verify_json("vnni", "gemm_u8s8.cpp", "gemm_u8s8.json", no_sim_cc);
  expect_correct(again);
  EXPECT_TRUE(again.report["stages"]["compile"]["cached"].get<bool>());
  EXPECT_TRUE(again.report["stages"]["build"]["cached"].get<bool>());
  EXPECT_TRUE(again.report["stages"]["compare"]["cached"].get<bool>())
      << "golden outputs come from the cache";
}

TEST(VnniNative, TextReportNamesStagesAndVerdict) {
  const Invocation good = run_verify(
      {kernel("vnni", "add_f32.cpp"), "--dialect", "vnni", "--spec", spec_file("add_f32.json")},
      no_sim_cc);
  EXPECT_EQ(good.exit_code, 0) << good.out;
  for (const char* part :
       {"compile: passed", "build: passed", "run: passed", "compare: passed", "CORRECT"})
    EXPECT_NE(good.out.find(part), std::string::npos) << part << "\n" << good.out;
  const Invocation bad = run_verify({kernel("vnni", "add_off_by_one.cpp"), "--dialect", "vnni",
                                     "--spec", spec_file("add_f32.json")},
                                    no_sim_cc);
  EXPECT_EQ(bad.exit_code, 1);
  for (const char* part :
       {"compare: failed", "first mismatch at [1002]", "INCORRECT: the compare stage failed"})
    EXPECT_NE(bad.out.find(part), std::string::npos) << part << "\n" << bad.out;
}

// ---- Real-compiler checks that need no runtime ----

TEST(Cuda, CompileErrorFailsAtCompileWithNvcc) {
  const Invocation run = verify_json("cuda", "add_compile_error.cu", "add_f32.json");
  expect_failed_at(run, "compile", "too few arguments");
  EXPECT_NE(
      run.report["stages"]["compile"]["tool"].get<std::string>().find("arch=compute_90,code=sm_90"),
      std::string::npos);
}

TEST(Hip, CompileErrorFailsAtCompileWithHipcc) {
  const Invocation run = verify_json("hip", "add_compile_error.hip", "add_f32.json");
  expect_failed_at(run, "compile", "error");
  EXPECT_NE(
      run.report["stages"]["compile"]["tool"].get<std::string>().find("--offload-arch=gfx90a"),
      std::string::npos);
}

TEST(Bang, CompileStageSaysNoRealCompiler) {
  const Invocation run = verify_json("bang", "add.mlu", "add_f32.json");
  EXPECT_EQ(run.report["stages"]["compile"]["status"], "skipped");
  EXPECT_NE(stage_detail(run, "compile").find("no real compiler available"), std::string::npos);
}

#if XIR_VERIFY_HAVE_SIM_CC
// ---- Through xir-sim-cc and the CPU runtimes ----

class RuntimeDialect : public ::testing::TestWithParam<std::string> {
protected:
  std::string file(const std::string& stem) const {
    const std::string& d = GetParam();
    return stem + (d == "cuda" ? ".cu" : d == "hip" ? ".hip" : ".mlu");
  }
};

TEST_P(RuntimeDialect, CorrectAddPasses) {
  const Invocation run = verify_json(GetParam(), file("add"), "add_f32.json");
  expect_correct(run);
  EXPECT_EQ(run.report["stages"]["run"]["path"], "CPU runtime of xir-sim-cc");
}
TEST_P(RuntimeDialect, CrashFailsAtRun) {
  expect_failed_at(verify_json(GetParam(), file("add_crash"), "add_f32.json"), "run");
}
TEST_P(RuntimeDialect, OffByOneFailsAtCompare) {
  const Invocation run = verify_json(GetParam(), file("add_off_by_one"), "add_f32.json");
  expect_failed_at(run, "compare");
  EXPECT_EQ(run.report["stages"]["compare"]["outputs"][0]["first_mismatch"]["index"], "[1002]");
}
TEST_P(RuntimeDialect, WrongIndexFailsAtCompare) {
  expect_failed_at(verify_json(GetParam(), file("add_wrong_index"), "add_f32.json"), "compare");
}
TEST_P(RuntimeDialect, OutOfBoundsWriteFailsAtRun) {
  expect_failed_at(verify_json(GetParam(), file("add_oob_write"), "add_f32.json"), "run",
                   "past the end of 'C'");
}
INSTANTIATE_TEST_SUITE_P(SimCc, RuntimeDialect, ::testing::Values("cuda", "hip", "bang"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(Bang, CompileErrorFailsAtBuildWithoutARealCompiler) {
  expect_failed_at(verify_json("bang", "add_compile_error.mlu", "add_f32.json"), "build", "tile_c");
}

TEST(VnniEmulated, GemmU8S8PassesThroughTheEmulation) {
  const Invocation run =
      verify_json("vnni", "gemm_u8s8.cpp", "gemm_u8s8.json", "", {"--vnni-emulate"});
  expect_correct(run);
  EXPECT_EQ(run.report["stages"]["run"]["path"], "emulated VNNI/BF16 intrinsics (--vnni-emulate)");
}

TEST(VnniEmulated, GemmBf16PassesThroughTheEmulation) {
  expect_correct(verify_json("vnni", "gemm_bf16.cpp", "gemm_bf16.json", "", {"--vnni-emulate"}));
}

TEST(VnniEmulated, OffByOneFailsAtCompare) {
  expect_failed_at(
      verify_json("vnni", "add_off_by_one.cpp", "add_f32.json", "", {"--vnni-emulate"}), "compare");
}
#else
TEST(VnniEmulated, WithoutXirSimCcTheBuildStageSaysSo) {
  const Invocation run =
      verify_json("vnni", "gemm_u8s8.cpp", "gemm_u8s8.json", no_sim_cc, {"--vnni-emulate"});
  expect_failed_at(run, "build", "xir-sim-cc not found");
  EXPECT_EQ(run.report["stages"]["run"]["path"], "emulated VNNI/BF16 intrinsics (--vnni-emulate)");
}
#endif

// ---- Bad specs and bad command lines: exit 2 and a diagnostic, no report ----

class BadSpec : public ::testing::TestWithParam<std::string> {};

TEST_P(BadSpec, ExitsTwoWithADiagnostic) {
  const std::string path = test_dir + "/specs/bad/" + GetParam() + ".json";
  const Invocation run = run_verify(
      {kernel("vnni", "add_f32.cpp"), "--dialect", "vnni", "--spec", path, "--json"}, no_sim_cc);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_EQ(run.err.rfind(path + ":", 0), 0u)
      << "the diagnostic starts with the spec's path: " << run.err;
  EXPECT_NE(run.err.find(" error: "), std::string::npos) << run.err;
  const json spec = json::parse(read_all(path), nullptr, false);
  std::string expected =
      spec.is_object() && spec.contains("_expect") ? spec["_expect"].get<std::string>() : "";
  if (GetParam() == "malformed")
    expected = "malformed JSON";
  if (GetParam() == "not_an_object")
    expected = "a spec must be a JSON object";
  ASSERT_FALSE(expected.empty());
  EXPECT_NE(run.err.find(expected), std::string::npos)
      << "expected '" << expected << "' in: " << run.err;
}

std::vector<std::string> bad_spec_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(test_dir + "/specs/bad"))
    names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Specs, BadSpec, ::testing::ValuesIn(bad_spec_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(BadSpec, AtLeastTenCases) {
  EXPECT_GE(bad_spec_names().size(), 10u);
}

TEST(BadSpec, MalformedJsonNamesLineAndColumn) {
  const std::string path = test_dir + "/specs/bad/malformed.json";
  const Invocation run =
      run_verify({kernel("vnni", "add_f32.cpp"), "--dialect", "vnni", "--spec", path});
  EXPECT_EQ(run.err.rfind(path + ":5:1: error: malformed JSON", 0), 0u) << run.err;
}

TEST(Usage, BadCommandLinesExitTwo) {
  const std::string file = kernel("vnni", "add_f32.cpp"), spec = spec_file("add_f32.json");
  const std::vector<std::vector<std::string>> bad{
      {},
      {file, "--dialect", "vnni"},
      {file, "--spec", spec},
      {file, "--dialect", "ptx", "--spec", spec},
      {file, "--dialect", "vnni", "--spec", spec, "--timeout", "soon"},
      {file, "--dialect", "cuda", "--spec", spec, "--vnni-emulate"},
      {file, "--dialect", "vnni", "--spec", spec, "--frobnicate"},
      {test_dir + "/kernels/vnni/no_such_file.cpp", "--dialect", "vnni", "--spec", spec},
      {file, "--dialect", "vnni", "--spec", test_dir + "/specs/no_such_spec.json"},
  };
  for (const auto& args : bad) {
    const Invocation run = run_verify(args);
    EXPECT_EQ(run.exit_code, 2) << (args.empty() ? "(no arguments)" : args.back()) << "\n"
                                << run.err;
    EXPECT_NE(run.err.find("error: "), std::string::npos) << run.err;
  }
}

} // namespace
