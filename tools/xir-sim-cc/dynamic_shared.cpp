#include "rewrite.h"
#include "source_scan.h"

#include <regex>

namespace xir::sim_cc {
namespace {

// Drops alignment attributes and storage words that cannot appear in a cast's type.
std::string element_type_of(std::string type) {
  static const std::regex attributes(R"(__align__\s*\([^)]*\)|alignas\s*\([^)]*\)|__attribute__\s*\(\(.*?\)\)|\bstatic\b)");
  return trim(std::regex_replace(type, attributes, " "));
}

} // namespace

Rewritten rewrite_dynamic_shared(std::string_view source, std::string_view file_name) {
  SourceScan scan(source);
  Rewritten out;
  static const std::regex declaration(R"(^extern\s+__shared__\s+([^;]*?)\b([A-Za-z_]\w*)\s*\[\s*\]\s*;)");
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 6 < source.size(); ++i) {
    if (!scan.is_code(i) || source.compare(i, 6, "extern") != 0) continue;
    if (i > 0 && is_identifier_char(source[i - 1])) continue;
    const std::size_t semicolon = source.find(';', i);
    if (semicolon == std::string_view::npos) break;
    const std::string statement(source.substr(i, semicolon + 1 - i));
    std::smatch match;
    if (!std::regex_search(statement, match, declaration)) continue;
    const std::string type = element_type_of(match[1].str());
    const std::string name = match[2].str();
    if (type.empty()) {
      out.errors.push_back({scan.line_of(i), scan.column_of(i), "missing element type in 'extern __shared__' declaration"});
      continue;
    }
    const std::string pointer = "reinterpret_cast<" + type + " *>(::xir::runtime::gpu::dynamic_shared_memory())";
    out.source.append(source.substr(copied, i - copied));
    if (scan.at_namespace_scope(i)) {
      out.source += "\n#define " + name + " (" + pointer + ")\n#line " + std::to_string(scan.line_of(semicolon)) + " \"" +
                    std::string(file_name) + "\"\n";
      // The rest of the line after ';' keeps its line number through the #line directive; a
      // declaration that spanned lines is already accounted for by the directive.
      std::size_t pad = scan.column_of(semicolon);
      out.source += std::string(pad, ' ');
    } else {
      out.source += type + " *const " + name + " = " + pointer + ";";
      for (char c : statement)
        if (c == '\n') out.source += '\n';
    }
    copied = semicolon + 1;
    i = semicolon;
  }
  out.source.append(source.substr(copied));
  return out;
}

Rewritten rewrite_ext_vector_types(std::string_view source) {
  Rewritten out;
  static const std::regex typedef_form(
      R"(\btypedef\s+([A-Za-z_][\w\s:]*?)\s+([A-Za-z_]\w*)\s+__attribute__\s*\(\(\s*ext_vector_type\s*\(\s*(\w+)\s*\)\s*\)\))");
  static const std::regex typedef_attribute_first(
      R"(\btypedef\s+([A-Za-z_][\w\s:]*?)\s+__attribute__\s*\(\(\s*ext_vector_type\s*\(\s*(\w+)\s*\)\s*\)\)\s*([A-Za-z_]\w*))");
  static const std::regex using_form(
      R"(\busing\s+([A-Za-z_]\w*)\s*=\s*([A-Za-z_][\w\s:]*?)\s+__attribute__\s*\(\(\s*ext_vector_type\s*\(\s*(\w+)\s*\)\s*\)\))");
  static const std::regex using_attribute_first(
      R"(\busing\s+([A-Za-z_]\w*)\s*=\s*__attribute__\s*\(\(\s*ext_vector_type\s*\(\s*(\w+)\s*\)\s*\)\)\s*([A-Za-z_][\w:]*(?:\s+[A-Za-z_][\w:]*)*))");
  std::string text(source);
  if (text.find("ext_vector_type") == std::string::npos) return {text, {}};
  text = std::regex_replace(text, typedef_form, "typedef $1 $2 __attribute__((__vector_size__(($3) * sizeof($1))))");
  text = std::regex_replace(text, typedef_attribute_first, "typedef $1 $3 __attribute__((__vector_size__(($2) * sizeof($1))))");
  text = std::regex_replace(text, using_form, "using $1 = $2 __attribute__((__vector_size__(($3) * sizeof($2))))");
  text = std::regex_replace(text, using_attribute_first, "using $1 = $3 __attribute__((__vector_size__(($2) * sizeof($3))))");
  out.source = std::move(text);
  return out;
}

} // namespace xir::sim_cc
