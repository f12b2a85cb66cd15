#!/usr/bin/env python3
"""HTTP and bookkeeping side of bench/queue.sh (standard library only).

  queue_client.py import FILE --port P [--timeout S]
      Uploads FILE to POST /api/v1/imports (multipart: file, country=NO, source=OTHER,
      onDuplicate=SKIP; streamed from disk), polls GET /api/v1/imports/{id} until DONE or FAILED
      and shows the progress on standard error every 5 s. Prints a JSON summary.

  queue_client.py project --port P --import-id ID [--timeout S]
      Creates the project "Bench" (outbound, new customers, callable round the clock on all seven
      days, UTC) with POST /api/v1/projects, then adds the import's leads to it with
      POST /api/v1/projects/{id}/leads {"importId": ...}. Prints {"project", "added", ...} as JSON.

  queue_client.py agents --port P --count N --tokens OUT [--threads 8]
      Creates N users with the role AGENT (POST /api/v1/users, as the workspace admin) and, as
      each of them (HTTP Basic, a random password), a personal API token (POST /api/v1/me/tokens).
      Writes the tokens to OUT, one a line (mode 600). Prints a JSON summary.

  queue_client.py cpu --out FILE --app PID --postmaster PID
      Until killed, once a second: the CPU seconds used so far by the app's JVM and by the
      PostgreSQL server (the postmaster, its live children and the children it has reaped),
      as CSV lines epoch,app_s,pg_s.

  queue_client.py floor-stats --log-prefix PREFIX
      Per-cycle latency percentiles from pgbench's transaction logs (-l) as JSON; with -R the
      service time (latency minus the schedule lag) too.

  queue_client.py report --dir WORK ...
      Writes the Markdown summary of a run of bench/queue.sh (called by it).

The workspace admin's API token is read from the environment (CALLSHEET_TOKEN), never from the
command line; so are the agents' passwords (generated here, never printed).
"""

import argparse
import base64
import concurrent.futures
import glob
import http.client
import json
import math
import os
import re
import secrets
import sys
import time

# The pieces both benchmarks need live in the import benchmark's client (same folder).
from import_client import _fmt, _load, _pg_profile, percentile, upload
from import_client import token_headers as admin_headers

DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]



def request(port, method, path, body=None, headers=None, timeout=60, expect=(200, 201)):
    """One request on its own connection; the parsed JSON answer (None when empty)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = dict(headers or admin_headers())
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    h["Accept"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=h)
        resp = conn.getresponse()
        data = resp.read()
    finally:
        conn.close()
    if resp.status not in expect:
        raise RuntimeError(f"{method} {path}: {resp.status} {data[:500]!r}")
    return json.loads(data) if data else None


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, file=sys.stderr, flush=True)


# --- import ---------------------------------------------------------------------------------


def cmd_import(args):
    started = time.monotonic()
    result = {"file": os.path.basename(args.file), "bytes": os.path.getsize(args.file)}
    try:
        job = upload(args.port, args.file, {"country": "NO", "source": "OTHER", "onDuplicate": "SKIP"})
        result.update(id=job, accepted_s=round(time.monotonic() - started, 2))
        log(f"import {job} accepted after {result['accepted_s']} s")
        last_shown, failures, status = 0.0, 0, {}
        while True:
            try:
                status = request(args.port, "GET", f"/api/v1/imports/{job}", expect=(200,))
                failures = 0
            except (OSError, http.client.HTTPException) as e:
                failures += 1
                if failures >= 10:
                    raise RuntimeError(f"status polls fail ({e}): is the app still running?") from e
                time.sleep(1)
                continue
            t = time.monotonic() - started
            if status["status"] in ("DONE", "FAILED"):
                break
            if t - last_shown >= 5:
                rows, done = status.get("rows"), status.get("processed") or 0
                share = f" of {rows:,} ({100 * done / rows:.0f}%)" if rows else ""
                log(f"  import {status['status']}: {done:,} rows{share} after {t:.0f} s")
                last_shown = t
            if t > args.timeout:
                status["status"] = "TIMEOUT"
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        result.update(status=status["status"], seconds=round(elapsed, 1),
                      **{k: status.get(k) for k in ("rows", "processed", "created", "merged", "flagged", "skipped",
                                                    "rejected", "error")})
        rows = status.get("rows") or 0
        result["rows_per_s"] = round(rows / elapsed) if status["status"] == "DONE" and elapsed > 0 else None
    except Exception as e:  # noqa: BLE001 - reported in the JSON, and the caller stops
        result.update(status="ERROR", error=str(e), seconds=round(time.monotonic() - started, 1))
    print(json.dumps(result))
    return 0 if result["status"] == "DONE" else 1


# --- project ---------------------------------------------------------------------------------

def cmd_project(args):
    body = {"name": "Bench", "direction": "OUTBOUND", "audience": "NEW_CUSTOMERS", "reviewCadence": "DAILY",
            "timeZone": "UTC", "callingHours": {d: [{"from": "00:00", "to": "24:00"}] for d in DAYS}}
    t = time.monotonic()
    project = request(args.port, "POST", "/api/v1/projects", body, expect=(200, 201))
    pid = project["id"]
    created_s = time.monotonic() - t
    log(f"project {pid} created; adding the leads of import {args.import_id}")
    t = time.monotonic()
    added = request(args.port, "POST", f"/api/v1/projects/{pid}/leads", {"importId": args.import_id},
                    timeout=args.timeout, expect=(200, 201))
    add_s = time.monotonic() - t
    print(json.dumps({"project": pid, "added": added.get("added"), "create_s": round(created_s, 2),
                      "add_s": round(add_s, 1), "answer": added}))
    return 0


# --- agents ----------------------------------------------------------------------------------

def cmd_agents(args):
    tag = secrets.token_hex(3)

    def one(i):
        username = f"agent-{i}-{tag}"
        password = secrets.token_urlsafe(18)
        request(args.port, "POST", "/api/v1/users",
                {"username": username, "password": password, "roles": ["AGENT"], "displayName": f"Agent {i}"},
                expect=(201,))
        basic = base64.b64encode(f"{username}:{password}".encode()).decode()
        created = request(args.port, "POST", "/api/v1/me/tokens", {"name": "bench"},
                          headers={"Authorization": "Basic " + basic}, expect=(200, 201))
        return i, created["token"]

    started = time.monotonic()
    tokens = {}
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        for n, (i, token) in enumerate(pool.map(one, range(1, args.count + 1)), 1):
            tokens[i] = token
            if n % 50 == 0:
                log(f"  {n} agents with tokens after {time.monotonic() - started:.1f} s")
    fd = os.open(args.tokens, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.writelines(tokens[i] + "\n" for i in sorted(tokens))
    print(json.dumps({"agents": len(tokens), "usernames": f"agent-<i>-{tag}",
                      "seconds": round(time.monotonic() - started, 1)}))
    return 0


# --- CPU sampler -----------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    """(ppid, utime+stime, cutime+cstime) in ticks, or None for a process gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def _tree_seconds(root, exclude=()):
    """CPU seconds of root (with the children it has reaped) plus its live descendants."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            s = _stat(int(entry))
            if s:
                stats[int(entry)] = s
    if root not in stats:
        return None
    children = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total = stats[root][1] + stats[root][2]
    todo = list(children.get(root, []))
    while todo:
        pid = todo.pop()
        if pid in exclude:
            continue
        total += stats[pid][1]
        todo.extend(children.get(pid, []))
    return total / TICK


def _machine_seconds():
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:]
    busy = sum(int(x) for x in fields[:8]) - int(fields[3]) - int(fields[4])  # all but idle and iowait
    return busy / TICK


def cmd_cpu(args):
    """Samples, once a second, the CPU seconds of the app, of PostgreSQL's processes and of the whole machine."""
    with open(args.out, "a") as out:
        while True:
            app = _stat(args.app)
            pg = _tree_seconds(args.postmaster)
            if app is None or pg is None:
                return 0
            out.write(f"{time.time():.2f},{app[1] / TICK:.2f},{pg:.2f},{_machine_seconds():.2f}\n")
            out.flush()
            time.sleep(1)


def cpu_between(path, start, end):
    """Cores used on average between two epochs (from cmd_cpu's CSV) by the app, PostgreSQL and the machine."""
    try:
        with open(path) as f:
            rows = [tuple(float(x) for x in line.split(",")) for line in f if line.count(",") == 3]
    except OSError:
        return None
    inside = [r for r in rows if start - 1.5 <= r[0] <= end + 1.5]
    if len(inside) < 2:
        return None
    a, b = inside[0], inside[-1]
    span = b[0] - a[0]
    app, pg, machine = (b[1] - a[1]) / span, (b[2] - a[2]) / span, (b[3] - a[3]) / span
    return {"app": app, "pg": pg, "machine": machine, "app_cores": round(app, 2), "pg_cores": round(pg, 2),
            "seconds": round(span, 1)}


def floor_stats(prefix):
    total, service, failed, first, last = [], [], 0, None, None
    for path in glob.glob(glob.escape(prefix) + ".*"):
        with open(path) as f:
            for line in f:
                fields = line.split()
                if len(fields) < 6:
                    continue
                if not fields[2].isdigit():  # "failed" or "skipped"
                    failed += 1
                    continue
                us = int(fields[2])
                epoch = int(fields[4]) + int(fields[5]) / 1e6
                first = epoch if first is None else min(first, epoch)
                last = epoch if last is None else max(last, epoch)
                total.append(us / 1000)
                if len(fields) >= 7:
                    service.append((us - int(fields[6])) / 1000)
    total.sort()
    service.sort()

    def summary(values):
        if not values:
            return None
        return {k: round(percentile(values, p), 2) for k, p in (("p50_ms", 50), ("p95_ms", 95), ("p99_ms", 99))} | {
            "max_ms": round(values[-1], 2), "mean_ms": round(sum(values) / len(values), 2)}

    return {"cycles": len(total), "failed": failed, "cycle": summary(total), "service": summary(service),
            "first_epoch": first, "last_epoch": last}


def cmd_floor_stats(args):
    print(json.dumps(floor_stats(args.log_prefix)))
    return 0


# --- report ----------------------------------------------------------------------------------

def parse_result(path):
    """The key=value pairs of QueueLoad's RESULT line, and the whole output."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return {}, ""
    values = {}
    for line in text.splitlines():
        if line.startswith("RESULT "):
            for pair in line.split()[1:]:
                k, _, v = pair.partition("=")
                try:
                    values[k] = float(v)
                except ValueError:
                    values[k] = v
    return values, text


def parse_pgbench(path):
    """tps, latency average, clients, processed and the per-statement averages of a pgbench output."""
    out = {"statements": []}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return out
    out["text"] = text
    for key, pattern in (("tps", r"^tps = ([\d.]+)"), ("latency_avg_ms", r"^latency average = ([\d.]+) ms"),
                         ("clients", r"^number of clients: (\d+)"),
                         ("processed", r"^number of transactions actually processed: (\d+)"),
                         ("failed", r"^number of failed transactions: (\d+)"),
                         ("lag_avg_ms", r"^rate limit schedule lag: avg ([\d.]+)"),
                         ("cpu", r"^pgbench_cpu ([\d.]+ [\d.]+ [\d.]+)")):
        m = re.search(pattern, text, re.M)
        if m:
            out[key] = m.group(1) if key == "cpu" else float(m.group(1))
    m = re.search(r"^statement latencies in milliseconds.*?\n((?:\s+[\d.]+.*\n?)+)", text, re.M)
    if m:
        for line in m.group(1).splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3:
                out["statements"].append((float(parts[0]), parts[2][:60]))
            elif len(parts) == 2:
                out["statements"].append((float(parts[0]), parts[1][:60]))
    if "cpu" in out:
        user, system, real = (float(x) for x in out["cpu"].split())
        out["pgbench_cores"] = round((user + system) / real, 2) if real else None
    return out



def _ms(v):
    return "–" if v is None or v == "NA" else f"{v:.2f}"



def _log_counts(path):
    counts, distinct = {"ERROR": 0, "WARN": 0}, {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.search(r"\s(ERROR|WARN)\s+\d+\s+---\s+(?:\[[^\]]*\]\s+)+(\S+)\s*:\s*(.*)", line)
                if m:
                    counts[m.group(1)] += 1
                    key = (m.group(1), m.group(2), re.sub(r"[0-9a-f-]{36}|\d+", "#", m.group(3))[:160])
                    distinct[key] = distinct.get(key, 0) + 1
    except OSError:
        pass
    return counts, distinct


def cmd_report(args):
    d = args.dir
    imp, proj, agents = _load(f"{d}/import.json", {}), _load(f"{d}/project.json", {}), _load(f"{d}/agents.json", {})
    runs = []  # (label, RESULT values, output)
    for name, label in (("load-b2b", "back to back"), ("load-paced", f"paced at {args.rate:,} cycles/s"),
                        ("load-httpfloor", "the stack's floor (two GET /api/v1/me a cycle)")):
        values, text = parse_result(f"{d}/{name}.txt")
        if text:
            runs.append((name, label, values, text))
    floor = {}
    for name in ("floor-b2b", "floor-paced"):
        floor[name] = parse_pgbench(f"{d}/{name}.txt") | {"stats": _load(f"{d}/{name}-stats.json", {})}
    check = _load(f"{d}/floor-check.json", {})

    def ok(flag):
        return "met" if flag else "**not met**"

    git = os.popen("git describe --always --dirty 2>/dev/null").read().strip() or "?"
    java = os.popen("java -version 2>&1 | head -1").read().strip()
    mem = os.popen("free -g | awk '/Mem:/ {print $2}'").read().strip()
    lines = []
    add = lines.append
    add(f"# Call-queue benchmark, {time.strftime('%Y-%m-%d %H:%M')}")
    add("")
    add(f"Command: `{args.cmdline.strip()}` (files: `bench/queue.sh`, `bench/QueueLoad.java`, `bench/queue_client.py`, "
        "`bench/queue_floor.sql`, `bench/queue_floor_pgbench.sql`).  ")
    add(f"App: `java -Xmx1g -jar` of {args.jar_info or 'target/callsheet.jar'}; repository at `{git}`; fresh data folder, "
        f"start-up {args.startup_ms / 1000:.1f} s.  ")
    add(f"Machine: {os.cpu_count()} cores, {mem} GiB, {java}, embedded PostgreSQL {args.pg_version}; the load "
        "driver (one JVM, one platform thread per agent) and pgbench run on the same cores as the app and the database.  ")
    add(f"Data: {args.leads:,} generated leads (bench/generate_leads.py, six markets) imported with onDuplicate=SKIP "
        f"({imp.get('status', '?')}: {_fmt(imp.get('rows'))} rows, {_fmt(imp.get('created'))} created, "
        f"{imp.get('seconds', '–')} s); project {proj.get('project', '?')} with {_fmt(proj.get('added'))} leads "
        f"(added in {proj.get('add_s', '–')} s); {agents.get('agents', '?')} agents with their own API tokens "
        f"(created in {agents.get('seconds', '–')} s). Outcome of every call: NO_ANSWER (not due again for 2 hours).")
    add("")
    add("| measure | figure | target |")
    add("| --- | --- | --- |")
    b2b = next((v for n, _, v, _ in runs if n == "load-b2b"), None)
    paced = next((v for n, _, v, _ in runs if n == "load-paced"), None)
    http_floor = next((v for n, _, v, _ in runs if n == "load-httpfloor"), None)
    fb, fp = floor["floor-b2b"], floor["floor-paced"]
    if b2b:
        add(f"| app, {int(b2b.get('agents', 0))} agents back to back: cycles/s | **{_fmt(b2b.get('cycles_per_s'))}** "
            f"({_fmt(b2b.get('cycles'))} cycles in {int(b2b.get('seconds', 0))} s) | ≥ 1,000: "
            f"{ok(b2b.get('cycles_per_s', 0) >= 1000)} |")
        add(f"| app back to back: next p50 / p95 / p99 / max | {_ms(b2b.get('next_p50_ms'))} / {_ms(b2b.get('next_p95_ms'))} "
            f"/ {_ms(b2b.get('next_p99_ms'))} / {_ms(b2b.get('next_max_ms'))} ms | – (saturated: see below) |")
        add(f"| app back to back: outcome p50 / p99 | {_ms(b2b.get('outcome_p50_ms'))} / {_ms(b2b.get('outcome_p99_ms'))} ms "
            "| – |")
    if paced:
        kept = paced.get("cycles_per_s", 0) >= 0.98 * args.rate
        add(f"| app paced at {args.rate:,} cycles/s: next p50 / p95 / p99 / max | **{_ms(paced.get('next_p50_ms'))} / "
            f"{_ms(paced.get('next_p95_ms'))} / {_ms(paced.get('next_p99_ms'))} / {_ms(paced.get('next_max_ms'))} ms** "
            f"(achieved {_fmt(paced.get('cycles_per_s'))} cycles/s{'' if kept else ', **did not keep up**'}; "
            f"{_fmt(paced.get('late'))} cycles late) | p99 ≤ 25 ms: {ok(kept and (paced.get('next_p99_ms') or 1e9) <= 25)} |")
        add(f"| app paced: outcome p50 / p99 | {_ms(paced.get('outcome_p50_ms'))} / {_ms(paced.get('outcome_p99_ms'))} ms "
            "| – |")
    if runs:
        dg = sum(int(v.get("double_grants", 0)) for _, _, v, _ in runs)
        rg = sum(int(v.get("repeat_grants", 0)) for _, _, v, _ in runs)
        errs = sum(int(v.get("errors_all", 0)) for _, _, v, _ in runs)
        add(f"| double grants, all runs incl. warm-up: concurrent / repeat | **{dg} / {rg}** | 0: {ok(dg == 0 and rg == 0)} |")
        add(f"| errors (non-2xx or I/O), all runs incl. warm-up; 204s | {errs}; "
            f"{_fmt(sum(v.get('no_content', 0) for _, _, v, _ in runs))} | 0 |")
    if fb.get("tps"):
        st = fb["stats"].get("cycle") or {}
        add(f"| floor: pgbench, {int(fb.get('clients', 0))} clients back to back: cycles/s | **{_fmt(fb['tps'])}** | – |")
        add(f"| floor back to back: cycle (lease + done) p50 / p99 | {_ms(st.get('p50_ms'))} / {_ms(st.get('p99_ms'))} ms "
            f"(per statement avg: {' / '.join(f'{x:.2f}' for x, _ in fb['statements'])} ms) | – |")
    if fp.get("tps"):
        st = fp["stats"].get("service") or {}
        add(f"| floor paced at {args.rate:,}/s (pgbench -R): cycle p50 / p99 / max, without schedule lag | "
            f"{_ms(st.get('p50_ms'))} / {_ms(st.get('p99_ms'))} / {_ms(st.get('max_ms'))} ms "
            f"(achieved {_fmt(fp['tps'])}/s; per statement avg: {' / '.join(f'{x:.2f}' for x, _ in fp['statements'])} ms) "
            "| – |")
    if b2b and fb.get("tps"):
        add(f"| app cycles/s / floor cycles/s | **{b2b.get('cycles_per_s', 0) / fb['tps']:.2f}** | – |")
    if http_floor:
        add(f"| the stack's floor: the same agents back to back, two `GET /api/v1/me` a cycle (token check, no queue "
            f"work): cycles/s | **{_fmt(http_floor.get('cycles_per_s'))}**; request p50 / p99 "
            f"{_ms(http_floor.get('next_p50_ms'))} / {_ms(http_floor.get('next_p99_ms'))} ms | – |")
        if b2b and http_floor.get("cycles_per_s"):
            add(f"| app cycles/s / the stack's floor | **{b2b.get('cycles_per_s', 0) / http_floor['cycles_per_s']:.2f}** "
                "| – |")
    add("")
    add("Back to back, each agent asks for its next lead as soon as the outcome is in: that is the throughput test. "
        "Its latency is not the latency under a given load, because in a closed loop Little's law fixes the mean "
        f"cycle time at agents ÷ cycles/s ({args.agents} ÷ 1,000/s = {args.agents} ms), whatever "
        "the server does; the latency target is therefore measured paced, each agent starting a cycle every "
        f"{args.agents} ÷ rate seconds, and on the floor with pgbench -R at the same rate. In the floor, one cycle "
        "is one pgbench transaction: the lease (UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) "
        "RETURNING id) and the UPDATE to DONE, each its own transaction, on a bare table of the same size.")
    if check:
        add("")
        add(f"Floor check: {check.get('done', '?'):,} rows DONE for {check.get('cycles', '?'):,} cycles pgbench "
            f"completed (warm-up included; equal unless a row was leased twice), {check.get('leased', '?')} left LEASED by "
            f"cycles cut off at the end of a run, {check.get('ready', '?'):,} still READY.")
    try:
        with open(f"{d}/notes.txt") as f:
            notes = [line.strip() for line in f if line.strip()]
    except OSError:
        notes = []
    if notes:
        add("")
        add("Open transactions (a long one holds back the clean-up of the queue's dead entries): " + "; ".join(notes) + ".")
    per_cycle = []
    for name, label, v, _ in runs:
        try:
            with open(f"{d}/pgstats-{name.removeprefix('load-')}.txt") as f:
                (c0, s0), (c1, s1) = [tuple(int(x) for x in line.split()) for line in f if line.strip()][:2]
        except (OSError, ValueError):
            continue
        if v.get("cycles_all"):
            n = v["cycles_all"]
            per_cycle.append(f"{label}: {(c1 - c0) / n:.1f} commits and {(s1 - s0) / n:.2f} WAL flushes per cycle "
                             f"({c1 - c0:,} and {s1 - s0:,} for {int(n):,} cycles)")
    try:
        with open(f"{d}/pgstats-floor-b2b.txt") as f:
            (c0, s0), (c1, s1) = [tuple(int(x) for x in line.split()) for line in f if line.strip()][:2]
        if fb.get("processed"):
            per_cycle.append(f"floor back to back: {(c1 - c0) / fb['processed']:.1f} commits and "
                             f"{(s1 - s0) / fb['processed']:.2f} WAL flushes per cycle")
    except (OSError, ValueError):
        pass
    if per_cycle:
        add("")
        add("PostgreSQL's counters over each app run, warm-up and token checks included, so roughly (pg_stat_database "
            "xact_commit, pg_stat_wal wal_sync): " + "; ".join(per_cycle) + ".")
    cpu_lines = []
    for name, label, v, _ in runs:
        cpu = cpu_between(f"{d}/cpu.csv", v.get("window_start_ms", 0) / 1000, v.get("window_end_ms", 0) / 1000)
        if cpu:
            cpu_lines.append(f"app {label}: app JVM {cpu['app_cores']}, PostgreSQL {cpu['pg_cores']}, "
                             f"driver {v.get('driver_cpu_cores')} cores")
    for name, label in (("floor-b2b", "back to back"), ("floor-paced", "paced")):
        st = floor[name].get("stats") or {}
        if st.get("first_epoch"):
            cpu = cpu_between(f"{d}/cpu.csv", st["first_epoch"], st["last_epoch"])
            if cpu:
                cpu_lines.append(f"floor {label}: PostgreSQL {cpu['pg_cores']}, pgbench "
                                 f"{floor[name].get('pgbench_cores', '?')}, idle app JVM {cpu['app_cores']} cores")
    if cpu_lines:
        add("")
        add(f"CPU in use during the measured windows (of {os.cpu_count()} cores): " + "; ".join(cpu_lines) + ".")
    for name, label, v, _ in runs:
        start, end = v.get("window_start_ms", 0) / 1000, v.get("window_end_ms", 0) / 1000
        samples, tally = _pg_profile(f"{d}/pg-activity.txt", start, end)
        if samples:
            add("")
            add(f"### What PostgreSQL was running, app {label}")
            add("")
            add(f"pg_stat_activity sampled {samples} times (about once a second); share of samples in which each "
                "statement was running (in any number of sessions):")
            add("")
            add("| samples | share | statement (first 100 characters) |")
            add("| --- | --- | --- |")
            for q, n in tally[:10]:
                add(f"| {n} | {100 * n / samples:.0f}% | `{q.replace('|', '/')}` |")
    for name, label, _, text in runs:
        add("")
        add(f"### QueueLoad output, {label}")
        add("")
        add("```")
        add("\n".join(line for line in text.rstrip().splitlines() if not line.startswith("RESULT ")))
        add("```")
    for name in ("floor-b2b", "floor-paced"):
        text = floor[name].get("text")
        if text:
            add("")
            add(f"### pgbench output, {'back to back' if name == 'floor-b2b' else 'paced'}")
            add("")
            add("```")
            add("\n".join(line for line in text.rstrip().splitlines() if not line.startswith("pgbench_cpu")))
            add("```")
    counts, distinct = _log_counts(args.app_log)
    add("")
    add("## App log")
    add("")
    add(f"{counts['ERROR']} ERROR and {counts['WARN']} WARN lines (copy: `{args.log_copy}`).")
    for (level, logger, msg), n in sorted(distinct.items(), key=lambda kv: -kv[1])[:8]:
        add(f"- {level} ×{n} `{logger}`: {msg}")
    text = "\n".join(lines) + "\n"
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import")
    p.add_argument("file")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--timeout", type=float, default=3600)
    p = sub.add_parser("project")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--import-id", required=True)
    p.add_argument("--timeout", type=float, default=3600)
    p = sub.add_parser("agents")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--tokens", required=True)
    p.add_argument("--threads", type=int, default=8)
    p = sub.add_parser("cpu")
    p.add_argument("--out", required=True)
    p.add_argument("--app", type=int, required=True)
    p.add_argument("--postmaster", type=int, required=True)
    p = sub.add_parser("floor-stats")
    p.add_argument("--log-prefix", required=True)
    p = sub.add_parser("report")
    for name in ("--dir", "--pg-version", "--app-log", "--cmdline", "--log-copy", "--markdown", "--jar-info"):
        p.add_argument(name, default="")
    for name in ("--leads", "--agents", "--rate", "--startup-ms"):
        p.add_argument(name, type=int, default=0)
    args = ap.parse_args()
    return {"import": cmd_import, "project": cmd_project, "agents": cmd_agents, "cpu": cmd_cpu,
            "floor-stats": cmd_floor_stats, "report": cmd_report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
