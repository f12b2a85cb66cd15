#!/usr/bin/env bash
# Start-up benchmark: how long `java -jar target/callsheet.jar` takes until /actuator/health
# answers UP, on (1) an empty data folder (first start: binaries extracted, cluster created,
# schema migrated), (2) a restart after a clean stop, (3) a restart after `kill -9` (an
# orphaned PostgreSQL to find and stop first). Prints each run and the median per case.
#   usage: bench/startup.sh [runs=5] [port=18080]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${2:-18080}
jar=target/callsheet.jar
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests

wait_up() {
  local start=$1
  for _ in $(seq 1 1200); do
    if curl -fs "localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      echo $(( ($(date +%s%N) - start) / 1000000 ))
      return
    fi
    sleep 0.05
  done
  echo "timeout" >&2; exit 1
}

start_app() {  # $1 data dir; echoes pid
  SERVER_PORT=$port CALLSHEET_DATA_DIR=$1 CALLSHEET_ADMIN_PASSWORD=bench-only-password \
    java -jar "$jar" > "$1.log" 2>&1 &
  echo $!
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -a first restart crash
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/callsheet-bench.XXXX)/data
  t=$(date +%s%N); pid=$(start_app "$dir"); first+=("$(wait_up "$t")")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  t=$(date +%s%N); pid=$(start_app "$dir"); restart+=("$(wait_up "$t")")
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  t=$(date +%s%N); pid=$(start_app "$dir"); crash+=("$(wait_up "$t")")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i: first ${first[-1]} ms, restart ${restart[-1]} ms, after kill -9 ${crash[-1]} ms"
  rm -rf "$(dirname "$dir")"
done
echo "median first start:        $(printf '%s\n' "${first[@]}" | median) ms"
echo "median restart:            $(printf '%s\n' "${restart[@]}" | median) ms"
echo "median restart after kill: $(printf '%s\n' "${crash[@]}" | median) ms"
