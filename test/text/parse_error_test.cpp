// Every file in malformed/ starts with `// error: LINE:COL: MESSAGE`; parsing it must fail with
// exactly that location and message, and the formatted diagnostic must point a caret at it.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "xir/text/parser.hpp"

namespace xir {
namespace {

struct ExpectedError {
  int line = 0;
  int column = 0;
  std::string message;
};

ExpectedError read_expectation(const std::string& text) {
  const std::string prefix = "// error: ";
  std::string first = text.substr(0, text.find('\n'));
  EXPECT_EQ(first.rfind(prefix, 0), 0u) << "missing `// error: LINE:COL: MESSAGE` header";
  std::istringstream rest(first.substr(prefix.size()));
  ExpectedError expected;
  char colon = 0;
  rest >> expected.line >> colon >> expected.column >> colon;
  std::getline(rest >> std::ws, expected.message);
  return expected;
}

std::vector<std::filesystem::path> malformed_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(XIR_TEXT_TEST_DIR "/malformed"))
    if (entry.path().extension() == ".xir")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ParseErrors, EveryMalformedFileGetsItsLineColumnAndMessage) {
  auto files = malformed_files();
  EXPECT_GE(files.size(), 20u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    ExpectedError expected = read_expectation(text);
    ModuleParseResult parsed = parse_module(text, path.filename().string());
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error->location.line, expected.line);
    EXPECT_EQ(parsed.error->location.column, expected.column);
    EXPECT_EQ(parsed.error->message, expected.message);
    std::string formatted = format_diagnostic(*parsed.error, text);
    std::string header = path.filename().string() + ":" + std::to_string(expected.line) + ":" +
                         std::to_string(expected.column) + ": error: " + expected.message + "\n";
    EXPECT_EQ(formatted.substr(0, header.size()), header);
    // The caret line: as many columns of indentation as the column, then '^'.
    std::string caret = std::string(static_cast<std::size_t>(expected.column - 1), ' ') + "^\n";
    if (expected.line <= static_cast<int>(std::count(text.begin(), text.end(), '\n'))) {
      EXPECT_EQ(formatted.substr(formatted.size() - caret.size()), caret);
    }
  }
}

TEST(ParseErrors, FormatsWithoutALocation) {
  Diagnostic d{Severity::Error, "", {}, "the cuda frontend is not available yet"};
  EXPECT_EQ(format_diagnostic(d), "error: the cuda frontend is not available yet\n");
}

} // namespace
} // namespace xir
