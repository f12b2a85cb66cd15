#!/usr/bin/env bash
# Report benchmark: a project with 10,000,000 call attempts and 1,000,000 leads (issue 8).
#
#  1. starts `java -Xmx1g -jar target/callsheet.jar` on a fresh data folder under /tmp, creates a
#     workspace, an API token of its admin and the project "Reports bench" (Europe/Oslo);
#  2. generates the data in the database with bench/reports_data.sql: agents, leads, queue
#     entries, call attempts spread over the last --days days, and reporting's counts built from
#     them as migration V19 builds them for existing data;
#  3. times over HTTP (median of --runs after one warm-up): the KPI report for a day, a week, a
#     month and the whole period (totals, and split by agent), the funnel for a month and the
#     whole period, the live floor; and in psql the floor's own query;
#  4. the floor it is compared to: the same KPI totals straight from the raw call attempts
#     (GROUP BY over call_attempt, its index on project and time), timed in psql;
#  5. prints a summary and writes it as Markdown to bench/results/reports-<date>.md.
#
#   usage: bench/reports.sh [--leads N] [--attempts N] [--agents N] [--days N] [--runs N] [--port P] [--jar PATH]
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."
root=$(pwd)
args_given="$*"

leads=1000000
attempts=10000000
agents=200
days=365
runs=7
port=${SERVER_PORT:-18091}
jar=target/callsheet.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --leads) leads=$2; shift 2 ;;
    --attempts) attempts=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$self"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/psql" ] || { echo "$pgbin/psql is missing (the PostgreSQL 15 client tools)" >&2; exit 1; }
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests
keep=("*.txt")
. "$root/bench/lib.sh"
bench_begin reports
trap 'exit 130' INT TERM

start_app
make_workspace "Reports benchmark $stamp"
ws=$(json '["id"]' < "$work/workspace.json")
project=$(curl -fsS -H "Authorization: Bearer $CALLSHEET_TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Reports bench","direction":"OUTBOUND","audience":"NEW_CUSTOMERS","reviewCadence":"WEEKLY","timeZone":"Europe/Oslo","kpiTargets":{"connectRate":0.3,"appointmentsPerHour":1.0,"oneCallResolutionRate":0.4,"talkMinutesPerDay":120}}' \
  "localhost:$port/api/v1/projects" | json '["id"]')
log "project $project; generating $leads leads and $attempts attempts by $agents agents over $days days"
t=$(date +%s%N)
psql_app -v ws="$ws" -v project="$project" -v leads="$leads" -v attempts="$attempts" -v agents="$agents" \
  -v days="$days" -f bench/reports_data.sql > "$work/generate.txt"
gen_s=$(( ($(date +%s%N) - t) / 1000000000 ))
log "generated in $gen_s s: $(tail -3 "$work/generate.txt" | head -1)"
sizes=$(psql_app -A -t -F'|' -c "SELECT pg_size_pretty(pg_total_relation_size('call_attempt')),
  pg_size_pretty(pg_total_relation_size('report_hour')), pg_size_pretty(pg_total_relation_size('queue_entry'))")

today=$(TZ=Europe/Oslo date +%F)
day_of() { TZ=Europe/Oslo date -d "$today - $1 days" +%F; }
# median of $runs timed GETs (seconds, 3 decimals), after one untimed warm-up
time_get() {  # path
  local url="localhost:$port$1" i
  curl -fsS -o /dev/null -H "Authorization: Bearer $CALLSHEET_TOKEN" "$url"
  for i in $(seq 1 "$runs"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $CALLSHEET_TOKEN" "$url"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}
# median of $runs psql executions of a query, server-side time in ms (EXPLAIN ANALYZE's Execution Time)
time_sql() {  # sql
  local i
  for i in $(seq 0 "$runs"); do
    psql_app -A -t -c "EXPLAIN (ANALYZE, FORMAT JSON) $1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])'
  done | tail -n "$runs" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}'
}

results=()
measure() {  # label path
  local s
  s=$(time_get "$2")
  results+=("| $1 | \`${2%%\?*}\` | $s |")
  log "$1: $s s"
}
base=/api/v1/reports/projects/$project
measure "KPIs, one day" "$base/kpis?from=$(day_of 1)&to=$(day_of 1)"
measure "KPIs, one week" "$base/kpis?from=$(day_of 7)&to=$(day_of 1)"
measure "KPIs, one month" "$base/kpis?from=$(day_of 30)&to=$(day_of 1)"
measure "KPIs, the whole period" "$base/kpis?from=$(day_of "$days")&to=$today"
measure "KPIs by agent, the whole period" "$base/kpis?from=$(day_of "$days")&to=$today&groupBy=agent"
measure "KPIs by day (trend), one month" "$base/trend?from=$(day_of 30)&to=$(day_of 1)"
measure "Funnel, one month" "$base/funnel?from=$(day_of 30)&to=$(day_of 1)"
measure "Funnel, the whole period" "$base/funnel?from=$(day_of "$days")&to=$today"
measure "Outcomes, the whole period" "$base/outcomes?from=$(day_of "$days")&to=$today"
measure "Live floor" "/api/v1/reports/floor"

from_all=$(day_of "$days")
floor_sql="SELECT r.agent_id, sum(r.dials), sum(r.connects), sum(r.appointments_set)
  FROM unnest(ARRAY['$project']::uuid[], ARRAY[(now() AT TIME ZONE 'Europe/Oslo')::date]) AS p(project_id, day)
  JOIN report_day r ON r.project_id = p.project_id AND r.day = p.day GROUP BY r.agent_id"
floor_ms=$(time_sql "$floor_sql")
kpi_sql="SELECT sum(dials), sum(connects), sum(talk_seconds), sum(handle_seconds), sum(appointments_set)
  FROM report_day WHERE project_id = '$project' AND day >= '$from_all' AND day < '$today'::date + 1"
kpi_ms=$(time_sql "$kpi_sql")
hour_sql="SELECT sum(dials), sum(connects), sum(talk_seconds), sum(handle_seconds), sum(appointments_set)
  FROM report_hour WHERE project_id = '$project' AND hour >= '$from_all' AND hour < '$today'::date + 1"
hour_ms=$(time_sql "$hour_sql")
raw_sql="SELECT count(*), count(*) FILTER (WHERE connected), sum(talk_seconds),
  sum(extract(epoch FROM ended_at - started_at)), count(*) FILTER (WHERE qualified)
  FROM call_attempt WHERE project_id = '$project' AND ended_at >= '$from_all' AND ended_at < '$today'::date + 1"
raw_ms=$(time_sql "$raw_sql")
funnel_sql="SELECT source, count(*), count(first_called_at), count(connected_at), count(qualified_at)
  FROM queue_entry WHERE project_id = '$project' AND added_at >= '$from_all' AND added_at < '$today'::date + 1 GROUP BY source"
funnel_ms=$(time_sql "$funnel_sql")
log "SQL: floor $floor_ms ms, KPI totals from the daily counts $kpi_ms ms, hourly $hour_ms ms, from the raw attempts $raw_ms ms, funnel first half $funnel_ms ms"

out="$root/bench/results/reports-$(date +%F).md"
{
  echo "# Report benchmark, $(date '+%F %H:%M')"
  echo
  echo "Command: \`bench/reports.sh${args_given:+ $args_given}\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "app $jar_info with -Xmx1g, embedded PostgreSQL $(psql_app -A -t -c 'SHOW server_version')."
  echo "Data: $leads leads, $attempts call attempts, $agents agents over $days days, generated in $gen_s s."
  echo "Sizes: call_attempt $(echo "$sizes" | cut -d'|' -f1), report_hour $(echo "$sizes" | cut -d'|' -f2) ($(psql_app -A -t -c "SELECT count(*) FROM report_hour") rows), report_day $(psql_app -A -t -c "SELECT count(*) FROM report_day") rows, queue_entry $(echo "$sizes" | cut -d'|' -f3)."
  echo
  echo "Over HTTP, median of $runs after a warm-up (seconds, whole request with authentication and JSON):"
  echo
  echo "| report | endpoint | seconds |"
  echo "| --- | --- | ---: |"
  printf '%s\n' "${results[@]}"
  echo
  echo "In the database, median of $runs (EXPLAIN ANALYZE execution time, ms):"
  echo
  echo "| query | ms |"
  echo "| --- | ---: |"
  echo "| the live floor's query (today's counts per agent) | $floor_ms |"
  echo "| KPI totals of the whole period from reporting's daily counts (what the API reads) | $kpi_ms |"
  echo "| the same from the hourly counts (what half-day reviews read) | $hour_ms |"
  echo "| the same totals from the raw call attempts (the floor compared to) | $raw_ms |"
  echo "| the funnel's first half (queue entries of the whole period, by source) | $funnel_ms |"
} > "$out"
cat "$out"
log "written to $out"
