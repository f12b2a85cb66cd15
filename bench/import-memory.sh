#!/usr/bin/env bash
# Memory of an import: the peak JVM heap while a large XLSX and a large CSV are uploaded and imported.
#
#  1. generates a CSV of --rows rows with bench/generate_leads.py (nine columns, six markets), and the
#     same rows as an XLSX whose text is all shared strings, as Excel writes it (bench/csv_to_xlsx.py);
#     and a CSV of --csv-rows rows;
#  2. starts `java -Xmx$heap -jar target/callsheet.jar` (default 512m: half of what bench/import.sh
#     gives, and the kind of heap the 300,000-row workbook used to exhaust) with GC logging, on a fresh
#     data folder under /tmp; a workspace and an API token;
#  3. imports the XLSX, then the CSV, one after the other (onDuplicate=SKIP) with
#     bench/import_client.py: POST to DONE, the heap used sampled every second from /actuator/prometheus;
#  4. reads the GC log for the heap after each collection (what was still reachable: the honest
#     figure; the sampled "used" includes garbage not yet collected);
#  5. writes bench/results/import-memory-<date>.md.
#
#   usage: bench/import-memory.sh [--rows N] [--csv-rows N] [--heap SIZE] [--port P] [--jar PATH]
#     --rows N       rows of the XLSX (default 300000)
#     --csv-rows N   rows of the CSV (default 1000000)
#     --heap SIZE    the app's -Xmx (default 512m)
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."
root=$(pwd)

rows=300000
csv_rows=1000000
heap=512m
port=${SERVER_PORT:-18091}
timeout=3600
jar=target/callsheet.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --csv-rows) csv_rows=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$self"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[ -f "$jar" ] || ./mvnw -q -B package -DskipTests
py="python3 $root/bench"
keep=("*timeline*.csv" "*.json" gc.log)
. "$root/bench/lib.sh"
bench_begin import-memory
trap 'exit 130' INT TERM

log "generating $rows rows as CSV and XLSX, and a CSV of $csv_rows rows, in $work"
$py/generate_leads.py --rows "$rows" --seed 1 --out "$work/rows.csv"
$py/csv_to_xlsx.py "$work/rows.csv" "$work/leads.xlsx"
$py/generate_leads.py --rows "$csv_rows" --seed 2 --out "$work/leads.csv"
xlsx_size=$(stat -c %s "$work/leads.xlsx")
csv_size=$(stat -c %s "$work/leads.csv")
log "leads.xlsx $(du -h "$work/leads.xlsx" | cut -f1), leads.csv $(du -h "$work/leads.csv" | cut -f1)"

BENCH_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$work/gc.log:uptime" start_app
make_workspace "Import memory $stamp"

import_file() {  # file name
  log "importing $1"
  local rc=0
  $py/import_client.py import "$work/$1" --port "$port" --country NO --on-duplicate SKIP \
    --timeline "$work/$2-timeline.csv" --timeout "$timeout" > "$work/$2.json" || rc=$?
  log "$2: $(cat "$work/$2.json")"
  echo "$(awk '{print $1}' /proc/uptime)" > "$work/$2.end"
  return $rc
}
start_xlsx=$(awk '{print $1}' /proc/uptime)
import_file leads.xlsx xlsx || true
import_file leads.csv csv || true
oom=$(grep -c OutOfMemoryError "$applog" || true)

# Heap after each collection, from lines like "[12.345s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 5.1ms".
python3 - "$work" "$heap" "$xlsx_size" "$csv_size" "$rows" "$csv_rows" "$oom" "$jar_info" \
  > "$root/bench/results/import-memory-$(date +%F).md" <<'PY'
import json, re, sys
work, heap, xlsx_size, csv_size, rows, csv_rows, oom, jar = sys.argv[1:9]
after = [int(m.group(1)) for m in (re.search(r"->(\d+)M\(", l) for l in open(f"{work}/gc.log")) if m]
def load(name):
    try:
        return json.load(open(f"{work}/{name}.json"))
    except Exception:
        return {}
x, c = load("xlsx"), load("csv")
def mib(b):
    return "–" if b in (None, "") else f"{int(b) / 2**20:,.0f} MiB"
def rate(r):
    s = r.get("seconds") or r.get("elapsed_s")
    return f"{r.get('status', '?')}, {s} s" if s else r.get("status", "?")
print(f"# Import memory, {__import__('datetime').date.today()}\n")
print(f"`bench/import-memory.sh --rows {rows} --csv-rows {csv_rows} --heap {heap}`; jar {jar}.\n")
print("| file | size | rows | outcome | peak heap used, sampled each second |")
print("| --- | --- | --- | --- | --- |")
print(f"| XLSX, all text as shared strings | {int(xlsx_size) / 2**20:,.1f} MiB | {int(rows):,} | {rate(x)} | {mib(x.get('peak_heap_bytes'))} |")
print(f"| CSV (UTF-8, comma) | {int(csv_size) / 2**20:,.1f} MiB | {int(csv_rows):,} | {rate(c)} | {mib(c.get('peak_heap_bytes'))} |")
print()
print(f"Heap after a collection (what was still reachable), over both imports: max **{max(after, default=0)} MiB**, "
      f"median {sorted(after)[len(after) // 2] if after else 0} MiB over {len(after)} collections; -Xmx{heap}. "
      f"OutOfMemoryError in the app log: {oom}.\n")
print("Raw results:\n")
print("```")
print("xlsx:", json.dumps(x))
print("csv: ", json.dumps(c))
print("```")
PY
log "written bench/results/import-memory-$(date +%F).md"
cat "$root/bench/results/import-memory-$(date +%F).md"
