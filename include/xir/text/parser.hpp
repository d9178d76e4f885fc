#pragma once
// The parser of the textual IR (see printer.hpp): a hand-written lexer and recursive descent that
// type-checks as it builds (declared variables and buffers, operand types, arities, index counts)
// and answers the first problem as a clang-style diagnostic instead of throwing.
//
// Grammar (`//` starts a comment; identifiers are C's plus `$` and UTF-8 bytes, and may contain `.`
// and `::` between their parts):
//   module   := 'module' 'target' '(' NAME ')' kernel*
//   kernel   := 'kernel' NAME '(' [param (',' param)*] ')' body
//   param    := SCOPE TYPE NAME '[' expr (',' expr)* ']'  |  TYPE NAME
//   body     := '{' item* '}'        one item is that statement, several (or none) a Block
//   item     := 'let' NAME '=' expr ';'                 scopes over the rest of the list
//             | 'let' NAME '=' expr 'in' body
//             | 'for' NAME 'in' '[' expr ',' expr ')' [KIND | 'bound' '(' AXIS ')'] body
//             | 'if' '(' expr ')' body ['else' body]
//             | 'allocate' SCOPE TYPE NAME '[' expr (',' expr)* ']' body
//             | 'barrier' '(' BARRIER_SCOPE ')' ';'
//             | 'call' TARGET '.' NAME '(' [expr (',' expr)*] ')' ';'
//             | 'atomic' NAME '[' exprs ']' ('+'|'-'|'min'|'max'|'&'|'|'|'^') '=' expr ';'
//             | NAME '[' exprs ']' '=' expr ';'
//             | '{' item* '}'                             an explicit Block
//   expr     := C operators with C precedence (|| && | ^ & == != < <= > >= << >> + - * / % - ! ~)
//             | INT [':' TYPE] | FLOAT [':' TYPE] | 'inf' | 'nan' | 'true' | 'false'
//             | NAME | NAME '[' exprs ']' | '&' NAME '[' exprs ']' | '(' expr ')'
//             | 'select' '(' c ',' a ',' b ')' | 'cast' '<' TYPE '>' '(' expr ')'
//             | 'ramp' '(' base ',' stride ',' LANES ')' | 'broadcast' '(' value ',' LANES ')'
//             | 'min' '(' a ',' b ')' | 'max' '(' a ',' b ')' | MATH_FUNCTION '(' exprs ')'
//             | '?' NAME ':' TYPE 'in' ('[' lo ',' hi ')' | '{' expr (',' expr)* '}')
// A loop's range is [min, min + extent); an upper bound not written as that sum gives the
// extent `upper - min`. Unsuffixed integers are i32, unsuffixed floats f32; `-5` is an immediate
// and the negation of one is written `-(5)`.

#include <optional>
#include <string>
#include <string_view>

#include "xir/ir/kernel.hpp"
#include "xir/support/diagnostic.hpp"

namespace xir {

/// Whether `word` is reserved by the textual IR (`kernel`, `let`, `for`, `cast`, ...) and so
/// cannot name a variable, buffer or parameter.
bool is_text_keyword(std::string_view word);

/// `name`, with `_` appended while it is a keyword: the name a frontend gives a source variable
/// or parameter (`in` becomes `in_`), so tools that match lifted names to source names agree.
std::string text_safe_name(std::string name);

/// The module, or the diagnostic that stopped the parse (exactly one of the two is set).
struct ModuleParseResult {
  std::optional<Module> module;
  std::optional<Diagnostic> error;

  explicit operator bool() const { return module.has_value(); }
};

/// Parses a whole module. `file_name` only names the text in diagnostics.
ModuleParseResult parse_module(std::string_view text, std::string_view file_name = "<input>");

/// Deepest nesting of statements and expressions the parser accepts before answering an error.
inline constexpr int max_parse_nesting_depth = 200;

} // namespace xir
