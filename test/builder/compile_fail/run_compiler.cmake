# Compiles SNIPPET with the project's include paths and checks the outcome: EXPECT=fail needs a
# compile error from overload resolution or a constraint, EXPECT=pass a clean compile.
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE_DIR} ${SNIPPET}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "fail")
  if(result EQUAL 0)
    message(FATAL_ERROR "${SNIPPET} compiled, but it holds a type mistake the builder must reject")
  endif()
  # An overload or constraint failure, not a syntax error in the snippet.
  if(NOT err MATCHES "no match for|no matching function|constraints not satisfied")
    message(FATAL_ERROR "${SNIPPET} failed for another reason than a rejected type:\n${err}")
  endif()
else()
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SNIPPET} should compile:\n${err}")
  endif()
endif()
