// Lift time per corpus file, in one process: every file of each dialect's manifest, lifted several
// times with and without the precompiled prelude (interleaved, so both see the same machine load),
// printed per dialect as the median/min/max over files of each file's median time, and the split
// into Clang parsing and lifting. Files that do not lift are timed to their diagnostic and listed
// on their own line.
//   xir_bench_frontend_lift [--repeat N] [--dialect cuda|hip|bang|vnni] [--mode both|pch|nopch] [--per-file]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../../frontends/common/clang_parse.hpp"
#include "xir/frontend/frontend.hpp"

namespace {

using xir::frontend::Dialect;
using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct CorpusFile {
  std::string path;
  std::string source;
};

std::vector<CorpusFile> corpus_files(Dialect dialect) {
  const std::string dir = std::string(XIR_SOURCE_DIR) + "/bench/kernels/" + std::string(to_string(dialect));
  std::ifstream manifest_file(dir + "/manifest.json");
  std::vector<CorpusFile> files;
  if (!manifest_file) return files;
  const nlohmann::json manifest = nlohmann::json::parse(manifest_file);
  for (const auto& item : manifest.items()) {
    std::ifstream in(dir + "/" + item.key(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({dir + "/" + item.key(), text.str()});
  }
  return files;
}

struct Mode {
  const char* name;
  bool pch;
};

// Per file: the median total (parse + lift, through lift_source) and median parse time.
struct FileTimes {
  std::vector<double> total, parse;
  bool lifted = false;
};

void set_pch(bool on) { setenv("XIR_FRONTEND_PCH", on ? "on" : "off", 1); }

void print_row(const char* dialect, const char* mode, const char* which, const std::vector<const FileTimes*>& files) {
  if (files.empty()) return;
  std::vector<double> totals, parses, lifts;
  for (const FileTimes* f : files) {
    totals.push_back(median(f->total));
    parses.push_back(median(f->parse));
    lifts.push_back(std::max(0.0, totals.back() - parses.back()));
  }
  std::printf("%-6s %-6s %-9s %5zu %9.1f %7.1f %7.1f %9.1f %8.1f\n", dialect, mode, which, files.size(),
              median(totals), *std::min_element(totals.begin(), totals.end()),
              *std::max_element(totals.begin(), totals.end()), median(parses), median(lifts));
}

int usage() {
  std::fprintf(stderr, "usage: xir_bench_frontend_lift [--repeat N] [--dialect cuda|hip|bang|vnni] "
                       "[--mode both|pch|nopch] [--per-file]\n");
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  int repeat = 7;
  bool per_file = false;
  std::vector<Dialect> dialects = {Dialect::Cuda, Dialect::Hip, Dialect::Bang, Dialect::Vnni};
  std::vector<Mode> modes = {{"nopch", false}, {"pch", true}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--per-file") {
      per_file = true;
      continue;
    }
    if (i + 1 >= argc) return usage();
    const std::string value = argv[++i];
    if (arg == "--repeat") {
      repeat = std::atoi(value.c_str());
      if (repeat < 1) return usage();
    } else if (arg == "--dialect") {
      auto d = xir::frontend::parse_dialect(value);
      if (!d) return usage();
      dialects = {*d};
    } else if (arg == "--mode") {
      if (value == "pch") modes = {{"pch", true}};
      else if (value == "nopch") modes = {{"nopch", false}};
      else if (value != "both") return usage();
    } else {
      return usage();
    }
  }

  std::printf("lift time per corpus file in ms (median over %d runs of each file; median/min/max over files)\n",
              repeat);
  std::printf("%-6s %-6s %-9s %5s %9s %7s %7s %9s %8s\n", "dialect", "mode", "files", "n", "median", "min", "max",
              "parse", "lift");
  for (Dialect dialect : dialects) {
    const std::vector<CorpusFile> files = corpus_files(dialect);
    if (files.empty()) continue;
    // A first pass builds the PCH cache entries, so the timed runs measure a warm cache.
    const auto warm_start = Clock::now();
    set_pch(true);
    for (const CorpusFile& f : files) {
      xir::frontend::parse_with_clang(f.source, f.path, dialect, true);
      xir::frontend::lift_source(f.source, f.path, dialect);
    }
    const double warm_ms = milliseconds_since(warm_start);

    std::map<std::string, std::vector<FileTimes>> times;
    for (const Mode& mode : modes) times[mode.name].resize(files.size());
    for (int r = 0; r < repeat; ++r) {
      for (size_t i = 0; i < files.size(); ++i) {
        for (const Mode& mode : modes) {
          set_pch(mode.pch);
          FileTimes& t = times[mode.name][i];
          auto start = Clock::now();
          xir::frontend::ParsedFile parsed = xir::frontend::parse_with_clang(files[i].source, files[i].path, dialect);
          t.parse.push_back(milliseconds_since(start));
          parsed = {};
          start = Clock::now();
          xir::frontend::LiftResult lifted = xir::frontend::lift_source(files[i].source, files[i].path, dialect);
          t.total.push_back(milliseconds_since(start));
          t.lifted = lifted.ok();
        }
      }
    }
    const std::string name(to_string(dialect));
    for (size_t i = 0; per_file && i < files.size(); ++i)
      for (const Mode& mode : modes) {
        const FileTimes& t = times[mode.name][i];
        std::printf("  %-6s %-40s %9.1f parse %7.1f %s\n", mode.name, files[i].path.c_str(), median(t.total),
                    median(t.parse), t.lifted ? "lifted" : "diagnosed");
      }
    for (const Mode& mode : modes) {
      std::vector<const FileTimes*> lifted, failing;
      for (const FileTimes& t : times[mode.name]) (t.lifted ? lifted : failing).push_back(&t);
      print_row(name.c_str(), mode.name, "lifted", lifted);
      print_row(name.c_str(), mode.name, "diagnosed", failing);
    }
    std::printf("%-6s first pass over %zu files (builds missing PCHs): %.0f ms\n", name.c_str(), files.size(), warm_ms);
    std::fflush(stdout);
  }
  unsetenv("XIR_FRONTEND_PCH");
  return 0;
}
