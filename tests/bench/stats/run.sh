#!/usr/bin/env bash
# run.sh: the statistics benchmark of issue 5: pathway against R (survival,
# data.table's fread for loading) on the same generated files, side by
# side. Prints each side's results (they must agree) and fit times (best
# of 3 runs). Never a timed test: run by hand (`make bench-stats`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
PATHWAY="$ROOT/build/pathway"; HERE="$ROOT/tests/bench/stats"; WORK="$ROOT/build/stats-bench"
[ -x "$PATHWAY" ] || { echo "bench: build pathway first (make build)"; exit 2; }
command -v Rscript >/dev/null || { echo "bench: needs R (apt-get install r-base-core r-cran-survival r-cran-data.table)"; exit 2; }
mkdir -p "$WORK"
gen() { [ -s "$WORK/$1_$2.csv" ] || "$PATHWAY" --seed 5 "$HERE/make_data.lua" "$1" "$2" > "$WORK/$1_$2.csv"; }
gen surv 1000000; gen cox 200000; gen pois 1000000; gen perm 500
best() {   # best fit_seconds of 3 runs of a command whose stderr has them
  local b=""
  for _ in 1 2 3; do
    s=$("$@" 2>&1 >/dev/null | awk '/fit_seconds/ {print $2}')
    if [ -z "$b" ] || awk "BEGIN {exit !($s < $b)}"; then b=$s; fi
  done
  echo "$b"
}
printf '%-6s %-18s %10s %10s\n' task file pathway R
for spec in "km surv_1000000" "cox cox_200000" "glm pois_1000000" "perm perm_500"; do
  set -- $spec
  f="$WORK/$2.csv"
  "$PATHWAY" "$HERE/tasks.lua" "$1" "$f" 2>/dev/null > "$WORK/$1.pathway.out"
  Rscript "$HERE/tasks.R" "$1" "$f" 2>/dev/null > "$WORK/$1.R.out"
  p=$(best "$PATHWAY" "$HERE/tasks.lua" "$1" "$f"); r=$(best Rscript "$HERE/tasks.R" "$1" "$f")
  printf '%-6s %-18s %10s %10s\n' "$1" "$2" "$p" "$r"
  paste "$WORK/$1.pathway.out" "$WORK/$1.R.out" | sed 's/^/    /'
done
