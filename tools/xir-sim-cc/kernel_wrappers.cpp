#include "kernel_wrappers.h"

#include "source_scan.h"

#include <cctype>
#include <regex>
#include <sstream>

namespace xir::sim_cc {
namespace {

std::string namespace_prefix(const SourceScan &scan, std::size_t offset) {
  std::string_view text = scan.text();
  std::vector<std::string> names;
  std::vector<std::pair<std::size_t, std::string>> open; // brace offset, namespace name ("" if not one)
  static const std::regex namespace_head(R"(namespace\s+([A-Za-z_][\w:]*)\s*$)");
  for (std::size_t i = 0; i < offset; ++i) {
    if (!scan.is_code(i)) continue;
    if (text[i] == '{') {
      const std::size_t from = i > 200 ? i - 200 : 0;
      const std::string before(text.substr(from, i - from));
      std::smatch match;
      open.emplace_back(i, std::regex_search(before, match, namespace_head) ? match[1].str() : "");
    } else if (text[i] == '}' && !open.empty()) {
      open.pop_back();
    }
  }
  std::string prefix;
  for (const auto &[brace, name] : open)
    if (!name.empty()) prefix += name + "::";
  return prefix;
}

} // namespace

std::string parameter_name(const std::string &parameter) {
  std::string text = parameter;
  const std::size_t equals = text.find('=');
  if (equals != std::string::npos) text = text.substr(0, equals);
  text = trim(text);
  while (!text.empty() && text.back() == ']') { // array parameter
    const std::size_t open = text.rfind('[');
    if (open == std::string::npos) break;
    text = trim(text.substr(0, open));
  }
  std::size_t end = text.size();
  std::size_t start = end;
  while (start > 0 && is_identifier_char(text[start - 1])) --start;
  return text.substr(start, end - start);
}

std::vector<KernelSignature> find_kernels(std::string_view source) {
  SourceScan scan(source);
  std::vector<KernelSignature> kernels;
  static const std::regex head(
      R"(^__global__\s+(?:(?:static|inline|__inline__|__forceinline__|extern\s+"C"|__launch_bounds__\s*\([^)]*\))\s+)*void\s+(?:(?:__launch_bounds__\s*\([^)]*\))\s+)?([A-Za-z_]\w*)\s*\()");
  for (std::size_t i = 0; i + 10 < source.size(); ++i) {
    if (!scan.is_code(i) || source.compare(i, 10, "__global__") != 0) continue;
    if ((i > 0 && is_identifier_char(source[i - 1])) || is_identifier_char(source[i + 10])) continue;
    if (!scan.at_namespace_scope(i)) continue;
    // Template kernels have no single instance to wrap.
    std::size_t before = i;
    while (before > 0 && std::isspace(static_cast<unsigned char>(source[before - 1]))) --before;
    if (before > 0 && source[before - 1] == '>') {
      const std::size_t open = scan.matching_open(before - 1);
      if (open != std::string_view::npos) {
        std::size_t word_end = open;
        while (word_end > 0 && std::isspace(static_cast<unsigned char>(source[word_end - 1]))) --word_end;
        if (word_end >= 8 && source.substr(word_end - 8, 8) == "template") continue;
      }
    }
    const std::size_t limit = std::min(source.size(), i + 400);
    const std::string window(source.substr(i, limit - i));
    std::smatch match;
    if (!std::regex_search(window, match, head)) continue;
    const std::size_t paren = i + static_cast<std::size_t>(match.length(0)) - 1;
    const std::size_t close = scan.matching_close(paren);
    if (close == std::string_view::npos) continue;
    std::size_t after = close + 1;
    while (after < source.size() && std::isspace(static_cast<unsigned char>(source[after]))) ++after;
    if (after >= source.size() || source[after] != '{') continue; // a declaration only
    KernelSignature kernel;
    kernel.name = match[1].str();
    kernel.qualified_name = namespace_prefix(scan, i) + kernel.name;
    kernel.parameters = std::string(source.substr(paren + 1, close - paren - 1));
    static const std::regex bounds(R"(__launch_bounds__\s*\(\s*([^,)]+))");
    std::smatch bound;
    const std::string head_text = match[0].str();
    if (std::regex_search(head_text, bound, bounds)) kernel.max_threads = trim(bound[1].str());
    const std::string list = trim(kernel.parameters);
    if (!list.empty() && list != "void")
      for (const std::string &parameter : split_top_level(list)) kernel.parameter_names.push_back(parameter_name(parameter));
    kernels.push_back(std::move(kernel));
  }
  return kernels;
}

std::string launch_wrappers(const std::vector<KernelSignature> &kernels, std::string_view source,
                            const LaunchDefaults &defaults, std::string_view api) {
  std::ostringstream out;
  out << "\n#line 1 \"<xir-sim-cc launch wrappers>\"\n";
  out << "namespace xir_sim_cc_launch {\n"
      << "static dim3 grid(" << defaults.grid[0] << "u, " << defaults.grid[1] << "u, " << defaults.grid[2] << "u);\n"
      << "static dim3 block(" << defaults.block[0] << "u, " << defaults.block[1] << "u, " << defaults.block[2] << "u);\n"
      << "static size_t shared_bytes = " << defaults.shared_bytes << "ul;\n"
      << "} // namespace xir_sim_cc_launch\n";
  out << "extern \"C\" void xir_sim_set_launch(const unsigned *grid, const unsigned *block, unsigned long shared_bytes) {\n"
      << "  xir_sim_cc_launch::grid = dim3(grid[0], grid[1], grid[2]);\n"
      << "  xir_sim_cc_launch::block = dim3(block[0], block[1], block[2]);\n"
      << "  xir_sim_cc_launch::shared_bytes = shared_bytes;\n}\n";
  const SourceScan scan(source);
  auto defined_in_code = [&](const std::string &name) {
    for (std::size_t at = source.find(name); at != std::string_view::npos; at = source.find(name, at + 1))
      if (scan.is_code(at) && (at == 0 || !is_identifier_char(source[at - 1])) &&
          (at + name.size() >= source.size() || !is_identifier_char(source[at + name.size()])))
        return true;
    return false;
  };
  for (const KernelSignature &kernel : kernels) {
    if (!kernel.max_threads.empty())
      out << "static const bool xir_launch_bounds_" << kernel.name
          << " = ::xir::runtime::gpu::set_max_threads_per_block(reinterpret_cast<const void *>(&" << kernel.qualified_name
          << "), " << kernel.max_threads << ");\n";
  }
  for (const KernelSignature &kernel : kernels) {
    const std::string entry = kernel.name + "_launch";
    if (defined_in_code(entry)) continue; // the file has its own entry point of that name
    out << "extern \"C\" void " << entry << "(" << kernel.parameters << ") {\n  xir_launch(" << kernel.qualified_name
        << ", xir_sim_cc_launch::grid, xir_sim_cc_launch::block, xir_sim_cc_launch::shared_bytes)(";
    for (std::size_t i = 0; i < kernel.parameter_names.size(); ++i) out << (i ? ", " : "") << kernel.parameter_names[i];
    out << ");\n  " << api << "DeviceSynchronize();\n}\n";
  }
  return out.str();
}

} // namespace xir::sim_cc
