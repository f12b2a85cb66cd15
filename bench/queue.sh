#!/usr/bin/env bash
# Call-queue benchmark, end to end through the API: many agents working one project's queue.
#
#  1. generates a leads CSV of N rows with bench/generate_leads.py;
#  2. starts `java -Xmx1g -jar target/callsheet.jar` on a fresh data folder under /tmp, creates
#     a workspace and a personal API token for its admin;
#  3. imports the CSV (POST /api/v1/imports, onDuplicate=SKIP, progress shown), creates the
#     project "Bench" (outbound, callable 00:00-24:00 every day, UTC) and adds the import's leads
#     to it; creates the agents (role AGENT), each with its own API token;
#  4. the app: bench/QueueLoad.java, one thread per agent looping next -> outcome (NO_ANSWER):
#     a) back to back (throughput: cycles/s), b) paced at --rate cycles/s over all agents
#     (latency of next at that load; back to back, Little's law makes latency = agents ÷ rate).
#     Both count double grants (must be 0) and errors;
#     c) the stack's floor: the same agents back to back, each cycle two GET /api/v1/me (the token
#     check, a user and workspace read, JSON) and no queue work;
#  5. the floor, on the same embedded PostgreSQL with the app idle: a bare table of --floor-rows
#     READY rows (bench/queue_floor.sql) and pgbench looping bench/queue_floor_pgbench.sql
#     (SELECT ... FOR UPDATE SKIP LOCKED lease, then UPDATE to DONE), back to back and -R rate;
#  6. prints a summary and writes it as Markdown to bench/results/queue-<date>.md
#     (queue-<date>-<N>leads.md for another --leads than 1,000,000).
# The app is stopped (SIGTERM) and the temporary folder removed on exit; the app log and the raw
# outputs are kept in /tmp/callsheet-bench-logs/.
#
#   usage: bench/queue.sh [--leads N] [--agents N] [--seconds N] [--warmup N] [--rate R] [--port P] [--jar PATH]
#                         [--floor-clients N] [--floor-rows N] [--timeout S]
#     --leads N          leads in the project (default 1000000; try 20000 first)
#     --agents N         simulated agents, one API token each (default 200)
#     --seconds N        measured seconds of each run (default 60), --warmup N before it (default 120: a fresh JVM takes about two minutes to reach its speed under this load)
#     --rate R           cycles/s of the paced runs, app and floor (default 1000; 0: no paced runs)
#     --port P           HTTP port of the app (default $SERVER_PORT or 18090)
#     --jar PATH         the jar to run (default target/callsheet.jar, built first if missing)
#     --floor-clients N  pgbench clients (default 10, the app's connection pool: the database sees as
#                        many sessions as when the app runs. With 150 the bare loop is no floor: each
#                        lease steps over the rows the others hold, 192 cycles/s against 2,096 with 10
#                        on 2026-12-03. Lowered to the connections free, and said so)
#     --floor-rows N     rows of the floor's table (default 1000000, whatever --leads is)
#     --no-stack-floor   skip the stack's floor run (c), e.g. for an A/B of two jars
#     --pg-set NAME=VALUE  a PostgreSQL setting for the whole run (ALTER SYSTEM, then a reload), e.g.
#                        commit_delay=1000; repeatable
#     --timeout S        give up the import (and the adding of leads) after S seconds (default 3600)
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."
root=$(pwd)
args_given="$*"

leads=1000000
agents=200
seconds=60
warmup=120
rate=1000
port=${SERVER_PORT:-18090}
jar=target/callsheet.jar
floor_clients=10
floor_rows=1000000
timeout=3600
stack_floor=1
pg_settings=()
while [ $# -gt 0 ]; do
  case "$1" in
    --leads) leads=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --floor-clients) floor_clients=$2; shift 2 ;;
    --floor-rows) floor_rows=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --no-stack-floor) stack_floor=; shift ;;
    --pg-set) pg_settings+=("$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$self"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

pgbin=/usr/lib/postgresql/15/bin
for tool in psql pgbench; do
  [ -x "$pgbin/$tool" ] || { echo "$pgbin/$tool is missing (the floor needs the PostgreSQL 15 client tools)" >&2; exit 1; }
done
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests
py="python3 $root/bench"
keep=("*.json" "load-*.txt" "floor-*.txt" cpu.csv pg-activity.txt notes.txt "pgstats-*.txt" autovacuum-wait.txt)
. "$root/bench/lib.sh"
bench_begin queue
trap 'exit 130' INT TERM

# --- 1. the leads ------------------------------------------------------------------------
log "generating leads.csv ($leads rows) in $work"
t=$(date +%s%N)
$py/generate_leads.py --rows "$leads" --seed 1 --out "$work/leads.csv"
gen_ms=$(( ($(date +%s%N) - t) / 1000000 ))
log "generated in $gen_ms ms: $(du -h "$work/leads.csv" | cut -f1)"

# --- 2. the app, a workspace, a token ---------------------------------------------------
start_app
make_workspace "Queue benchmark $stamp"
postmaster=$(head -1 "$data/postgres/postmaster.pid")
for setting in ${pg_settings[@]+"${pg_settings[@]}"}; do
  name=${setting%%=*}
  [[ "$name" =~ ^[a-z_]+$ ]] || { log "--pg-set $setting: not a setting name"; exit 2; }
  psql_app -c "ALTER SYSTEM SET $name = '${setting#*=}'" -c 'SELECT pg_reload_conf()' > /dev/null
  log "PostgreSQL setting for this run: $name = $(psql_app -A -t -c "SHOW $name")"
done
pg_version=$(psql_app -A -t -c 'SHOW server_version')
# A long transaction anywhere holds back the xmin horizon: the queue's dead index entries cannot be
# cleaned up and every lease walks over them (in a trial, ten sessions sleeping inside a query made
# the floor ten times slower). Checked before each measured run, noted in the report.
check_xacts() {  # label
  local age
  age=$(psql_app -A -t -c "SELECT coalesce(round(extract(epoch FROM max(now() - xact_start)))::int, 0)
    FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
  echo "before $1: the longest open transaction of another session was ${age} s old" >> "$work/notes.txt"
  [ "$age" -lt 30 ] || log "WARNING before $1: a transaction has been open for $age s (it slows every lease)"
}
# Transactions committed in the database and WAL flushes to disk so far (for per-cycle figures).
pg_counters() {
  psql_app -A -t -F' ' -c "SELECT xact_commit, (SELECT wal_sync FROM pg_stat_wal)
    FROM pg_stat_database WHERE datname = current_database()"
}

# --- 3. import, project, agents ---------------------------------------------------------------
log "importing leads.csv (country NO, source OTHER, onDuplicate SKIP)"
$py/queue_client.py import "$work/leads.csv" --port "$port" --timeout "$timeout" > "$work/import.json" \
  || { log "import: $(cat "$work/import.json")"; exit 1; }
import_id=$(json '["id"]' < "$work/import.json")
log "import: $(cat "$work/import.json")"

log "creating the project and adding the leads"
$py/queue_client.py project --port "$port" --import-id "$import_id" --timeout "$timeout" > "$work/project.json"
project=$(json '["project"]' < "$work/project.json")
log "project: $(cat "$work/project.json")"

log "creating $agents agents with their API tokens"
$py/queue_client.py agents --port "$port" --count "$agents" --tokens "$work/tokens.txt" > "$work/agents.json"
log "agents: $(cat "$work/agents.json")"

# Samplers for the report: CPU of the app and of PostgreSQL once a second, and what PostgreSQL runs.
$py/queue_client.py cpu --out "$work/cpu.csv" --app "$app_pid" --postmaster "$postmaster" &
samplers+=($!)
( while kill -0 "$app_pid" 2>/dev/null; do
    psql_app -A -t -c "SELECT round(extract(epoch FROM now())::numeric, 2) || '|' ||
        coalesce(string_agg(left(regexp_replace(query, '\s+', ' ', 'g'), 100), ' ## '), '')
      FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend'
        AND pid <> pg_backend_pid()" 2>/dev/null || true
    sleep 1
  done ) >> "$work/pg-activity.txt" &
samplers+=($!)

# --- 4. the app under load --------------------------------------------------------------------
load_ok=1
run_load() {  # name rate [QueueLoad options...]
  local name=$1 pace=$2; shift 2
  wait_for_autovacuum "app-$name"
  check_xacts "the app run $name"
  log "QueueLoad $name: $agents agents, ${warmup} s warm-up + ${seconds} s$([ "$pace" = 0 ] || echo ", paced at $pace cycles/s") $*"
  local rc=0
  pg_counters > "$work/pgstats-$name.txt"
  java -Xss512k bench/QueueLoad.java --base "http://localhost:$port" --tokens "$work/tokens.txt" --project "$project" \
    --seconds "$seconds" --warmup "$warmup" --outcome NO_ANSWER --rate "$pace" "$@" > "$work/load-$name.txt" || rc=$?
  sleep 2  # sessions report their statistics about once a second
  pg_counters >> "$work/pgstats-$name.txt"
  cat "$work/load-$name.txt" >&2
  # 3: double grants, 4: nothing but errors, 2: tokens refused. Go on to the floor and the report.
  [ "$rc" = 0 ] || { log "QueueLoad $name exited with $rc"; load_ok=; }
}
run_load b2b 0
if [ "$rate" != 0 ]; then run_load paced "$rate"; fi
# The stack's own floor: the same agents, each cycle two authenticated GET /api/v1/me and no queue work.
# What HTTP, the token check and the JSON cost on these cores, against which the queue's cycles are set.
if [ -n "$stack_floor" ]; then run_load httpfloor 0 --http-floor; fi

# --- 5. the floor: the bare SKIP LOCKED loop on the same PostgreSQL, the app idle -------------
free=$(psql_app -A -t -c "SELECT current_setting('max_connections')::int - count(*)
  FROM pg_stat_activity WHERE backend_type = 'client backend'")
clients=$floor_clients
if [ "$clients" -gt $((free - 5)) ]; then
  clients=$((free - 5))
  log "floor: only $free connections free (the app holds the rest): $clients pgbench clients, not $floor_clients"
fi
log "floor: bench_queue of $floor_rows rows (bench/queue_floor.sql)"
psql_app -v rows="$floor_rows" -f bench/queue_floor.sql >&2
pgbench_app() {  # out-name pgbench-args...
  local out=$work/$1.txt; shift
  ( TIMEFORMAT='pgbench_cpu %U %S %R'
    time PGPASSWORD=$(cat "$data/postgres.secret") "$pgbin/pgbench" -n -M prepared -f bench/queue_floor_pgbench.sql \
      -c "$clients" -j 2 -h localhost -p "$pg_port" -U postgres "$@" callsheet ) > "$out" 2>&1 \
    || { log "pgbench exited with $? (clients aborted?):"; grep -v '^progress' "$out" | tail -5 >&2; floor_ok=; }
}
floor_ok=1
# pgbench has no JIT to warm up: 10 s fills the caches and the table's first dead rows.
floor_warmup=$(( warmup < 10 ? warmup : 10 ))
# The freshly filled table is vacuumed first (in the 12-03 runs the floor sped up from ~180 to ~1,400
# cycles/s over its measured minute while autovacuum worked on it), as is what the app runs left behind.
wait_for_autovacuum floor
log "floor: pgbench warm-up, $clients clients, ${floor_warmup} s"
[ "$floor_warmup" -gt 0 ] && pgbench_app floor-warmup -T "$floor_warmup"
check_xacts "the floor runs"
log "floor: pgbench back to back, $clients clients, ${seconds} s"
pg_counters > "$work/pgstats-floor-b2b.txt"
pgbench_app floor-b2b -T "$seconds" -r -P 10 -l --log-prefix="$work/floor-b2b-log"
sleep 2
pg_counters >> "$work/pgstats-floor-b2b.txt"
grep -E '^(tps|latency average|number of failed)' "$work/floor-b2b.txt" >&2 || cat "$work/floor-b2b.txt" >&2
$py/queue_client.py floor-stats --log-prefix "$work/floor-b2b-log" > "$work/floor-b2b-stats.json"
log "floor back to back, per cycle: $(cat "$work/floor-b2b-stats.json")"
if [ "$rate" != 0 ]; then
  log "floor: pgbench paced at $rate/s (-R), $clients clients, ${seconds} s"
  pgbench_app floor-paced -T "$seconds" -R "$rate" -r -P 10 -l --log-prefix="$work/floor-paced-log"
  grep -E '^(tps|latency average|rate limit|number of failed)' "$work/floor-paced.txt" >&2 || cat "$work/floor-paced.txt" >&2
  $py/queue_client.py floor-stats --log-prefix "$work/floor-paced-log" > "$work/floor-paced-stats.json"
  log "floor paced, per cycle: $(cat "$work/floor-paced-stats.json")"
fi
rm -f "$work"/floor-*-log.*
# Each completed cycle marks one row DONE: fewer DONE rows than cycles would mean a row leased twice.
cycles=$(cat "$work"/floor-*.txt | awk '/^number of transactions actually processed:/ {n += $6} END {print n + 0}')
psql_app -A -t -F' ' -c "SELECT count(*) FILTER (WHERE state = 'DONE'), count(*) FILTER (WHERE state = 'LEASED'),
    count(*) FILTER (WHERE state = 'READY') FROM bench_queue" \
  | { read -r done leased ready; printf '{"cycles": %s, "done": %s, "leased": %s, "ready": %s}\n' \
      "$cycles" "$done" "$leased" "$ready"; } > "$work/floor-check.json"
log "floor check: $(cat "$work/floor-check.json")"
psql_app -c 'DROP TABLE bench_queue' -c 'CHECKPOINT'

# --- 6. the summary ------------------------------------------------------------------------
day=$(date +%F)
if [ "$leads" -eq 1000000 ]; then report="bench/results/queue-$day.md"; else report="bench/results/queue-$day-${leads}leads.md"; fi
$py/queue_client.py report --dir "$work" --leads "$leads" --agents "$agents" --rate "$rate" \
  --startup-ms "$startup_ms" --pg-version "$pg_version" --app-log "$applog" --cmdline "bench/queue.sh $args_given" \
  --jar-info "$jar_info" --log-copy "$logdir/queue-$stamp-app.log" --markdown "$root/$report"
log "report written to $report"
[ -n "$load_ok" ] && [ -n "$floor_ok" ]
