#!/usr/bin/env python3
"""HTTP, data and bookkeeping side of bench/scheduling.sh (standard library only).

  scheduling_client.py reps --port P --count N --zones Z1,Z2 --hours 08:00-18:00 --days weekdays|all
                             --weights W1[,W2...] --out reps.json --ids reps.txt [--prefix rep] [--threads 8]
      Creates N users with the role REP (POST /api/v1/users, as the workspace admin) and gives each a
      calendar (PUT /api/v1/reps/{id}/calendar): the zones taken in turn, the hours on the days given,
      the default meeting types, no minimum notice, weight W (the weights taken in turn), an e-mail
      address under bench.invalid. Writes the reps as JSON and their ids one a line.

  scheduling_client.py appointments --reps reps.json --leads leads.txt --from ISO --days D --count N
                                    [--seed 1] --out appointments.csv
      Plans N existing meetings over [from, from + D days), spread evenly over the reps, each rep's inside
      its working hours on its own clock (a share of each working day proportional to the part of it
      inside the window), never overlapping with buffers (the types of MeetingType.DEFAULTS in a mix of
      85% PHONE, 10% VIDEO, 3% OFFICE, 2% ON_SITE; the free time left between them in random half hours),
      each with another lead (the first N of leads.txt). Writes CSV for bench/scheduling.sh to load
      with psql (rep_id, contact_id, type, starts_at, ends_at, blocked_from, blocked_to, rep_tz).
      Prints a JSON summary.

  scheduling_client.py cpu --out FILE --app PID --postmaster PID
      Until killed, once a second: epoch, CPU seconds so far of the app's JVM, of PostgreSQL (the
      postmaster and its children) and of the whole machine (all processes, /proc/stat), as CSV.

  scheduling_client.py busiest [--seconds 1] [--top 5]
      The processes that used the most CPU over the next second, with their commands (the machine is shared).

  scheduling_client.py report --dir WORK ...
      Writes the Markdown summary of a run of bench/scheduling.sh (called by it).

The workspace admin's API token is read from the environment (CALLSHEET_TOKEN), never from the
command line; so are the reps' passwords (generated here, never printed or kept).
"""

import argparse
import concurrent.futures
import csv
import datetime as dt
import json
import os
import random
import re
import secrets
import sys
import time
from zoneinfo import ZoneInfo

from import_client import _fmt, _load
from queue_client import _stat, TICK, log, request, DAYS, cmd_cpu, cpu_between

TYPES = {  # code: (duration, buffer before, buffer after) in minutes, as MeetingType.DEFAULTS
    "PHONE": (30, 0, 5), "VIDEO": (45, 0, 10), "OFFICE": (60, 0, 15), "ON_SITE": (60, 30, 30)}
# 5,000 meetings of 50 reps over 10 working days is 10 a day in 10 hours: a mix of mostly short meetings
# (with ON_SITE's two hours held, more long ones would not fit).
MIX = [("PHONE", 0.85), ("VIDEO", 0.10), ("OFFICE", 0.03), ("ON_SITE", 0.02)]


# --- reps ------------------------------------------------------------------------------------

def cmd_reps(args):
    zones = args.zones.split(",")
    weights = [int(w) for w in args.weights.split(",")]
    start, end = args.hours.split("-")
    days = DAYS[:5] if args.days == "weekdays" else DAYS
    tag = secrets.token_hex(3)

    def one(i):
        zone = zones[(i - 1) % len(zones)]
        weight = weights[(i - 1) % len(weights)]
        username = f"{args.prefix}-{i}-{tag}"
        created = request(args.port, "POST", "/api/v1/users",
                          {"username": username, "password": secrets.token_urlsafe(18), "roles": ["REP"],
                           "displayName": f"Rep {i:02d} ({zone.split('/')[-1]})", "timeZone": zone}, expect=(201,))
        calendar = {"timeZone": zone, "weeklyHours": {d: [{"from": start, "to": end}] for d in days},
                    "minNoticeMinutes": 0, "weight": weight, "email": f"{args.prefix}{i}@bench.invalid"}
        if args.territories:
            # issue 25: each rep visits leads whose postcode starts with one digit (five reps a digit with 50
            # reps), two areas of one at most 20 minutes apart, others an hour; at most four visits a day
            calendar["territories"] = [{"meetingTypes": ["ON_SITE"], "postcodes": [str((i - 1) % 10)]}]
            calendar["travel"] = {"minutes": 60, "samePostcodeAreaMinutes": 20, "onSitePerDay": 4}
        request(args.port, "PUT", f"/api/v1/reps/{created['id']}/calendar", calendar, expect=(200,))
        return {"n": i, "id": created["id"], "username": username, "zone": zone, "weight": weight}

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        reps = list(pool.map(one, range(1, args.count + 1)))
    with open(args.out, "w") as f:
        json.dump(reps, f, indent=1)
    with open(args.ids, "w") as f:
        f.writelines(r["id"] + "\n" for r in reps)
    print(json.dumps({"reps": len(reps), "zones": zones, "weights": weights, "hours": args.hours, "days": args.days,
                      "territories": bool(args.territories),
                      "seconds": round(time.monotonic() - started, 1)}))
    return 0


# --- existing appointments -------------------------------------------------------------------

def _iso(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _segments(zone, start_hm, end_hm, t0, t1):
    """The rep's working hours (Monday to Friday, local) inside [t0, t1), as UTC (start, end) pairs."""
    z = ZoneInfo(zone)
    day = t0.astimezone(z).date() - dt.timedelta(days=1)
    last = t1.astimezone(z).date()
    h0, m0 = map(int, start_hm.split(":"))
    h1, m1 = map(int, end_hm.split(":"))
    out = []
    while day <= last:
        if day.weekday() < 5:
            a = dt.datetime(day.year, day.month, day.day, h0, m0, tzinfo=z)
            b = dt.datetime(day.year, day.month, day.day, h1, m1, tzinfo=z)
            a, b = max(a, t0), min(b, t1)
            if (b - a) >= dt.timedelta(minutes=60):
                out.append((a.astimezone(dt.timezone.utc), b.astimezone(dt.timezone.utc)))
        day += dt.timedelta(days=1)
    return out


def _place(rng, a, b, n):
    """n meetings in [a, b) (the meetings; buffers may reach outside), packed then spread by random slack.
    Returns (start, type) pairs, or fewer if n do not fit."""
    codes, weights = zip(*MIX)
    types = [rng.choices(codes, weights)[0] for _ in range(n)]
    span = int((b - a).total_seconds() // 60)
    need = 0
    while types:
        # minimal layout: each start as early as the previous meeting's buffers allow
        need, prev_end, first = 0, None, True
        for t in types:
            dur, before, after = TYPES[t]
            s = 0 if first else prev_end + before
            first = False
            prev_end = s + dur + after
            need = s + dur
        if need <= span:
            break
        longest = max(range(len(types)), key=lambda i: sum(TYPES[types[i]]))
        if types[longest] == "PHONE":
            types.pop()  # even all PHONE do not fit: fewer
        else:
            types[longest] = "PHONE"
    if not types:
        return []
    # The free time in half hours (a booked day has a few free half hours, not many crumbs of five
    # minutes), the rest of the slack (under 30 minutes) in one more place.
    slack = span - need
    gaps = [0] * (len(types) + 1)
    for _ in range(slack // 30):
        gaps[rng.randrange(len(gaps))] += 6
    gaps[rng.randrange(len(gaps))] += (slack % 30) // 5
    out, cursor, first = [], 0, True
    for t, g in zip(types, gaps):
        dur, before, after = TYPES[t]
        s = (0 if first else cursor + before) + 5 * g
        first = False
        out.append((a + dt.timedelta(minutes=s), t))
        cursor = s + dur + after
    return out


def cmd_appointments(args):
    with open(args.reps) as f:
        reps = json.load(f)
    with open(args.leads) as f:
        leads = [line.strip() for line in f if line.strip()]
    if len(leads) < args.count:
        sys.exit(f"{args.leads} has {len(leads)} leads; {args.count} needed")
    rng = random.Random(args.seed)
    t0 = dt.datetime.fromisoformat(args.start.replace("Z", "+00:00"))
    t1 = t0 + dt.timedelta(days=args.days)
    start_hm, end_hm = args.hours.split("-")
    rows, short, per_type, working, held = [], 0, {}, 0.0, 0.0
    for i, rep in enumerate(reps):
        wanted = args.count // len(reps) + (1 if i < args.count % len(reps) else 0)
        segs = _segments(rep["zone"], start_hm, end_hm, t0, t1)
        total = sum((b - a).total_seconds() for a, b in segs)
        working += total / 60
        # largest remainder: each working day's share of the rep's meetings, by its length in the window
        exact = [wanted * (b - a).total_seconds() / total for a, b in segs]
        counts = [int(x) for x in exact]
        for k in sorted(range(len(segs)), key=lambda k: exact[k] - counts[k], reverse=True)[:wanted - sum(counts)]:
            counts[k] += 1
        carry = 0
        for (a, b), n in zip(segs, counts):
            placed = _place(rng, a, b, n + carry)
            carry = n + carry - len(placed)
            for start, t in placed:
                dur, before, after = TYPES[t]
                rows.append([rep["id"], leads[len(rows)], t, _iso(start), _iso(start + dt.timedelta(minutes=dur)),
                             _iso(start - dt.timedelta(minutes=before)),
                             _iso(start + dt.timedelta(minutes=dur + after)), rep["zone"]])
                per_type[t] = per_type.get(t, 0) + 1
                held += before + dur + after
        short += carry
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["rep_id", "contact_id", "type", "starts_at", "ends_at", "blocked_from", "blocked_to", "rep_tz"])
        w.writerows(rows)
    print(json.dumps({"appointments": len(rows), "wanted": args.count, "did_not_fit": short, "types": per_type,
                      "from": _iso(t0), "to": _iso(t1), "reps": len(reps), "working_hours": round(working / 60),
                      "held_share": round(held / working, 3) if working else None}))
    return 0 if rows else 1


# --- CPU sampler -----------------------------------------------------------------------------

def cmd_busiest(args):
    """The processes that used the most CPU over the next second (their share of one core), with their command."""
    def ticks():
        out = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                st = _stat(int(entry))
                if st:
                    out[int(entry)] = st[1]
        return out
    a = ticks()
    time.sleep(args.seconds)
    b = ticks()
    used = sorted(((b[p] - a.get(p, b[p])) / TICK / args.seconds, p) for p in b)
    for share, pid in reversed(used[-args.top:]):
        if share <= 0:
            break
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            cmd = ""
        if not cmd:
            try:
                with open(f"/proc/{pid}/comm") as f:
                    cmd = f"[{f.read().strip()}]"
            except OSError:
                cmd = f"[pid {pid}, gone]"
        print(f"   {100 * share:5.0f}% of a core: {cmd[:150]}")
    return 0


# --- report ----------------------------------------------------------------------------------

def _ms(v, digits=2):
    return "–" if v is None else f"{v:,.{digits}f}"


def _met(ok):
    return "met" if ok else "**not met**"


def _cpu_text(cpu, driver=None):
    if not cpu:
        return "–"
    other = cpu["machine"] - cpu["app"] - cpu["pg"] - (driver or 0)
    text = f"app JVM {cpu['app']:.2f}, PostgreSQL {cpu['pg']:.2f}"
    if driver is not None:
        text += f", driver {driver:.2f}"
    return text + f", everything else on the machine {max(other, 0):.2f} cores (of 2)"


def _settling(av):
    """How the latency settles: p50 / p99 per tenth of all the rounds, warm-up included (a table, or nothing)."""
    shown = [v for v in av.get("variants", []) if v["name"] in ("me", "phone", "phone-lead") and v.get("tenths")]
    if not shown:
        return []
    rounds = av.get("warmup", 0) + av.get("samples", 0)
    warm_tenths = round(10 * av.get("warmup", 0) / rounds) if rounds else 0
    head = [f"{i + 1}{' (w)' if i < warm_tenths else ''}" for i in range(10)]
    out = [f"How the latency settles: p50 / p99 in ms over each tenth of all {rounds:,} rounds "
           "((w): warm-up, not in the figures above; the JVMs compile their hot paths over the first thousands "
           "of requests).", "", "| variant | " + " | ".join(head) + " |", "| --- |" + " --- |" * 10]
    for v in shown:
        out.append(f"| {v['name']} | " + " | ".join(f"{_ms(t['p50_ms'], 1)} / {_ms(t['p99_ms'], 1)}"
                                                     for t in v["tenths"]) + " |")
    return out + [""]


def cmd_report(args):
    d = args.dir
    av = _load(os.path.join(d, "availability.json"), {})
    race = _load(os.path.join(d, "race.json"), {})
    rr = _load(os.path.join(d, "round-robin.json"), {})
    imp1 = _load(os.path.join(d, "import1.json"), {})
    imp2 = _load(os.path.join(d, "import2.json"), {})
    reps1 = _load(os.path.join(d, "reps1-summary.json"), {})
    reps2 = _load(os.path.join(d, "reps2-summary.json"), {})
    plan = _load(os.path.join(d, "appointments-plan.json"), {})
    agents1 = _load(os.path.join(d, "agents1.json"), {})
    agents2 = _load(os.path.join(d, "agents2.json"), {})
    checks = _load(os.path.join(d, "checks.json"), {})
    cpu_csv = os.path.join(d, "cpu.csv")
    variants = {v["name"]: v for v in av.get("variants", [])}
    when = time.strftime("%Y-%m-%d %H:%M")
    lines = [f"# Appointments benchmark, {when}", ""]
    lines.append(f"Command: `{args.cmdline.strip()}` (files: `bench/scheduling.sh`, `bench/SchedulingLoad.java`, "
                 "`bench/scheduling_client.py`; shared: `bench/lib.sh`, `bench/queue_client.py`, "
                 "`bench/generate_leads.py`).  ")
    lines.append(f"App: `java -Xmx1g -jar` of {args.jar_info}; repository at `{args.git}`; fresh data folder, "
                 f"start-up {int(args.startup_ms) / 1000:.1f} s.  ")
    lines.append(f"Machine: {args.machine}; embedded PostgreSQL {args.pg_version}; the load driver runs on the same "
                 "cores as the app and the database.  ")
    if args.noise:
        lines.append(f"Noise: {args.noise}  ")
    types = ", ".join(f"{v:,} {k}" for k, v in sorted(plan.get("types", {}).items(), key=lambda kv: -kv[1]))
    held = plan.get("held_share")
    lines.append(
        f"Data: workspace 1: {reps1.get('reps', '–')} reps, {' and '.join(reps1.get('zones', []))} in turn, "
        f"Monday–Friday {reps1.get('hours', '')} on their own clocks, the default meeting types, no minimum notice"
        + ("; each rep's ON_SITE territory one postcode digit, travel 60 min (20 within a postcode area), at most 4 "
           "visits a day" if reps1.get("territories") else "") + "; "
        f"{plan.get('appointments', 0):,} existing meetings from {plan.get('from', '–')} to {plan.get('to', '–')} "
        f"({types}; {plan.get('appointments', 0) // max(plan.get('reps', 1), 1)} per rep, the time they hold with "
        f"buffers {100 * held:.0f}% of the {plan.get('working_hours', 0):,} working hours), written with psql, "
        "created at random over the last 14 days, the reps' calendars (round robin's calibration) dated 90 days back; "
        f"{_fmt(imp1.get('created'))} leads imported (bench/generate_leads.py, seed 1, in {imp1.get('seconds', '–')} s); "
        f"{agents1.get('agents', '–')} agents with their own API tokens. Workspace 2 (round robin): "
        f"{reps2.get('reps', '–')} reps of weights {'/'.join(map(str, reps2.get('weights', [])))}, open "
        f"{reps2.get('hours', '')} every day (UTC); {_fmt(imp2.get('created'))} leads imported (seed 2); "
        f"{agents2.get('agents', '–')} agents." if imp1 and imp2 else "Data: see the kept JSON files.")
    lines.append("")

    # --- headline table
    me = variants.get("me", {})
    lines += ["| measure | figure | target / floor |", "| --- | --- | --- |"]
    try:
        span_days = round((dt.datetime.fromisoformat(av["to"].replace("Z", "+00:00"))
                           - dt.datetime.fromisoformat(av["from"].replace("Z", "+00:00"))).total_seconds() / 86400)
    except (KeyError, ValueError):
        span_days = "–"
    for name, label in [("phone", f"availability, {av.get('reps', '–')} reps, {span_days} days, PHONE (default limit 500)"),
                        ("phone-all", "availability, PHONE, limit=5000 (every free slot)"),
                        ("phone-lead", "availability, PHONE, lead= (one rep chosen per start)"),
                        ("onsite", "availability, ON_SITE"),
                        ("onsite-lead", "availability, ON_SITE, lead="),
                        ("rep-phone", "availability, one rep (rep=), PHONE"),
                        ("rep-phone-lead", "availability, one rep (rep=), PHONE, lead=")]:
        v = variants.get(name)
        if not v:
            continue
        ok = v.get("p99_ms") is not None and v["p99_ms"] <= 20 and v.get("errors", 0) == 0
        ratio = v["p50_ms"] / me["p50_ms"] if me.get("p50_ms") else None
        lines.append(f"| {label}: p50 / p95 / p99 / max | **{_ms(v['p50_ms'])} / {_ms(v['p95_ms'])} / "
                     f"{_ms(v['p99_ms'])}** / {_ms(v['max_ms'])} ms; {v['slots_median']:,} slots, "
                     f"{v['bytes_median'] / 1024:,.0f} KiB (medians){'; truncated' if v.get('truncated') else ''}"
                     f"{'; ' + str(v['errors']) + ' errors' if v.get('errors') else ''} | p99 ≤ 20 ms: {_met(ok)}; "
                     f"p50 = {_ms(ratio, 1)} × the floor |")
    fresh = {v["name"]: v for v in _load(os.path.join(d, "availability-fresh.json"), {}).get("variants", [])}
    for name, label in [("phone-lead", "PHONE, lead="), ("rep-phone-lead", "one rep, PHONE, lead=")]:
        v, before = fresh.get(name), variants.get(name)
        if not v:
            continue
        ok = v.get("p99_ms") is not None and v["p99_ms"] <= 20 and v.get("errors", 0) == 0
        ratio = v["p50_ms"] / before["p50_ms"] if before and before.get("p50_ms") else None
        lines.append(f"| availability, {label}, with every rep's calendar new this month (round robin calibrates "
                     f"each): p50 / p95 / p99 / max | {_ms(v['p50_ms'])} / {_ms(v['p95_ms'])} / {_ms(v['p99_ms'])} / "
                     f"{_ms(v['max_ms'])} ms ({v['n']} samples) | p99 ≤ 20 ms: {_met(ok)}; p50 = {_ms(ratio, 1)} × "
                     "the same query with calendars months old |")
    if me:
        lines.append(f"| floor: GET /api/v1/me, same client, interleaved: p50 / p95 / p99 / max | {_ms(me['p50_ms'])} / "
                     f"{_ms(me['p95_ms'])} / {_ms(me['p99_ms'])} / {_ms(me['max_ms'])} ms | – |")
    srv = av.get("server")
    if srv:
        lines.append(f"| server side (Micrometer http_server_requests_seconds), mean over the measured requests | "
                     f"availability {_ms(srv['availability_mean_ms'])} ms (client: "
                     f"{_ms(srv['client_availability_mean_ms'])} ms); /api/v1/me {_ms(srv.get('me_mean_ms'))} ms "
                     f"(client: {_ms(srv.get('client_me_mean_ms'))} ms) | – |")
    rounds = race.get("rounds", [])
    same_slot = [r for r in rounds if r["kind"] == "same-slot"]
    if same_slot:
        n201 = [r["n201"] for r in same_slot]
        all_ok = all(r["ok"] for r in same_slot)
        lines.append(f"| the race: {race.get('threads')} concurrent bookings of one slot (one rep, different leads), "
                     f"{len(same_slot)} rounds: 201s per round | **{' / '.join(map(str, n201))}** "
                     f"(409 TAKEN: {' / '.join(str(r['n409']) for r in same_slot)}; other: "
                     f"{sum(r['other'] for r in same_slot)}) | exactly one 201: {_met(all_ok)} |")
        p50s = sorted(r["latency"]["max_ms"] for r in same_slot)
        lines.append(f"| the race: slowest answer of a round (median of the rounds) | {_ms(p50s[len(p50s) // 2], 0)} ms "
                     f"(201 in {_ms(sorted(r['latency_201']['p50_ms'] for r in same_slot)[len(same_slot) // 2], 1)} ms; "
                     f"409s p50 {_ms(sorted(r['latency_409']['p50_ms'] for r in same_slot)[len(same_slot) // 2], 0)} ms) "
                     "| – |")
    for r in rounds:
        if r["kind"] == "same-lead":
            lines.append(f"| same lead, same start, {race.get('threads')} at once (a double click) | {r['n201']} × 201, "
                         f"{r['n200']} × 200 (same id), {r['n409']} × 409, {r['other']} other | one 201, the rest 200 "
                         f"with its id: {_met(r['ok'])} |")
        if r["kind"] == "any-rep":
            lines.append(f"| {race.get('threads')} leads, same start, no repId | {r['n201']} × 201 to "
                         f"{r['distinct_reps_201']} different reps, {r['n409']} × 409, {r['other']} other; "
                         f"{r['free_reps']} reps were free then | 201s = reps free, each another rep: {_met(r['ok'])} |")
    if checks:
        lines.append(f"| double bookings in the database (live meetings of one rep whose times with buffers "
                     f"overlap), all workspaces, at the end | **{checks.get('overlaps', '–')}** | 0: "
                     f"{_met(checks.get('overlaps') == 0)} |")
    if rr:
        reps = rr.get("reps", [])
        ok = rr.get("n201") == rr.get("count") and all(abs(x["dev_rel_pct"]) <= 2 for x in reps)
        shares = "; ".join(f"weight {x['weight']}: {x['bookings']:,} = {x['share_pct']:.2f}% "
                           f"({x['dev_pp']:+.2f} pp, {x['dev_rel_pct']:+.2f}% of its share)" for x in reps)
        lines.append(f"| round robin, {rr['count']:,} bookings without repId, weights "
                     f"{'/'.join(str(x['weight']) for x in reps)} | {shares} | each within 2% of its share: "
                     f"{_met(ok)} |")
        lat = rr["latency"]
        lines.append(f"| round robin: bookings/s ({rr['clients']} clients) and latency p50 / p99 / max | "
                     f"{rr['bookings_per_s']:.1f}/s; {_ms(lat['p50_ms'])} / {_ms(lat['p99_ms'])} / {_ms(lat['max_ms'])} "
                     f"ms | – |")
        tenths = rr.get("tenths", [])
        if tenths:
            lines.append(f"| round robin: p50 of the first and of the last tenth of the bookings | "
                         f"{_ms(tenths[0]['p50_ms'])} → {_ms(tenths[-1]['p50_ms'])} ms | – |")
        if checks.get("rr_db"):
            lines.append(f"| round robin, counted in the database (appointment rows of that workspace per rep) | "
                         f"{checks['rr_db']} | same as the answers |")
    lines.append("")
    lines += _settling(av)

    # --- notes
    lines.append("How it was measured. Availability: one client (the JDK's HttpClient, one keep-alive connection, an "
                 "agent's API token) sends one request at a time; each round sends every variant once, in the same "
                 "order, so the machine's noise falls on all of them alike; "
                 f"{av.get('warmup', '–')} warm-up rounds, then {av.get('samples', '–')} measured. "
                 f"The window is {av.get('from', '–')} to {av.get('to', '–')} ({span_days} days; Monday–Friday on "
                 "each rep's clock); lead= runs through leads without meetings (no owner, no region: the round robin "
                 f"picks the rep for each start, as a booking would), rep= through the {av.get('reps', '–')} reps. "
                 "The floor is GET /api/v1/me in "
                 "the same rounds: authentication by API token, one small query, JSON. The race: each thread opens "
                 "its connection first (GET /api/v1/me with its own agent's token), then all are released by one "
                 "latch; after the round GET /api/v1/appointments?rep= must show exactly one live meeting at that "
                 "start, the 201's. Round robin: starts 35 minutes apart (PHONE is 30 minutes with 5 minutes after), "
                 "41 a day from 00:00 UTC, so every rep is free at every start and the choice is the round robin's "
                 "alone; the reps' calendars are open 00:00–24:00 every day in UTC. Calendars new this month: after "
                 "the race, every rep's calendar of workspace 1 is dated now (calibrated_from), as in a team's first "
                 "month, and PHONE with lead= is measured again (all reps and one rep) the same way by a new driver "
                 "(as many warm-up rounds, half as many measured).")
    lines.append("")
    phases = [("availability", av), ("race", race),
              ("availability, calendars new this month", _load(os.path.join(d, "availability-fresh.json"), {})),
              ("round robin", rr)]
    cpu_lines = []
    for label, ph in phases:
        if ph.get("start_epoch") and ph.get("end_epoch"):
            c = cpu_between(cpu_csv, ph["start_epoch"], ph["end_epoch"])
            if c:
                cpu_lines.append(f"{label} ({ph['end_epoch'] - ph['start_epoch']:.0f} s): "
                                 f"{_cpu_text(c, ph.get('driver_cpu_cores'))}")
    if cpu_lines:
        lines.append("CPU in use during each phase: " + "; ".join(cpu_lines) + ".")
        lines.append("")

    for name, title in [("availability.txt", "SchedulingLoad output, availability"),
                        ("availability-fresh.txt", "SchedulingLoad output, lead= with every calendar new this month"),
                        ("race.txt", "SchedulingLoad output, the race"),
                        ("round-robin.txt", "SchedulingLoad output, round robin")]:
        p = os.path.join(d, name)
        if os.path.exists(p):
            with open(p) as f:
                text = f.read().rstrip()
            lines += [f"### {title}", "", "```", text, "```", ""]
    if checks.get("explain"):
        lines += ["### Checks in the database", "", "```", checks["explain"].rstrip(), "```", ""]

    try:
        with open(os.path.join(d, "notes.txt")) as f:
            notes = f.read().rstrip()
    except OSError:
        notes = ""
    if notes:
        lines += ["### The machine's load and its busiest processes at the start of each phase", "", "```", notes,
                  "```", ""]

    errors, warns = 0, 0
    samples = []
    try:
        with open(args.app_log, errors="replace") as f:
            for line in f:
                if " ERROR " in line:
                    errors += 1
                    if len(samples) < 5:
                        samples.append(line.rstrip()[:300])
                elif " WARN " in line:
                    warns += 1
                    if len(samples) < 5 and "mail" not in line.lower():
                        samples.append(line.rstrip()[:300])
    except OSError:
        pass
    lines += ["## App log", "", f"{errors} ERROR and {warns} WARN lines (copy: `{args.log_copy}`)."]
    if samples:
        lines += ["", "```", *samples, "```"]
    text = "\n".join(lines) + "\n"
    with open(args.markdown, "w") as f:
        f.write(text)
    print(text)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("reps")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--zones", default="Europe/Oslo,Asia/Seoul")
    p.add_argument("--hours", default="08:00-18:00")
    p.add_argument("--days", choices=["weekdays", "all"], default="weekdays")
    p.add_argument("--weights", default="100")
    p.add_argument("--prefix", default="rep")
    p.add_argument("--territories", action="store_true",
                   help="give each rep a territory for ON_SITE and travel times (issue 25)")
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--out", required=True)
    p.add_argument("--ids", required=True)
    p = sub.add_parser("appointments")
    p.add_argument("--reps", required=True)
    p.add_argument("--leads", required=True)
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--hours", default="08:00-18:00")
    p.add_argument("--count", type=int, default=5000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    p = sub.add_parser("cpu")
    p.add_argument("--out", required=True)
    p.add_argument("--app", type=int, required=True)
    p.add_argument("--postmaster", type=int, required=True)
    p = sub.add_parser("busiest")
    p.add_argument("--seconds", type=float, default=1.0)
    p.add_argument("--top", type=int, default=5)
    p = sub.add_parser("report")
    p.add_argument("--dir", required=True)
    p.add_argument("--cmdline", default="bench/scheduling.sh")
    p.add_argument("--jar-info", default="")
    p.add_argument("--git", default="")
    p.add_argument("--startup-ms", default="0")
    p.add_argument("--machine", default="")
    p.add_argument("--noise", default="")
    p.add_argument("--pg-version", default="")
    p.add_argument("--app-log", default="")
    p.add_argument("--log-copy", default="")
    p.add_argument("--markdown", required=True)
    args = ap.parse_args()
    return {"reps": cmd_reps, "appointments": cmd_appointments, "cpu": cmd_cpu, "busiest": cmd_busiest,
            "report": cmd_report}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
