#!/bin/sh
# run.sh BUILD_DIR...: run the ctest suite of each build, show every
# runner's summary line (Criterion's "Synthesis", pathway test's and the
# golden runner's "N passed, N failed"), and end with the grand total.
set -u
total_passed=0 total_failed=0 total_skipped=0 worst=0

for dir in "$@"; do
  log="$dir/tests.log"
  printf '== %s\n' "$dir"
  ctest --test-dir "$dir" -j2 --timeout 600 --output-on-failure -V >"$log" 2>&1
  rc=$?
  # ctest -V prefixes each line of test output with "N: ".
  grep -E 'Synthesis: Tested|^[0-9]+: [0-9]+ passed, [0-9]+ failed|tests passed, .* tests failed out of' "$log" |
    sed -E 's/^[0-9]+: //'
  # Criterion says why a test skipped only at --verbose (tests/CMakeLists.txt)
  sed -E 's/^[0-9]+: //' "$log" | grep -E '^\[SKIP\]' | grep -v 'Test is disabled'
  counts=$(sed -E 's/^[0-9]+: //' "$log" | awk '
    /Synthesis: Tested:/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "Passing:") p += $(i + 1)
        if ($i == "Failing:" || $i == "Crashing:") f += $(i + 1)
      }
    }
    /^\[SKIP\]/ && !/Test is disabled/ { s += 1 }
    /^[0-9]+ passed, [0-9]+ failed/ {
      p += $1; f += $3
      if ($6 == "skipped") s += $5
    }
    /tests passed, .* tests failed out of/ { cf = $4 }
    END { if (cf > f) f = cf; printf "%d %d %d\n", p, f, s }')
  p=${counts%% *}; rest=${counts#* }; f=${rest%% *}; s=${rest#* }
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + s))
  if [ "$rc" -ne 0 ]; then
    worst=1
    printf -- '-- failures in %s (full log: %s)\n' "$dir" "$log"
    grep -E 'FAIL|Failed|failed|ERROR|runtime error|AddressSanitizer|LeakSanitizer|\*\*\*' "$log" |
      grep -vE ' 0 failed|Failing: 0' | head -60
  fi
done

line="$total_passed passed, $total_failed failed"
[ "$total_skipped" -gt 0 ] && line="$line, $total_skipped skipped"
printf '%s\n' "$line"
[ "$worst" -eq 0 ] && [ "$total_failed" -eq 0 ]
