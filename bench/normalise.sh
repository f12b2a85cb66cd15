#!/usr/bin/env bash
# The import's Java side on one core, with no database (issue 3): JMH runs
# ImportNormalisationBenchmark (src/test/java/dev/callsheet/contacts/internal/) on a file made the way
# bench/import.sh makes its second file (bench/generate_leads.py, seed 2, ~10 % duplicates of a seed-1
# file written another way), and reports microseconds per row for
#   read       parsing the CSV (encoding and delimiter detected as for an upload),
#   normalise  a row's fields and keys (libphonenumber with its time zones, e-mail, website, ICU name keys),
#   render     the batch as the text of its two COPY statements,
# and what they bound: the seconds a million rows need on this machine's cores for the Java side alone,
# set against the import targets (50,000 rows/s; 4x a bare COPY, whose time comes from bench/import.sh).
#
#   usage: bench/normalise.sh [--rows N] [--copy-seconds S]
#     --rows N          rows in the generated files (default 20000; the benchmark uses the first 5,000)
#     --copy-seconds S  the bare \copy of a million rows, for the 4x line (default: the last import report's)
# Writes bench/results/normalise-<date>.md; JMH's own output is kept in /tmp/callsheet-bench-logs/.
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."
root=$(pwd)
rows=20000
copy_seconds=
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --copy-seconds) copy_seconds=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$self"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/normalise-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
logdir=/tmp/callsheet-bench-logs
mkdir -p "$logdir" "$root/bench/results"
stamp=$(date +%Y%m%d-%H%M%S)

echo "compiling the benchmark and listing its class path" >&2
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >&2
python3 bench/generate_leads.py --rows "$rows" --seed 1 --out "$work/base.csv"
python3 bench/generate_leads.py --rows "$rows" --seed 2 --existing "$work/base.csv" --duplicates 0.10 \
  --out "$work/test.csv"

if [ -z "$copy_seconds" ]; then
  # The floor line of the newest full import report: "| floor: `\copy` of the second file ... | 1.89 s |".
  last=$(ls bench/results/import-????-??-??.md 2>/dev/null | sort | tail -1 || true)
  copy_seconds=$( [ -n "$last" ] && grep -m1 -i 'copy' "$last" | grep -oE '[0-9]+(\.[0-9]+)? s' | head -1 | cut -d' ' -f1 || true)
  copy_seconds=${copy_seconds:-2.0}
  copy_from=${last:-"a default of 2.0 s"}
else
  copy_from="--copy-seconds"
fi

echo "running JMH (1 fork, 5 x 4 s warm-up, 10 x 4 s measured per benchmark)" >&2
java -cp "target/test-classes:target/classes:$(cat "$work/cp.txt")" org.openjdk.jmh.Main \
  'ImportNormalisationBenchmark' -p file="$work/test.csv" -rf json -rff "$work/jmh.json" \
  | tee "$logdir/normalise-$stamp.txt" >&2

report="bench/results/normalise-$(date +%F).md"
python3 - "$work/jmh.json" "$copy_seconds" "$copy_from" "$rows" "$report" <<'EOF'
import json, os, subprocess, sys, time
results, copy_s, copy_from, rows, report = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
data = json.load(open(results))
per = {}
for r in data:
    name = r["benchmark"].rsplit(".", 1)[1]
    m = r["primaryMetric"]
    per[name] = (m["score"], m["scoreError"], m["scoreConfidence"])
total = sum(v[0] for v in per.values())
cores = os.cpu_count()
million = total  # µs per row x 1,000,000 rows / 1e6 = seconds of one core for a million rows
git = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
java = data[0].get("vmName", "") + " " + data[0].get("vmVersion", "")
lines = [f"# The import's Java side per row, {time.strftime('%Y-%m-%d %H:%M')}", "",
         f"Command: `bench/normalise.sh` (JMH, `ImportNormalisationBenchmark`, 1 fork, 10 x 4 s after 5 x 4 s, "
         f"a batch of 5,000 rows per operation); repository at `{git}`; {java}; {cores} cores.  ",
         f"Data: `generate_leads.py --rows {rows:,} --seed 2 --existing <seed 1> --duplicates 0.10`, the first 5,000 rows "
         "(six markets, four scripts, a tenth of them duplicates written another way).", "",
         "| step | µs per row, one core (± 99.9 % error) |", "| --- | --- |"]
for name in ("read", "normalise", "render"):
    if name in per:
        s, e, _ = per[name]
        lines.append(f"| {name} | {s:.2f} ± {e:.2f} |")
lines.append(f"| **all three** | **{total:.2f}** |")
lines += ["", f"A million rows: **{million:.1f} s** of one core, **{million / cores:.1f} s** on all {cores} cores if they did "
          "nothing else (the database shares them).", "",
          "| target | time it allows for a million rows | the Java side alone, all cores |", "| --- | --- | --- |",
          f"| 50,000 rows/s | 20.0 s | {million / cores:.1f} s ({100 * million / cores / 20:.0f} % of it) |",
          f"| ≤ 4 × a bare `\\copy` ({copy_s:.2f} s, from {copy_from}) | {4 * copy_s:.1f} s | {million / cores:.1f} s "
          f"({100 * million / cores / (4 * copy_s):.0f} % of it) |"]
open(report, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
print(f"report written to {report}", file=sys.stderr)
EOF
