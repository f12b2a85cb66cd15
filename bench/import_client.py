#!/usr/bin/env python3
"""HTTP side of bench/import.sh (standard library only).

  import_client.py import FILE --port P --country NO --on-duplicate SKIP --timeline OUT.csv [--timeout S]
      Uploads FILE to POST /api/v1/imports (multipart, streamed from disk), polls
      GET /api/v1/imports/{id} every 0.5 s until DONE or FAILED, and meanwhile samples the JVM heap
      once a second from /actuator/prometheus (sum of jvm_memory_used_bytes{area="heap"}).
      Writes the timeline (seconds, status, processed, heap bytes) to OUT.csv and prints a JSON
      summary on standard output.

  import_client.py report --dir WORK ...
      Writes the Markdown summary of a run of bench/import.sh (called by it).

  import_client.py heap --port P
      Prints the current heap use (bytes) and the heap maximum from /actuator/prometheus.

  import_client.py dupcheck QUERIES.csv --port P [--warmup 5000] [--requests 2000] [--max-seconds 900]
      Sends the rows of QUERIES.csv (a generate_leads.py file) as POST /api/v1/duplicates/check
      bodies, one after the other over one keep-alive connection: the warm-up first, then the
      measured ones. Prints p50/p95/p99/max latency (ms) as JSON, and p50/p99 per tenth of all
      the checks, warm-up included.

The API token is read from the environment (CALLSHEET_TOKEN), never from the command line.
"""

import argparse
import csv
import http.client
import json
import math
import os
import re
import statistics
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_leads import market_of  # noqa: E402


def token_headers():
    token = os.environ.get("CALLSHEET_TOKEN")
    if not token:
        sys.exit("CALLSHEET_TOKEN is not set")
    return {"Authorization": "Bearer " + token}


def get_json(conn, path):
    conn.request("GET", path, headers=token_headers())
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"GET {path}: {resp.status} {body[:300]!r}")
    return json.loads(body)


HEAP_LINE = re.compile(r'^(jvm_memory_(?:used|max)_bytes)\{([^}]*)\}\s+(\S+)')


def heap(conn):
    """(used, max) heap bytes: the sums over the heap pools (a pool without a maximum counts 0)."""
    headers = token_headers()
    headers["Accept"] = "text/plain"
    conn.request("GET", "/actuator/prometheus", headers=headers)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    if resp.status != 200:
        raise RuntimeError(f"GET /actuator/prometheus: {resp.status} {text[:300]}")
    used = maximum = 0.0
    for line in text.splitlines():
        m = HEAP_LINE.match(line)
        if m and 'area="heap"' in m.group(2):
            value = float(m.group(3))
            if m.group(1) == "jvm_memory_used_bytes":
                used += value
            elif value > 0:
                maximum += value
    return int(used), int(maximum)


class HeapSampler(threading.Thread):
    def __init__(self, port, started):
        super().__init__(daemon=True)
        self.port, self.started = port, started
        self.samples = []  # (seconds since start, used bytes)
        self.errors = 0
        self.stop = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self.stop.is_set():
            t = time.monotonic()
            try:
                used, _ = heap(conn)
                self.samples.append((t - self.started, used))
            except Exception:  # noqa: BLE001 - a missed sample is not a failed run
                self.errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - t)))


def upload(port, path, fields):
    """Streams a file to POST /api/v1/imports with the given form fields; the job's id."""
    boundary = "----callsheet-bench-" + uuid.uuid4().hex
    pre = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                  for k, v in fields.items())
    pre += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
            "Content-Type: text/csv\r\n\r\n")
    pre_b, post_b = pre.encode(), f"\r\n--{boundary}--\r\n".encode()
    length = len(pre_b) + os.path.getsize(path) + len(post_b)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    conn.putrequest("POST", "/api/v1/imports")
    for k, v in token_headers().items():
        conn.putheader(k, v)
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(length))
    conn.endheaders()
    conn.send(pre_b)
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            conn.send(chunk)
    conn.send(post_b)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    if resp.status != 202:
        raise RuntimeError(f"POST /api/v1/imports: {resp.status} {body[:500]!r}")
    return json.loads(body)["id"]


def _loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return None


def cmd_import(args):
    started = time.monotonic()
    sampler = HeapSampler(args.port, started)
    sampler.start()
    timeline = []
    result = {"file": os.path.basename(args.file), "onDuplicate": args.on_duplicate, "started_epoch": time.time(),
              "loadavg_start": _loadavg()}
    live = open(args.timeline, "w", newline="")
    live_csv = csv.writer(live)
    live_csv.writerow(["seconds", "status", "rows", "processed", "heap_used_bytes"])
    try:
        job = upload(args.port, args.file, {"country": args.country, "onDuplicate": args.on_duplicate})
        accepted = time.monotonic() - started
        result.update(id=job, accepted_s=round(accepted, 3))
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        first_running = rows_known = None
        status = {}
        failures = 0
        while True:
            try:
                status = get_json(conn, f"/api/v1/imports/{job}")
                failures = 0
            except (OSError, http.client.HTTPException) as e:
                # A keep-alive connection the server closed: open another; give up when the app is gone.
                conn.close()
                failures += 1
                if failures >= 10:
                    raise RuntimeError(f"status polls fail ({e}): is the app still running?") from e
                time.sleep(0.5)
                continue
            t = time.monotonic() - started
            heap_now = sampler.samples[-1][1] if sampler.samples else ""
            timeline.append((round(t, 2), status["status"], status.get("rows"), status["processed"], heap_now))
            live_csv.writerow(timeline[-1])
            live.flush()
            if status["status"] == "RUNNING" and first_running is None:
                first_running = t
            if status.get("rows") is not None and rows_known is None:
                rows_known = t
            if status["status"] in ("DONE", "FAILED"):
                break
            if t > args.timeout:
                status["status"] = "TIMEOUT"
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        result.update(status=status["status"], seconds=round(elapsed, 2),
                      first_running_s=None if first_running is None else round(first_running, 2),
                      rows_known_s=None if rows_known is None else round(rows_known, 2),
                      **{k: status.get(k) for k in ("rows", "processed", "created", "merged", "flagged", "skipped",
                                                    "rejected", "error")})
        rows = status.get("rows") or status.get("processed") or 0
        result["rows_per_s"] = round(rows / elapsed, 1) if status["status"] == "DONE" and elapsed > 0 else None
    except Exception as e:  # noqa: BLE001 - reported in the JSON, and the caller stops
        result.update(status="ERROR", error=str(e), seconds=round(time.monotonic() - started, 2))
    finally:
        sampler.stop.set()
        sampler.join(5)
    live.close()
    result["ended_epoch"] = time.time()
    result["loadavg_end"] = _loadavg()
    result["heap_samples"] = len(sampler.samples)
    result["heap_sample_errors"] = sampler.errors
    result["peak_heap_bytes"] = max((u for _, u in sampler.samples), default=None)
    with open(args.timeline.replace(".csv", "-heap.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["seconds", "heap_used_bytes"])
        w.writerows((round(t, 2), u) for t, u in sampler.samples)
    print(json.dumps(result))
    return 0 if result["status"] == "DONE" else 1


def cmd_heap(args):
    used, maximum = heap(http.client.HTTPConnection("127.0.0.1", args.port, timeout=30))
    print(json.dumps({"heap_used_bytes": used, "heap_max_bytes": maximum}))
    return 0


def query_bodies(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for first, sur, company, phone, email, website, _city, _postcode, country in reader:
            yield {"company": company or None, "firstName": first or None, "surname": sur or None,
                   "phone": phone or None, "email": email or None, "website": website or None,
                   "country": market_of(country).code}


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def cmd_dupcheck(args):
    bodies = list(query_bodies(args.queries))
    needed = args.warmup + args.requests
    if len(bodies) < needed:
        sys.exit(f"{args.queries} has {len(bodies)} rows, {needed} needed")
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
    headers = dict(token_headers())
    headers["Content-Type"] = "application/json"
    headers["Accept"] = "application/json"
    latencies, errors, with_candidate, strong = [], 0, 0, 0
    every = []  # every answered check's latency, warm-up included, in order: how the latency settles
    reconnects = 0
    started = time.monotonic()
    started_epoch = time.time()
    for i, body in enumerate(bodies[:needed]):
        payload = json.dumps(body).encode()
        t = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/duplicates/check", body=payload, headers=headers)
            resp = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the kept-alive connection as we sent: the check is read-only, send it again.
            conn.close()
            reconnects += 1
            t = time.perf_counter()
            conn.request("POST", "/api/v1/duplicates/check", body=payload, headers=headers)
            resp = conn.getresponse()
        data = resp.read()
        ms = (time.perf_counter() - t) * 1000
        if resp.will_close:
            reconnects += 1
        if resp.status == 200:
            every.append(ms)
        if i < args.warmup:
            continue
        if resp.status != 200:
            errors += 1
            if errors <= 3:
                print(f"dupcheck: {resp.status} {data[:300]!r}", file=sys.stderr)
            continue
        latencies.append(ms)
        candidates = json.loads(data)["candidates"]
        if candidates:
            with_candidate += 1
            if candidates[0]["score"] >= 0.9:
                strong += 1
        if time.monotonic() - started > args.max_seconds:
            print(f"dupcheck: stopped after {args.max_seconds} s", file=sys.stderr)
            break
    conn.close()
    tenths = [sorted(every[k * len(every) // 10:(k + 1) * len(every) // 10]) for k in range(10)] \
        if len(every) >= 10 else []
    latencies.sort()
    n = len(latencies)
    print(json.dumps({
        "requests": n, "errors": errors, "warmup": args.warmup, "connection_closed_by_server": reconnects,
        "p50_ms": round(percentile(latencies, 50), 2) if n else None,
        "p95_ms": round(percentile(latencies, 95), 2) if n else None,
        "p99_ms": round(percentile(latencies, 99), 2) if n else None,
        "max_ms": round(latencies[-1], 2) if n else None,
        "mean_ms": round(statistics.fmean(latencies), 2) if n else None,
        "with_candidates": with_candidate, "top_score_ge_0_9": strong,
        "tenths": [{"p50_ms": round(percentile(t, 50), 2), "p99_ms": round(percentile(t, 99), 2)} for t in tenths],
        "seconds": round(time.monotonic() - started, 1), "started_epoch": started_epoch, "ended_epoch": time.time()}))
    return 0 if n and not errors else 1


def _load(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def _fmt(n, digits=0):
    if n is None or n == "NA":
        return "–"
    return f"{n:,.{digits}f}"


def _progress(timeline_path, heap_path, points=20):
    """(t, processed, rows/s since the previous point, heap MiB) at about `points` moments of a run."""
    try:
        with open(timeline_path, newline="") as f:
            rows = [r for r in csv.DictReader(f)]
    except OSError:
        return []
    if not rows:
        return []
    end = float(rows[-1]["seconds"])
    marks = [end * k / points for k in range(1, points + 1)]
    out, prev_t, prev_p, i = [], 0.0, 0, 0
    for mark in marks:
        while i < len(rows) - 1 and float(rows[i]["seconds"]) < mark:
            i += 1
        t, p = float(rows[i]["seconds"]), int(rows[i]["processed"])
        if out and t == out[-1][0]:
            continue
        heap_mib = round(int(rows[i]["heap_used_bytes"]) / 2**20) if rows[i]["heap_used_bytes"] else None
        rate = (p - prev_p) / (t - prev_t) if t > prev_t else None
        out.append((t, rows[i]["status"], p, rate, heap_mib))
        prev_t, prev_p = t, p
    return out


def _log_findings(path):
    counts = {"ERROR": 0, "WARN": 0}
    distinct = {}
    oom = False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "OutOfMemoryError" in line:
                    oom = True
                m = re.search(r"\s(ERROR|WARN)\s+\d+\s+---\s+(?:\[[^\]]*\]\s+)+(\S+)\s*:\s*(.*)", line)
                if m:
                    counts[m.group(1)] += 1
                    key = (m.group(1), m.group(2), re.sub(r"[0-9a-f-]{36}|\d+", "#", m.group(3))[:160])
                    distinct[key] = distinct.get(key, 0) + 1
    except OSError:
        pass
    return counts, distinct, oom


def _pg_profile(path, start, end):
    """Statements seen running in pg_stat_activity (sampled about once a second) between two epochs."""
    tally, samples = {}, 0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                epoch, _, queries = line.rstrip("\n").partition("|")
                try:
                    t = float(epoch)
                except ValueError:
                    continue
                if not start <= t <= end:
                    continue
                samples += 1
                for q in (queries.split(" ## ") if queries else ["(no statement running: app side, or between statements)"]):
                    tally[q] = tally.get(q, 0) + 1
    except OSError:
        pass
    return samples, sorted(tally.items(), key=lambda kv: -kv[1])


def cmd_report(args):
    d = args.dir
    base, test = _load(f"{d}/base.json", {}), _load(f"{d}/test.json", {})
    dup, heap_end = _load(f"{d}/dupcheck.json", {}), _load(f"{d}/heap-end.json", {})
    dup_base = _load(f"{d}/dupcheck-base.json", {})
    try:
        with open(f"{d}/autovacuum-wait.txt") as f:
            waits = dict(line.split() for line in f if line.strip())
    except OSError:
        waits = {}
    copy_ms = [int(x) for x in args.copy_ms.split()] if args.copy_ms else []
    copy_med = statistics.median(copy_ms) if copy_ms else None
    copy_rps = args.copied / (copy_med / 1000) if copy_med and args.copied else None
    e2e_s = test.get("seconds") if test.get("status") == "DONE" else None
    ratio = e2e_s / (copy_med / 1000) if e2e_s and copy_med else None
    peaks = [x.get("peak_heap_bytes") for x in (base, test) if x.get("peak_heap_bytes")]
    peak = max(peaks) if peaks else None
    counts, distinct, oom = _log_findings(args.app_log)
    jobs = []
    try:
        with open(f"{d}/jobs.csv", newline="") as f:
            jobs = list(csv.DictReader(f))
    except OSError:
        pass

    def ok(flag):
        return "met" if flag else "**not met**"

    git = os.popen("git describe --always --dirty 2>/dev/null").read().strip() or "?"
    java = os.popen("java -version 2>&1 | head -1").read().strip()
    mem = os.popen("free -g | awk '/Mem:/ {print $2}'").read().strip()
    lines = []
    add = lines.append
    add(f"# Import and duplicate-check benchmark, {time.strftime('%Y-%m-%d %H:%M')}")
    add("")
    add(f"Command: `{args.cmdline.strip()}` (files: `bench/generate_leads.py`, `bench/import_client.py`).  ")
    add(f"App: `java -Xmx1g -jar` of {args.jar_info or 'target/callsheet.jar'}; repository at `{git}`; fresh data folder, "
        f"start-up {args.startup_ms / 1000:.1f} s.  ")
    add(f"Machine: {os.cpu_count()} cores, {mem} GiB, {java}, embedded PostgreSQL {args.pg_version}; shared and noisy.  ")
    add(f"Data: base.csv and test.csv of {args.rows:,} rows each (six markets, generated in {args.gen_ms / 1000:.1f} s); "
        f"test.csv has ~10% duplicates of base.csv written another way. Cards after both imports: {args.cards}.")
    add("")
    add("| measure | figure | target |")
    add("| --- | --- | --- |")
    if e2e_s:
        add(f"| end to end, test.csv into ~{args.rows:,} cards (FLAG), POST to DONE | **{_fmt(test.get('rows_per_s'))} rows/s** "
            f"({e2e_s:.1f} s) | ≥ 50,000 rows/s: {ok(test.get('rows_per_s', 0) >= 50000)} |")
    else:
        add(f"| end to end, test.csv (FLAG) | {test.get('status', 'not run')}: {test.get('error') or ''} "
            f"(processed {test.get('processed')}) | ≥ 50,000 rows/s |")
    if base.get("status") == "DONE":
        add(f"| base.csv into an empty workspace (SKIP), POST to DONE | {_fmt(base.get('rows_per_s'))} rows/s "
            f"({base['seconds']:.1f} s) | – |")
    else:
        add(f"| base.csv (SKIP) | {base.get('status', 'not run')}: {base.get('error') or ''} "
            f"(processed {base.get('processed')}) | – |")
    if copy_med:
        add(f"| floor: psql `\\copy` of test.csv into a bare table (median of 3) | {_fmt(copy_rps)} rows/s "
            f"({copy_med / 1000:.2f} s; runs {', '.join(str(x) for x in copy_ms)} ms) | – |")
    if ratio:
        add(f"| end-to-end time / COPY time | **{ratio:.1f}×** | ≤ 4×: {ok(ratio <= 4)} |")
    write_floor = _load(f"{d}/write-floor.json", {})
    if write_floor.get("ms") and write_floor.get("cards"):
        wf_s = write_floor["ms"] / 1000
        add(f"| write floor: test.csv's {_fmt(write_floor['cards'])} new cards written again with the import's own "
            f"INSERTs, one per table, nothing else (`bench/import_write_floor.sql`) | {_fmt(write_floor['cards'] / wf_s)} "
            f"rows/s ({wf_s:.1f} s){f'; {wf_s / (copy_med / 1000):.1f}× the COPY' if copy_med else ''} | – |")
    if peak:
        add(f"| peak JVM heap used, sampled every second (base / test) | **{peak / 2**20:,.0f} MiB** "
            f"({_fmt((base.get('peak_heap_bytes') or 0) / 2**20)} / {_fmt((test.get('peak_heap_bytes') or 0) / 2**20)}); "
            f"heap max {_fmt((heap_end.get('heap_max_bytes') or 0) / 2**20)} MiB | ≤ 1 GiB: {ok(peak <= 2**30 and not oom)} |")
    for when, r in ((f"with the {args.rows:,} cards of base.csv", dup_base),
                    (f"with {args.cards} cards, after both imports", dup)):
        if r.get("requests"):
            add(f"| duplicate check {when}, {r['requests']} sequential requests on one connection after "
                f"{r['warmup']} warm-up: p50 / p95 / p99 / max | **{r['p50_ms']} / {r['p95_ms']} / {r['p99_ms']} / "
                f"{r['max_ms']} ms** (mean {r['mean_ms']}) | p99 ≤ 20 ms: {ok(r['p99_ms'] <= 20)} |")
        else:
            add(f"| duplicate check {when} | not measured {r or ''} | p99 ≤ 20 ms |")
    for when, r in (("base", dup_base), ("end", dup)):
        if r.get("tenths"):
            add("")
            add(f"How the duplicate check settles ({when}): p50 / p99 in ms over each tenth of all "
                f"{r['warmup'] + r['requests']:,} checks, the first {r['warmup']:,} of them warm-up: "
                + ", ".join(f"{t['p50_ms']:.1f} / {t['p99_ms']:.1f}" for t in r["tenths"]) + ".")
    if waits:
        add("")
        add("Each duplicate check started once PostgreSQL's autovacuum was idle after the import before it: waited "
            + ", ".join(f"{s} s ({'base' if n == 'dupcheck-base' else 'end'})" for n, s in waits.items()) + ".")
    add("")
    add("Machine load (1-minute load average on 2 cores, at the start / end of each import): "
        + "; ".join(f"{n} {r.get('loadavg_start')} / {r.get('loadavg_end')}" for n, r in (("base", base), ("test", test))
                    if r) + ". Other builds and tests share this machine.")
    add("")
    add(f"Run under -Xmx1g: {'an OutOfMemoryError is in the log' if oom else 'no OutOfMemoryError in the log'}; "
        f"imports {base.get('status', '–')} / {test.get('status', '–')}; "
        f"heap samples {base.get('heap_samples', 0)} + {test.get('heap_samples', 0)} "
        f"({base.get('heap_sample_errors', 0) + test.get('heap_sample_errors', 0)} failed).")
    add("")
    add("## Outcomes and phases")
    add("")
    add("| import | status | rows | created | merged | flagged | skipped | rejected | 202 after | RUNNING seen | rows counted | DONE |")
    add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, r in (("base.csv (SKIP)", base), ("test.csv (FLAG)", test)):
        if r:
            add(f"| {name} | {r.get('status')} | {_fmt(r.get('rows'))} | {_fmt(r.get('created'))} | {_fmt(r.get('merged'))} | "
                f"{_fmt(r.get('flagged'))} | {_fmt(r.get('skipped'))} | {_fmt(r.get('rejected'))} | "
                f"{r.get('accepted_s', '–')} s | {r.get('first_running_s', '–')} s | {r.get('rows_known_s', '–')} s | "
                f"{r.get('seconds', '–')} s |")
    add("")
    add("202 after: upload, store and hash of the file; RUNNING seen / rows counted: first poll (every 0.5 s) that "
        "showed the job running / its row total (the worker reads the file once to count rows before the first batch).")
    if jobs:
        add("")
        add("Server side (import_job timestamps): " + "; ".join(
            f"{j['file_name']}: queued {j['queued_s']} s, running {j['running_s']} s, created→finished {j['total_s']} s"
            for j in jobs) + ".")
    for name, key in (("base.csv", "base"), ("test.csv", "test")):
        prog = _progress(f"{d}/{key}-timeline.csv", f"{d}/{key}-timeline-heap.csv")
        if prog:
            add("")
            add(f"### Progress of {name} (status polls)")
            add("")
            add("| seconds | status | processed | rows/s since previous | heap MiB |")
            add("| --- | --- | --- | --- | --- |")
            for t, st, p, rate, h in prog:
                add(f"| {t:.1f} | {st} | {p:,} | {_fmt(rate)} | {_fmt(h)} |")
    for name, r in (("base.csv", base), ("test.csv", test), ("the duplicate check", dup)):
        if r.get("started_epoch"):
            samples, tally = _pg_profile(f"{d}/pg-activity.txt", r["started_epoch"], r.get("ended_epoch") or time.time())
            if samples:
                add("")
                add(f"### Where {name if r is dup else name + chr(39) + 's import'} spent its time in PostgreSQL")
                add("")
                add(f"pg_stat_activity sampled {samples} times (about once a second) meanwhile; "
                    "share of samples in which each statement was running:")
                add("")
                add("| samples | share | statement (first 100 characters) |")
                add("| --- | --- | --- |")
                for q, n in tally[:10]:
                    add(f"| {n} | {100 * n / samples:.0f}% | `{q.replace('|', '/')}` |")
    if dup.get("requests"):
        add("")
        add(f"Duplicate check: {dup['requests']} measured in {dup['seconds']} s, {dup['errors']} errors, "
            f"{dup['with_candidates']} with candidates, {dup['top_score_ge_0_9']} with a top score ≥ 0.9 "
            f"(the query file is half rewritten rows of base.csv, half new people); "
            f"the server closed the connection {dup['connection_closed_by_server']} times.")
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
    p.add_argument("--country", default="NO")
    p.add_argument("--on-duplicate", default="SKIP")
    p.add_argument("--timeline", required=True)
    p.add_argument("--timeout", type=float, default=3600)
    p = sub.add_parser("heap")
    p.add_argument("--port", type=int, required=True)
    p = sub.add_parser("dupcheck")
    p.add_argument("queries")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--warmup", type=int, default=5000)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--max-seconds", type=float, default=900)
    p = sub.add_parser("report")
    for name in ("--dir", "--copy-ms", "--pg-version", "--app-log", "--cmdline", "--log-copy", "--markdown", "--cards",
                 "--jar-info"):
        p.add_argument(name, default="")
    for name in ("--rows", "--copied", "--startup-ms", "--gen-ms", "--port"):
        p.add_argument(name, type=int, default=0)
    args = ap.parse_args()
    return {"import": cmd_import, "heap": cmd_heap, "dupcheck": cmd_dupcheck, "report": cmd_report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
