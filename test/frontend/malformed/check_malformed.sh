#!/usr/bin/env bash
# Runs `xir-opt FILE --from DIALECT --to xir` on a malformed kernel file and checks the answer
# against the file's first line, `// expect: LINE:COL: SUBSTRING`: exit code 1 (no signal, no
# timeout), a diagnostic `FILE:LINE:COL: error:` containing SUBSTRING, no "internal error".
# Usage: check_malformed.sh XIR_OPT DIALECT FILE [SECONDS]
set -u
xir_opt=$1 dialect=$2 file=$3 limit=${4:-60}

expect=$(head -n 1 "$file" | sed -n 's|^// expect: \([0-9]*\):\([0-9]*\): \(.*\)$|\1:\2:\3|p')
if [[ -z $expect ]]; then
  echo "FAIL: $file: the first line is not '// expect: LINE:COL: SUBSTRING'"
  exit 1
fi
line=${expect%%:*}; rest=${expect#*:}; col=${rest%%:*}; substring=${rest#*:}

stderr=$(timeout -s KILL "$limit" "$xir_opt" "$file" --from "$dialect" --to xir 2>&1 >/dev/null)
status=$?
echo "$stderr"
fail() { echo "FAIL: $file: $*"; exit 1; }
((status == 137)) && fail "killed after ${limit} s (a hang) or by SIGKILL"
((status > 128)) && fail "terminated by signal $((status - 128))"
((status != 1)) && fail "exit code $status, expected 1"
grep -q "internal error" <<<"$stderr" && fail "an internal error"
grep -qiE "AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:" <<<"$stderr" && fail "a sanitizer report"
header="$file:$line:$col: error:"
matched=$(grep -F -- "$header" <<<"$stderr")
[[ -z $matched ]] && fail "no diagnostic '$header'"
grep -qF -- "$substring" <<<"$matched" || fail "the diagnostic at $line:$col does not contain '$substring'"
echo "PASS: $file: $line:$col: $substring"
