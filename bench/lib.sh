# Shared by the benchmark drivers (bench/import.sh, bench/queue.sh, …); sourced, not run.
# Expects: root, port, jar and keep (globs under $work to keep in $logdir); `bench_begin NAME` sets the
# rest (work, data, applog, logdir, stamp, bench_name, samplers: background pids to stop).

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# The run's own state: a fresh work folder named after the benchmark (NAME also prefixes the kept logs),
# its app's data folder and log, the shared log folder, and the clean-up on exit. Called once by each
# driver, after it has set `keep`.
bench_begin() {
  bench_name=$1
  stamp=$(date +%Y%m%d-%H%M%S)
  work=$(mktemp -d "/tmp/$bench_name-bench.XXXXXX")
  data=$work/data
  logdir=/tmp/callsheet-bench-logs
  mkdir -p "$logdir" "$root/bench/results"
  applog=$work/app.log
  app_pid=
  samplers=()
  trap cleanup EXIT
}

stop_app() {
  if [ -n "${app_pid:-}" ] && kill -0 "$app_pid" 2>/dev/null; then
    log "stopping the app (SIGTERM to $app_pid)"
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$app_pid" 2>/dev/null; then
      log "the app did not stop in 60 s: SIGKILL"
      kill -KILL "$app_pid" 2>/dev/null || true
    fi
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=
  # A PostgreSQL left behind by a JVM that had to be killed: stop it too (fast shutdown).
  local pg_pid
  pg_pid=$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
    log "stopping the embedded PostgreSQL left running ($pg_pid)"
    kill -INT "$pg_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
  fi
}

# On exit: samplers and app stopped, the app log and the raw outputs kept, the temporary folder removed.
cleanup() {
  local rc=$?
  for pid in "${samplers[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_app
  if [ -f "$applog" ]; then
    cp "$applog" "$logdir/$bench_name-$stamp-app.log"
    log "app log kept as $logdir/$bench_name-$stamp-app.log"
  fi
  local pattern f
  for pattern in "${keep[@]}"; do
    for f in "$work"/$pattern; do
      [ -f "$f" ] && cp "$f" "$logdir/$bench_name-$stamp-$(basename "$f")"
    done
  done
  rm -rf "$work"
  exit $rc
}

secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(24))'; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d'"$1"')'; }
# curl with HTTP Basic credentials passed on standard input, not on the command line.
curl_basic() {  # user password curl-args...
  local user=$1 pass=$2; shift 2
  printf 'user = "%s:%s"\n' "$user" "$pass" | curl -fsS -K - "$@"
}

# Starts a copy of the jar on a fresh data folder and waits for UP. Sets app_pid, admin_pw,
# jar_info, startup_ms. Extra JVM options come from BENCH_JAVA_OPTS.
start_app() {
  # A copy: target/ is shared with other builds, and a jar rebuilt under a running JVM breaks its class loading.
  cp "$jar" "$work/app.jar"
  unzip -tq "$work/app.jar" > /dev/null || { echo "$jar is not a readable jar (being rebuilt?)" >&2; exit 1; }
  jar_info="$jar ($(date -r "$jar" '+%F %T'), sha256 $(sha256sum "$work/app.jar" | cut -c1-12))"
  admin_pw=$(secret)
  log "starting the app on port $port (data in $data)"
  local t_start up=
  t_start=$(date +%s%N)
  SERVER_PORT=$port CALLSHEET_DATA_DIR=$data CALLSHEET_ADMIN_PASSWORD=$admin_pw \
    java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$work/app.jar" > "$applog" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 1200); do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      tail -50 "$applog" >&2; echo "the app exited during start-up" >&2; exit 1
    fi
    if curl -fs "localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then up=1; break; fi
    sleep 0.25
  done
  [ -n "$up" ] || { echo "the app did not come up in 300 s" >&2; exit 1; }
  startup_ms=$(( ($(date +%s%N) - t_start) / 1000000 ))
  log "up in $startup_ms ms"
}

# A fresh workspace named "$1" and a personal API token of its admin, exported as CALLSHEET_TOKEN.
make_workspace() {  # name
  ws_user=bench-$(python3 -c 'import secrets; print(secrets.token_hex(4))')
  ws_pw=$(secret)
  curl_basic admin "$admin_pw" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"adminUsername\":\"$ws_user\",\"adminPassword\":\"$ws_pw\"}" \
    "localhost:$port/api/v1/workspaces" > "$work/workspace.json"
  CALLSHEET_TOKEN=$(curl_basic "$ws_user" "$ws_pw" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
    "localhost:$port/api/v1/me/tokens" | json '["token"]')
  export CALLSHEET_TOKEN
  log "workspace $(json '["key"]' < "$work/workspace.json") with admin $ws_user and an API token"
  pg_port=$(sed -n 4p "$data/postgres/postmaster.pid")
}

# psql as the embedded server's superuser (its password is kept beside the cluster).
psql_app() {
  PGPASSWORD=$(cat "$data/postgres.secret") "${pgbin:+$pgbin/}psql" -X -q -v ON_ERROR_STOP=1 -h localhost \
    -p "$pg_port" -U postgres -d callsheet "$@"
}

# Waits (at most 10 minutes) until autovacuum has nothing left to do: no worker busy, and no table past
# the thresholds that start one (PostgreSQL's defaults: dead rows over 50 + 20 % of the rows, inserts since
# the last vacuum over 1,000 + 20 %, changes since the last analyse over 50 + 10 %). Autovacuum looks only
# once a minute, so "no worker busy" alone is true in the seconds after a bulk write. The wait in seconds
# goes to $work/autovacuum-wait.txt under the label.
wait_for_autovacuum() {  # label
  local t0 n
  t0=$(date +%s)
  while :; do
    n=$(psql_app -A -t -c "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker')
      + (SELECT count(*) FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
          WHERE s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
             OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
             OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0))")
    [ "$n" = 0 ] && break
    [ $(( $(date +%s) - t0 )) -ge 600 ] && { log "autovacuum still busy after 600 s: measuring anyway"; break; }
    sleep 2
  done
  echo "$1 $(( $(date +%s) - t0 ))" >> "$work/autovacuum-wait.txt"
  log "autovacuum idle after $(( $(date +%s) - t0 )) s"
}
