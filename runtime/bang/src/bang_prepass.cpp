#include "xir/runtime/bang_prepass.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "source_tokens.hpp"

namespace xir::runtime::bang {
namespace {

using Kind = SourceToken::Kind;

std::optional<std::string_view> space_enumerator(std::string_view qualifier) {
  if (qualifier == "__nram__")
    return "nram";
  if (qualifier == "__wram__")
    return "wram";
  if (qualifier == "__mlu_shared__")
    return "sram";
  return std::nullopt;
}

bool is_open(std::string_view t) {
  return t == "(" || t == "[" || t == "{";
}
bool is_close(std::string_view t) {
  return t == ")" || t == "]" || t == "}";
}

// One declarator of an on-chip declaration: `name dims` (dims may be empty for a scalar).
struct Declarator {
  std::string name, dims;
};

struct Declaration {
  std::string type;
  std::vector<Declarator> declarators;
};

std::string join(const std::vector<SourceToken>& tokens, std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t k = begin; k < end; ++k) {
    if (!text.empty() && tokens[k].kind != Kind::punctuation &&
        tokens[k - 1].kind != Kind::punctuation)
      text += ' ';
    text += tokens[k].text;
  }
  return text;
}

// Index just past the balanced group that starts with the opener at `k`.
std::size_t skip_group(const std::vector<SourceToken>& tokens, std::size_t k, std::size_t end) {
  int depth = 0;
  for (; k < end; ++k) {
    if (is_open(tokens[k].text))
      depth++;
    if (is_close(tokens[k].text) && --depth == 0)
      return k + 1;
  }
  return end;
}

// Parses `type name dims (, name dims)*` in tokens [begin, end); nullopt for shapes it does not
// rewrite (initializers, pointer declarators), which then keep the fallback macro meaning.
std::optional<Declaration> parse_declaration(const std::vector<SourceToken>& tokens,
                                             std::size_t begin, std::size_t end) {
  std::vector<SourceToken> kept; // the tokens without attributes and alignas(...)
  for (std::size_t k = begin; k < end;) {
    if ((tokens[k].text == "__attribute__" || tokens[k].text == "alignas") && k + 1 < end &&
        tokens[k + 1].text == "(") {
      k = skip_group(tokens, k + 1, end);
      continue;
    }
    if (tokens[k].text == "static") {
      ++k;
      continue;
    }
    kept.push_back(tokens[k++]);
  }
  Declaration declaration;
  std::size_t k = 0;
  // The first declarator name: an identifier after some type tokens, followed by '[', ',' or end.
  std::size_t name_index = kept.size();
  for (std::size_t j = 1; j < kept.size(); ++j) {
    if (kept[j].kind != Kind::identifier)
      continue;
    const bool last = j + 1 == kept.size();
    if (last || kept[j + 1].text == "[" || kept[j + 1].text == ",") {
      name_index = j;
      break;
    }
  }
  if (name_index == kept.size())
    return std::nullopt;
  for (std::size_t j = 0; j < name_index; ++j)
    if (kept[j].text == "*" || kept[j].text == "&" || kept[j].text == "=")
      return std::nullopt;
  declaration.type = join(kept, 0, name_index);
  k = name_index;
  while (k < kept.size()) {
    if (kept[k].kind != Kind::identifier)
      return std::nullopt;
    Declarator declarator{std::string(kept[k].text), {}};
    std::size_t j = k + 1;
    while (j < kept.size() && kept[j].text == "[")
      j = skip_group(kept, j, kept.size());
    declarator.dims = join(kept, k + 1, j);
    declaration.declarators.push_back(declarator);
    if (j == kept.size())
      break;
    if (kept[j].text != ",")
      return std::nullopt; // an initializer or something unexpected
    k = j + 1;
  }
  return declaration;
}

std::string space_object_call(std::string_view space, int site, const Declaration& d,
                              const Declarator& v) {
  return "::xir::bang::space_object<::xir::bang::Space::" + std::string(space) + ", " +
         std::to_string(site) + "u, " + d.type + v.dims + ">(\"" + v.name + "\", XIR_BANG_HERE)";
}

// Whether the '{' at `k` opens a function body (after `)` and optional trailing specifiers).
bool opens_function_body(const std::vector<SourceToken>& tokens, std::size_t k) {
  while (k > 0) {
    const std::string_view previous = tokens[k - 1].text;
    if (previous == ")")
      return true;
    if (previous == "const" || previous == "noexcept" || previous == "override" ||
        previous == "final" || previous == "mutable") {
      --k;
      continue;
    }
    return false;
  }
  return false;
}

struct Edit {
  std::size_t begin, end;
  std::string text;
};

std::size_t newlines_in(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

std::string rewrite_source(std::string_view source) {
  const std::vector<SourceToken> tokens = scan_tokens(source);
  std::vector<Edit> edits;
  std::vector<char>
      brackets;           // open brackets: '(', '[', 'f' (function-body brace), 'n' (other brace)
  int function_depth = 0; // open braces that are (inside) function bodies
  int site = 0;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const SourceToken& token = tokens[k];
    if (token.text == "(" || token.text == "[")
      brackets.push_back(token.text[0]);
    else if (token.text == "{") {
      const bool body = function_depth > 0 || opens_function_body(tokens, k);
      brackets.push_back(body ? 'f' : 'n');
      if (body)
        function_depth++;
    } else if (is_close(token.text)) {
      if (!brackets.empty()) {
        if (brackets.back() == 'f')
          function_depth--;
        brackets.pop_back();
      }
    }
    if (token.kind != Kind::identifier)
      continue;
    const auto space = space_enumerator(token.text);
    if (!space)
      continue;
    const bool in_parentheses =
        std::any_of(brackets.begin(), brackets.end(), [](char b) { return b == '(' || b == '['; });
    if (in_parentheses) { // a pointer parameter or a cast: the qualifier has no storage meaning
      edits.push_back({token.begin, token.end, std::string(token.end - token.begin, ' ')});
      continue;
    }
    // The declaration runs to the ';' at this nesting level.
    std::size_t end = k + 1;
    for (int depth = 0; end < tokens.size(); ++end) {
      if (is_open(tokens[end].text))
        depth++;
      else if (is_close(tokens[end].text))
        depth--;
      else if (tokens[end].text == ";" && depth == 0)
        break;
      if (depth < 0)
        break;
    }
    if (end == tokens.size() || tokens[end].text != ";")
      continue;
    std::size_t begin = k;
    if (k > 0 && tokens[k - 1].text == "static")
      begin = k - 1;
    const auto declaration = parse_declaration(tokens, k + 1, end);
    if (!declaration)
      continue;
    const std::size_t edit_begin = tokens[begin].begin, edit_end = tokens[end].end;
    const std::string_view original = source.substr(edit_begin, edit_end - edit_begin);
    std::string text;
    if (function_depth > 0) {
      for (const Declarator& v : declaration->declarators) {
        text += declaration->type +
                (v.dims.empty() ? " &" + v.name : " (&" + v.name + ")" + v.dims) + " = " +
                space_object_call(*space, site++, *declaration, v) + "; ";
      }
      text += std::string(newlines_in(original), '\n');
    } else {
      text += "\n";
      for (const Declarator& v : declaration->declarators)
        text +=
            "#define " + v.name + " (" + space_object_call(*space, site++, *declaration, v) + ")\n";
      text += "#line " + std::to_string(tokens[end].line) + "\n";
    }
    edits.push_back({edit_begin, edit_end, text});
    k = end;
  }
  std::string result;
  std::size_t position = 0;
  for (const Edit& edit : edits) {
    result.append(source.substr(position, edit.begin - position));
    result += edit.text;
    position = edit.end;
  }
  result.append(source.substr(position));
  return result;
}

} // namespace xir::runtime::bang
