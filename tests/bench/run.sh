#!/usr/bin/env bash
# run.sh: the benchmark of issue 3 (tasks T1-T3 of ../shared/bench/README.md)
# for pathway and its peers, on this machine, side by side, same file.
# Usage: tests/bench/run.sh [--sizes "1m 10m"] [--peers "..."] [--runs N]
# Needs ../shared/bench beside the repository; works in build/peer-bench.
# Never a timed test: `make bench` runs it by hand, and the table goes into
# docs/performance.md with the date and the command.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="$ROOT/../shared/bench"
SIZES="10m"; RUNS=3; PEERS="cat wc libcsv r_dt2 duckdb pandas_c mlr"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --peers) PEERS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "usage: $0 [--sizes \"1m 10m\"] [--peers \"...\"] [--runs N]" >&2; exit 2 ;;
  esac
done
if [ ! -d "$SHARED" ]; then
  echo "bench: ../shared/bench not found: no workload to measure"; exit 2
fi
PATHWAY="$ROOT/build/pathway"
[ -x "$PATHWAY" ] || { echo "bench: build pathway first (make build)"; exit 2; }
WORK="$ROOT/build/peer-bench"
mkdir -p "$WORK"
cp -r "$SHARED"/. "$WORK"/        # the driver works inside its own folder
chmod -R u+w "$WORK"

# The peers, through the workload's own driver (installs, generates, times).
"$WORK/run_peers.sh" --sizes "$SIZES" --runs "$RUNS" --peers "$PEERS"

# pathway, with the same conventions: results/<size>/pathway__T<n>.{out,json,rss}
cd "$WORK"
for size in $SIZES; do
  f="data/visits_$size.csv"; out="results/$size"
  cat "$f" > /dev/null
  for t in T1 T2 T3; do
    cmd="$PATHWAY $ROOT/tests/bench/tasks.lua $t $f"
    echo "== $size $t pathway"
    "$PATHWAY" "$ROOT/tests/bench/tasks.lua" "$t" "$f" > "$out/pathway__$t.out"
    /usr/bin/time -f "%M" -o "$out/pathway__$t.rss" $cmd > /dev/null 2>&1
    hyperfine --style none --runs "$RUNS" --warmup 1 --export-json "$out/pathway__$t.json" \
      "$cmd > /dev/null" > /dev/null
  done
  python3 report.py "$out" "$f"
  # T4 (issue 4, pathway only: the peers have no HGVS rules): grouping the
  # variant column with five rules, beside T1 on the same file.
  for t in T1 T4; do
    echo "== $size $t pathway (grouping)"
    /usr/bin/time -f "%M" -o "$out/pathway__$t.rss" "$PATHWAY" "$ROOT/tests/bench/tasks.lua" "$t" "$f" \
      > "$out/pathway__$t.out"
    hyperfine --style none --runs "$RUNS" --warmup 1 --export-json "$out/pathway__${t}_g.json" \
      "$PATHWAY $ROOT/tests/bench/tasks.lua $t $f > /dev/null" > /dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%s median %.2f s" % (sys.argv[2], r["median"]))' \
      "$out/pathway__${t}_g.json" "$t"
  done
  cat "$out/pathway__T4.out"
done

# Parsing throughput of distinct HGVS strings (the C core, no cache): the
# distinct variants of the workload and the conformance corpus's strings.
BENCH_HGVS="$ROOT/build/tests/bench_hgvs_parse"
if [ -x "$BENCH_HGVS" ]; then
  "$PATHWAY" -e 'local f = csv.read(arg[1]):distinct("variant"); for r in f:rows() do print(r.variant) end' \
    "data/visits_${SIZES%% *}.csv" > variants_distinct.txt
  echo "== hgvs_parse: distinct variants of the workload"
  "$BENCH_HGVS" variants_distinct.txt
  CONF="$ROOT/../shared/conformance/hgvs/biocommons-hgvs"
  if [ -d "$CONF" ]; then
    echo "== hgvs_parse: conformance corpus (gcp, ext, garcia, gauntlet, extra)"
    "$BENCH_HGVS" "$CONF"/gcp/*.tsv "$CONF"/ext.tsv "$CONF"/garcia.tsv "$CONF"/gauntlet.txt "$CONF"/extra.txt
  fi
fi
