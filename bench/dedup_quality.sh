#!/usr/bin/env bash
# Duplicate-check quality on labelled public sets, end to end through the API (issue 24, point 5).
#
#  1. each set (bench/dedup-sets/<set>.properties: the file, the entity column, the fields) is read from the
#     datasets folder, shuffled by a hash of the row id and split by a hash of the entity id into the tuning
#     half and the held-out half (docs/BENCHMARKS.md, "what we tune on"); nothing of it enters the repo;
#  2. starts `java -jar target/callsheet.jar` on a fresh data folder under /tmp; per set and half: imports
#     the rows into two fresh workspaces (POST /api/v1/imports, FLAG), reads every card's candidates at the
#     threshold 0.5 (GET /api/v1/contacts/{id}/duplicates) and the flags the import set; then stores one row
#     per entity in a third workspace and checks the others as new cards (POST /api/v1/duplicates/check,
#     what the new-card form asks before saving; nothing stored);
#  3. with --duke, Duke 1.2 on the same rows and fields (bench/DukeQuality.java, Maven profile `bench`);
#  4. prints rows, true pairs, predicted, correct, precision, recall, F1 per set and half — pairwise, after
#     transitive closure, per query — and whether the two workspaces gave the same verdicts; writes
#     bench/results/dedup-quality-<date>.md.
#
#   usage: bench/dedup_quality.sh [--duke] [--duke-only] [--datasets DIR] [--port P] [--jar PATH] [SET...]
#     SET        names under bench/dedup-sets/ (default: all of them)
#     --datasets DIR  the labelled sets (default ../shared/datasets)
#     --keep DIR      keep the prepared rows and the pair files in DIR (outside the repository); a later
#                     run with the same --keep DIR scores both engines when one of them was run before
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."
root=$(pwd)

datasets=../shared/datasets
port=${SERVER_PORT:-18091}
jar=target/callsheet.jar
duke=
callsheet=1
keep_dir=
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duke) duke=1; shift ;;
    --duke-only) duke=1; callsheet=; shift ;;
    --datasets) datasets=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --keep) keep_dir=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$self"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) sets+=("$1"); shift ;;
  esac
done
[ -d "$datasets" ] || { echo "no datasets folder at $datasets (--datasets DIR)" >&2; exit 2; }
datasets=$(readlink -f "$datasets")
if [ ${#sets[@]} -eq 0 ]; then
  for f in bench/dedup-sets/*.properties; do sets+=("$(basename "$f" .properties)"); done
fi
props=()
for s in "${sets[@]}"; do props+=("$root/bench/dedup-sets/$s.properties"); done

keep=("*.pairs" "*.json" "*.flags")
. "$root/bench/lib.sh"
bench_begin dedup-quality
trap 'exit 130' INT TERM

py="python3 $root/bench/dedup_quality.py"
sets_dir=${keep_dir:-$work/sets}
mkdir -p "$sets_dir"
for p in "${props[@]}"; do $py prepare "$p" --datasets "$datasets" --out "$sets_dir"; done

engines=()
if [ -n "$callsheet" ]; then
  [ -f "$jar" ] || ./mvnw -q -B package -DskipTests
  start_app
  export BENCH_ADMIN_PW=$admin_pw
  for p in "${props[@]}"; do
    log "Callsheet: $(basename "$p" .properties)"
    $py callsheet "$p" --work "$sets_dir" --port "$port"
  done
  stop_app
fi
[ -f "$sets_dir/$(basename "${props[0]}" .properties)-tune-callsheet-run1.pairs" ] && engines+=(--engine callsheet)
if [ -n "$duke" ]; then
  cp_file=$work/duke.classpath
  ./mvnw -q -B -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" > /dev/null
  # Only Duke and what it needs, not the app's own test classpath.
  duke_cp=$(tr ':' '\n' < "$cp_file" | grep -E '/(no/priv/garshol|org/apache/lucene|org/mapdb)/' | paste -sd:)
  for p in "${props[@]}"; do
    log "Duke: $(basename "$p" .properties)"
    java -cp "$duke_cp" bench/DukeQuality.java "$p" "$sets_dir"
  done
fi
[ -f "$sets_dir/$(basename "${props[0]}" .properties)-tune-duke.pairs" ] && engines+=(--engine duke)

out=$root/bench/results/dedup-quality-$(date +%F).md
{
  echo "# Duplicate-check quality, $(date '+%F %H:%M') (bench/dedup_quality.sh ${sets[*]})"
  echo
  echo "Jar: ${jar_info:-not run}. Threshold 0.5 (Callsheet), per-set thresholds in bench/dedup-sets (Duke)."
  echo
} >> "$out"
$py score "${props[@]}" --work "$sets_dir" "${engines[@]}" --markdown "$out"
log "written to $out"
