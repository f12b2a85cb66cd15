#!/usr/bin/env bash
# Import and duplicate-check benchmark, end to end through the API.
#
#  1. generates base.csv and test.csv (N rows each; test.csv has ~10% duplicates of base.csv
#     written another way) with bench/generate_leads.py;
#  2. starts `java -Xmx1g -jar target/callsheet.jar` on a fresh data folder under /tmp, creates
#     a workspace and a personal API token for its admin;
#  3. the floor first, on the idle database: a plain psql \copy of test.csv into a bare table of
#     text columns on the same embedded PostgreSQL (median of 3);
#  4. imports base.csv (onDuplicate=SKIP), then test.csv (onDuplicate=FLAG) into the workspace
#     that now holds ~N cards: time from the POST to DONE, rows/s, the JVM heap sampled every
#     second from /actuator/prometheus;
#  5. 2,000 duplicate checks (after 2,000 warm-up ones), one after the other over one keep-alive
#     connection: p50/p95/p99/max — with the N cards of base.csv (the target's condition), between
#     the two imports, and again with ~2N cards at the end; each once autovacuum is idle;
#  5b. the write floor: the cards test.csv created written again into the workspace with the
#     import's own INSERT statements, one per table, and nothing else (bench/import_write_floor.sql,
#     rolled back): what the card tables' indexes and keys cost on their own;
#  6. prints a summary and writes it as Markdown to bench/results/import-<date>.md
#     (import-<date>-<N>rows.md for another --rows than 1,000,000).
# The app is stopped (SIGTERM) and the temporary folder removed on exit; the app log is kept
# in /tmp/callsheet-bench-logs/.
#
#   usage: bench/import.sh [--rows N] [--port P] [--requests N] [--warmup N] [--timeout S] [--dup-seconds S] [--jar PATH]
#     --rows N       rows of each file (default 1000000; try 20000 first)
#     --port P       HTTP port of the app (default $SERVER_PORT or 18090)
#     --requests N   measured duplicate checks (default 2000), --warmup N before them (default 5000:
#                    the JVM compiles the check's code over its first ~2,500 calls; the report shows how
#                    the latency settles)
#     --timeout S    give up an import after S seconds (default 3600); the rest is then skipped
#     --dup-seconds S  stop the duplicate checks after S seconds (default 900)
#     --jar PATH     the jar to run (default target/callsheet.jar, built first if missing)
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."
root=$(pwd)
args_given="$*"

rows=1000000
port=${SERVER_PORT:-18090}
requests=2000
warmup=5000
timeout=3600
dup_seconds=900
jar=target/callsheet.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --dup-seconds) dup_seconds=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$self"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[ -f "$jar" ] || ./mvnw -q -B package -DskipTests
py="python3 $root/bench"
keep=("*timeline*.csv" "*.json" pg-activity.txt jobs.csv autovacuum-wait.txt write-floor.txt)
. "$root/bench/lib.sh"
bench_begin import
trap 'exit 130' INT TERM

# --- 1. the files ------------------------------------------------------------------------
log "generating base.csv and test.csv ($rows rows each) in $work"
t=$(date +%s%N)
$py/generate_leads.py --rows "$rows" --seed 1 --out "$work/base.csv"
$py/generate_leads.py --rows "$rows" --seed 2 --existing "$work/base.csv" --duplicates 0.10 --out "$work/test.csv"
$py/generate_leads.py --rows $((warmup + requests)) --seed 3 --existing "$work/base.csv" --duplicates 0.5 \
  --out "$work/queries.csv"
gen_s=$(( ($(date +%s%N) - t) / 1000000 ))
log "generated in $gen_s ms: $(du -h "$work/base.csv" | cut -f1) + $(du -h "$work/test.csv" | cut -f1)"

# --- 2. the app, a workspace, a token ---------------------------------------------------
start_app
make_workspace "Import benchmark $stamp"

# --- 3. the floor: a bare COPY of test.csv, measured first, on the idle database -----------
log "COPY floor: psql \\copy of test.csv into a bare table, 3 times"
psql_app -c 'DROP TABLE IF EXISTS bench_copy_floor' -c 'CREATE TABLE bench_copy_floor ("first name" text,
  surname text, company text, phone text, email text, website text, city text, postcode text, country text)'
copy_ms=()
for i in 1 2 3; do
  psql_app -c 'TRUNCATE bench_copy_floor' -c 'CHECKPOINT'
  t=$(date +%s%N)
  psql_app -c "\\copy bench_copy_floor FROM '$work/test.csv' CSV HEADER"
  copy_ms+=($(( ($(date +%s%N) - t) / 1000000 )))
done
copied=$(psql_app -A -t -c 'SELECT count(*) FROM bench_copy_floor')
psql_app -c 'DROP TABLE bench_copy_floor' -c 'CHECKPOINT'
log "COPY runs (ms): ${copy_ms[*]} ($copied rows)"
pg_version=$(psql_app -A -t -c 'SHOW server_version')

# What PostgreSQL is running, about once a second, for the report's "where the time went".
( while kill -0 "$app_pid" 2>/dev/null; do
    psql_app -A -t -c "SELECT round(extract(epoch FROM now())::numeric, 2) || '|' ||
        coalesce(string_agg(left(regexp_replace(query, '\s+', ' ', 'g'), 100), ' ## '), '')
      FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend'
        AND pid <> pg_backend_pid()" 2>/dev/null || true
    sleep 1
  done ) >> "$work/pg-activity.txt" &
sampler_pid=$!
samplers+=("$sampler_pid")

# --- 4. the imports ---------------------------------------------------------------------
import_file() {  # name policy
  log "importing $1.csv (onDuplicate=$2)"
  local rc=0
  $py/import_client.py import "$work/$1.csv" --port "$port" --country NO --on-duplicate "$2" \
    --timeline "$work/$1-timeline.csv" --timeout "$timeout" > "$work/$1.json" || rc=$?
  log "$1: $(cat "$work/$1.json")"
  return $rc
}
dupcheck() {  # output-name: the duplicate checks over one keep-alive connection
  # After a million-row import PostgreSQL's autovacuum works on the new rows for minutes; the check is
  # measured once it has nothing left to do, as a workspace of that size runs most of the time.
  wait_for_autovacuum "$1"
  log "duplicate check with $(psql_app -A -t -c 'SELECT count(*) FROM contact') cards: $warmup warm-up + $requests measured requests"
  $py/import_client.py dupcheck "$work/queries.csv" --port "$port" --warmup "$warmup" --requests "$requests" \
    --max-seconds "$dup_seconds" > "$work/$1.json" || return 1
  log "$1: $(cat "$work/$1.json")"
}
import_ok=1
import_file base SKIP || import_ok=
if [ -n "$import_ok" ]; then
  # The target's condition: a workspace of N cards (the base file's).
  dupcheck dupcheck-base || true
  import_file test FLAG || import_ok=
fi
# The server's own clock: queued -> started -> finished, per job.
psql_app -A -F, -P footer=off -c "
  SELECT file_name, status, rows_total, rows_processed,
         round(extract(epoch FROM started_at - created_at)::numeric, 2) AS queued_s,
         round(extract(epoch FROM finished_at - started_at)::numeric, 2) AS running_s,
         round(extract(epoch FROM finished_at - created_at)::numeric, 2) AS total_s
  FROM import_job ORDER BY created_at" > "$work/jobs.csv" || true
if ! kill -0 "$app_pid" 2>/dev/null || grep -q 'Commencing graceful shutdown' "$applog"; then
  log "the app is no longer running: it was stopped from outside during the imports ($(grep -m1 -o '^[0-9T:.-]*Z.*Commencing graceful shutdown' "$applog" | cut -c1-24))"
fi
cards=$(psql_app -A -t -c "SELECT count(*) FROM contact" || echo "?")
log "cards in the database: $cards"

# --- 5. the duplicate check ---------------------------------------------------------------
dup_ok=
if [ -n "$import_ok" ]; then
  dupcheck dupcheck && dup_ok=1 || true
fi
$py/import_client.py heap --port "$port" > "$work/heap-end.json" || true
kill "$sampler_pid" 2>/dev/null || true

# --- 5b. the write floor: test.csv's new cards written again, nothing but the writes ---------------
if [ -n "$import_ok" ]; then
  wait_for_autovacuum write-floor
  test_job=$(json '["id"]' < "$work/test.json")
  test_ws=$(psql_app -A -t -c "SELECT workspace_id FROM import_job WHERE id = '$test_job'")
  log "write floor: the cards of import $test_job written again (bench/import_write_floor.sql)"
  psql_app -A -t -v job="$test_job" -v ws="$test_ws" -f bench/import_write_floor.sql > "$work/write-floor.txt" \
    && awk 'NR == 1 {cards = $1} /^Time:/ {ms += $2; n++} END {printf "{\"cards\": %d, \"statements\": %d, \"ms\": %.0f}\n", cards, n, ms}' \
      "$work/write-floor.txt" > "$work/write-floor.json" \
    || log "write floor failed: $(tail -3 "$work/write-floor.txt")"
  [ -s "$work/write-floor.json" ] && log "write floor: $(cat "$work/write-floor.json")"
fi

# --- 6. the summary ------------------------------------------------------------------------
day=$(date +%F)
if [ "$rows" -eq 1000000 ]; then report="bench/results/import-$day.md"; else report="bench/results/import-$day-${rows}rows.md"; fi
python3 "$root/bench/import_client.py" report --dir "$work" --rows "$rows" --copy-ms "${copy_ms[*]}" \
  --copied "$copied" --cards "$cards" --startup-ms "$startup_ms" --gen-ms "$gen_s" --pg-version "$pg_version" \
  --app-log "$applog" --cmdline "bench/import.sh $args_given" --jar-info "$jar_info" --port "$port" --log-copy "$logdir/import-$stamp-app.log" \
  --markdown "$root/$report"
log "report written to $report"
[ -n "$import_ok" ] && [ -n "$dup_ok" ]
