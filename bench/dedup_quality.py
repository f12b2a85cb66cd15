#!/usr/bin/env python3
"""Duplicate-check quality on labelled sets, through the running app (driven by bench/dedup_quality.sh).

  dedup_quality.py prepare SET.properties --datasets DIR --out WORK
      Reads the labelled CSV the set names, keeps the mapped fields, shuffles the rows by a hash of their
      id (so the order of the file says nothing), and splits them by a hash of the entity id into the
      tuning half and the held-out half (declared in docs/BENCHMARKS.md, "what we tune on"). Writes per half
      WORK/<set>-<half>.tsv (all rows), -reps.tsv (the first row of each entity) and -queries.tsv (the rest).

  dedup_quality.py callsheet SET.properties --work WORK --port P
      Per half: imports <set>-<half>.tsv into two fresh workspaces (POST /api/v1/imports, FLAG), reads each
      card's candidates (GET /api/v1/contacts/{id}/duplicates) and writes the predicted record pairs; then
      imports the reps into a third workspace and sends each query row to POST /api/v1/duplicates/check
      (what the new-card form asks before saving: nothing is stored) and writes the query→rep pairs.
      Needs BENCH_ADMIN_PW (the instance admin's password) in the environment.

  dedup_quality.py diff --work WORK SET.properties... [--limit N]
      The true pairs Duke found and Callsheet missed, and Callsheet's wrong pairs, rows side by side.

  dedup_quality.py score --work WORK --engine callsheet|duke SET.properties... [--markdown OUT]
      Scores the pair files the same way for both engines: pairwise, after transitive closure, per query.

A record's id travels as a custom column (bench_id) that no matching looks at; a record skipped as
identical stands on the card its row names (GET /api/v1/imports/{id}/rows when the app has it), else on
the card the check ranks first for it (counted and printed as "placed by the check").
Standard library only. The data is read from the datasets folder and never written into the repository.
"""

import argparse
import base64
import csv
import hashlib
import http.client
import json
import os
import re
import sys
import time
import uuid
from collections import defaultdict

FIELDS = ["firstName", "surname", "fullName", "organisation", "phone", "email", "website", "address",
          "postcode", "city", "registrationNumber"]
# Import field -> POST /api/v1/duplicates/check field.
QUERY_FIELD = {"firstName": "firstName", "surname": "surname", "organisation": "company", "phone": "phone",
               "email": "email", "website": "website", "address": "address", "postcode": "postcode",
               "city": "city", "registrationNumber": "registrationNumber"}
THRESHOLD = 0.5


def load_props(path):
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            k, _, v = line.partition("=")
            props[k.strip()] = v.strip()
    props["name"] = os.path.splitext(os.path.basename(path))[0]
    return props


def fields_of(props):
    return [(k[len("field."):], v.split()) for k, v in props.items() if k.startswith("field.")]


def h(text):
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def half_of(entity):
    """The declared split: entity ids whose SHA-256 starts with an even byte are tuned on."""
    return "tune" if h("split:" + entity) % 2 == 0 else "held"


def clean(value):
    value = (value or "").strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        value = value[1:-1]
    return re.sub(r"\s+", " ", value.replace("\t", " ")).strip()


def read_rows(props, datasets):
    out = []
    for file in props["file"].split(","):
        with open(os.path.join(datasets, file), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, skipinitialspace=True):
                row = {clean(k): clean(v) for k, v in row.items() if k is not None}
                entity = row[props["entity"]]
                if props.get("entity.pattern"):
                    entity = re.match(props["entity.pattern"], entity).group(1)
                rid = row[props.get("id", props["entity"])]
                rec = {"id": rid, "entity": entity}
                for field, columns in fields_of(props):
                    rec[field] = " ".join(row[c] for c in columns if row.get(c))
                out.append(rec)
    # Whole entities in a fixed order by hash, until the set's row limit.
    limit = int(props.get("rows", "0") or 0)
    if limit and len(out) > limit:
        by_entity = defaultdict(list)
        for rec in out:
            by_entity[rec["entity"]].append(rec)
        kept = []
        for entity in sorted(by_entity, key=lambda e: h("pick:" + e)):
            if len(kept) + len(by_entity[entity]) > limit:
                break
            kept.extend(by_entity[entity])
        out = kept
    out.sort(key=lambda r: h("order:" + r["id"]))
    return out


def write_tsv(path, recs, fields):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(["bench_id", "entity"] + fields) + "\n")
        for r in recs:
            f.write("\t".join([r["id"], r["entity"]] + [r.get(x, "") for x in fields]) + "\n")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def prepare(args):
    props = load_props(args.set)
    recs = read_rows(props, args.datasets)
    fields = [f for f, _ in fields_of(props)]
    for half in ("tune", "held"):
        part = [r for r in recs if half_of(r["entity"]) == half]
        seen, reps, queries = set(), [], []
        for r in part:
            (queries if r["entity"] in seen else reps).append(r)
            seen.add(r["entity"])
        base = os.path.join(args.out, f"{props['name']}-{half}")
        write_tsv(base + ".tsv", part, fields)
        write_tsv(base + "-reps.tsv", reps, fields)
        write_tsv(base + "-queries.tsv", queries, fields)
        print(f"{props['name']} {half}: {len(part)} rows, {len(reps)} entities, {len(queries)} queries",
              file=sys.stderr)


# --- the app -------------------------------------------------------------------------------------------

class Client:
    def __init__(self, port, token=None, basic=None):
        self.conn = http.client.HTTPConnection("localhost", port, timeout=300)
        self.auth = ("Bearer " + token) if token else \
            "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()

    def call(self, method, path, body=None, headers=None, ok=(200, 201, 202)):
        hdrs = {"Authorization": self.auth}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        self.conn.request(method, path, body=body, headers=hdrs)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status not in ok:
            raise RuntimeError(f"{method} {path}: {resp.status} {data[:300]!r}")
        return json.loads(data) if data else None


def workspace(port, name):
    admin = Client(port, basic=("admin", os.environ["BENCH_ADMIN_PW"]))
    user, pw = "bench-" + uuid.uuid4().hex[:8], uuid.uuid4().hex + "Aa1!"
    admin.call("POST", "/api/v1/workspaces", {"name": name, "adminUsername": user, "adminPassword": pw})
    token = Client(port, basic=(user, pw)).call("POST", "/api/v1/me/tokens", {"name": "bench"})["token"]
    return Client(port, token=token)


def import_file(client, path, props, fields):
    recs = read_tsv(path)
    boundary = uuid.uuid4().hex
    lines = [",".join(["bench_id"] + fields)]
    for r in recs:
        lines.append(",".join(csv_cell(r[x]) for x in ["bench_id"] + fields))
    csv_bytes = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    mapping = {"bench_id": "custom"}
    mapping.update({f: f for f in fields})
    parts = []
    for name, value in (("country", props.get("country", "")), ("onDuplicate", "FLAG"),
                        ("mapping", json.dumps(mapping))):
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"set.csv\"\r\n"
                 f"Content-Type: text/csv\r\n\r\n".encode() + csv_bytes + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    job = client.call("POST", "/api/v1/imports", b"".join(parts),
                      {"Content-Type": "multipart/form-data; boundary=" + boundary})
    for _ in range(1200):
        state = client.call("GET", f"/api/v1/imports/{job['id']}")
        if state.get("status") in ("DONE", "FAILED"):
            break
        time.sleep(0.5)
    if state.get("status") != "DONE":
        raise RuntimeError(f"import did not finish: {state}")
    return state, recs


def csv_cell(value):
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


def query_of(rec, props):
    q = {v: rec[k] for k, v in QUERY_FIELD.items() if rec.get(k)}
    q["country"] = props.get("country")
    return q


def cards_of(client):
    cards, page = [], 0
    while True:
        got = client.call("GET", f"/api/v1/contacts?page={page}&size=500")
        cards.extend(c["id"] for c in got["items"])
        if not got["items"] or len(cards) >= got["total"]:
            return cards
        page += 1


def stored_run(client, path, props, fields):
    """Imports the file and returns (import state, record -> card, card -> candidate cards, flagged cards, placed)."""
    state, recs = import_file(client, path, props, fields)
    card_of, flagged, candidates = {}, set(), {}
    for cid in cards_of(client):
        card = client.call("GET", f"/api/v1/contacts/{cid}")
        rid = (card.get("custom") or {}).get("bench_id")
        if rid:
            card_of[rid] = cid
        if card.get("flaggedDuplicate"):
            flagged.add(cid)
        candidates[cid] = [c["id"] for c in client.call("GET", f"/api/v1/contacts/{cid}/duplicates")["candidates"]
                           if c["type"] == "contact" and c["score"] >= THRESHOLD]
    placed = 0
    missing = [r for r in recs if r["bench_id"] not in card_of]
    if missing:
        try:  # the row outcomes of issue 24, when the app has them
            rows = client.call("GET", f"/api/v1/imports/{state['id']}/rows?outcome=skipped&size=500")["items"]
            by_row = {r["row"]: r.get("contactId") for r in rows}
            for i, r in enumerate(recs):
                if r["bench_id"] not in card_of and by_row.get(i + 1):
                    card_of[r["bench_id"]] = by_row[i + 1]
        except RuntimeError:
            pass
        for r in [r for r in recs if r["bench_id"] not in card_of]:
            got = [c for c in client.call("POST", "/api/v1/duplicates/check", query_of(r, props))["candidates"]
                   if c["type"] == "contact"]
            if got:
                card_of[r["bench_id"]] = got[0]["id"]
                placed += 1
    return state, card_of, candidates, flagged, placed


def record_pairs(card_of, candidates):
    on_card = defaultdict(list)
    for rid, cid in card_of.items():
        on_card[cid].append(rid)
    pairs = set()
    for rids in on_card.values():
        pairs.update(pair(a, b) for i, a in enumerate(rids) for b in rids[i + 1:])
    for cid, others in candidates.items():
        for other in others:
            pairs.update(pair(a, b) for a in on_card.get(cid, []) for b in on_card.get(other, []) if a != b)
    return pairs


def pair(a, b):
    return (a, b) if a < b else (b, a)


def write_pairs(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        for a, b in sorted(pairs):
            f.write(f"{a}\t{b}\n")


def callsheet(args):
    props = load_props(args.set)
    fields = [f for f, _ in fields_of(props)]
    name = props["name"]
    for half in ("tune", "held"):
        base = os.path.join(args.work, f"{name}-{half}")
        runs = []
        for run in (1, 2):
            t0 = time.time()
            client = workspace(args.port, f"{name} {half} {run}")
            state, card_of, candidates, flagged, placed = stored_run(client, base + ".tsv", props, fields)
            pairs = record_pairs(card_of, candidates)
            write_pairs(f"{base}-callsheet-run{run}.pairs", pairs)
            flag_ids = sorted(r for r, c in card_of.items() if c in flagged)
            with open(f"{base}-callsheet-run{run}.flags", "w") as f:
                f.write("\n".join(flag_ids) + "\n")
            runs.append(pairs)
            info = {k: state.get(k) for k in ("rows", "created", "merged", "flagged", "skipped", "rejected")}
            info.update(cards=len(candidates), placed_by_check=placed, seconds=round(time.time() - t0, 1))
            with open(f"{base}-callsheet-run{run}.json", "w") as f:
                json.dump(info, f)
            print(f"{name} {half} run {run}: {info}", file=sys.stderr)
        # Per query: one record per entity stored, the others checked as new cards without storing them.
        client = workspace(args.port, f"{name} {half} query")
        _, card_of, _, _, _ = stored_run(client, base + "-reps.tsv", props, fields)
        reps_on = defaultdict(list)
        for rid, cid in card_of.items():
            reps_on[cid].append(rid)
        qpairs = set()
        for q in read_tsv(base + "-queries.tsv"):
            for c in client.call("POST", "/api/v1/duplicates/check", query_of(q, props))["candidates"]:
                if c["type"] == "contact" and c["score"] >= THRESHOLD:
                    qpairs.update((q["bench_id"], rep) for rep in reps_on.get(c["id"], []))
        with open(f"{base}-callsheet-query.pairs", "w") as f:
            for a, b in sorted(qpairs):
                f.write(f"{a}\t{b}\n")


# --- scoring -------------------------------------------------------------------------------------------

def read_pairs(path):
    with open(path, encoding="utf-8") as f:
        return {tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()}


def closure(pairs):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        parent[find(a)] = find(b)
    groups = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    out = set()
    for members in groups.values():
        members.sort()
        out.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return out


def prf(true_pairs, predicted, correct):
    p = correct / predicted if predicted else 0.0
    r = correct / true_pairs if true_pairs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_one(work, name, half, engine):
    base = os.path.join(work, f"{name}-{half}")
    recs = read_tsv(base + ".tsv")
    entity = {r["bench_id"]: r["entity"] for r in recs}
    size = defaultdict(int)
    for r in recs:
        size[r["entity"]] += 1
    true_pairs = sum(n * (n - 1) // 2 for n in size.values())
    rows = []
    first = f"{base}-{engine}-run1.pairs" if engine == "callsheet" else f"{base}-{engine}.pairs"
    pairs = read_pairs(first)
    for mode, pset in (("pairwise", pairs), ("closure", closure(pairs))):
        correct = sum(1 for a, b in pset if entity[a] == entity[b])
        rows.append((mode, len(recs), true_pairs, len(pset), correct) + prf(true_pairs, len(pset), correct))
    queries = read_tsv(base + "-queries.tsv")
    qpairs = read_pairs(f"{base}-{engine}-query.pairs")
    correct = sum(1 for a, b in qpairs if entity[a] == entity[b])
    rows.append(("per query", len(queries), len(queries), len(qpairs), correct) + prf(len(queries), len(qpairs), correct))
    same = None
    if engine == "callsheet" and os.path.exists(f"{base}-callsheet-run2.pairs"):
        other = read_pairs(f"{base}-callsheet-run2.pairs")
        flags1 = open(f"{base}-callsheet-run1.flags").read().split()
        flags2 = open(f"{base}-callsheet-run2.flags").read().split()
        same = (pairs == other and flags1 == flags2, len(pairs ^ other), len(set(flags1) ^ set(flags2)))
    return rows, same


def score(args):
    out = []
    hdr = "| set | half | engine | scoring | rows | true pairs | predicted | correct | precision | recall | F1 |"
    out.append(hdr)
    out.append("|" + " --- |" * 11)
    notes = []
    for path in args.sets:
        name = load_props(path)["name"]
        for half in ("tune", "held"):
            for engine in args.engine:
                rows, same = score_one(args.work, name, half, engine)
                for mode, n, t, pred, corr, p, r, f1 in rows:
                    out.append(f"| {name} | {'tuning' if half == 'tune' else 'held out'} | {engine} | {mode} | "
                               f"{n:,} | {t:,} | {pred:,} | {corr:,} | {p:.3f} | {r:.3f} | **{f1:.3f}** |")
                if same is not None:
                    notes.append(f"- {name} {half}: same data in two fresh workspaces gave "
                                 + ("the same pairs and flags" if same[0] else
                                    f"DIFFERENT verdicts ({same[1]} pairs and {same[2]} flags differ)"))
                stats = os.path.join(args.work, f"{name}-{half}-callsheet-run1.json")
                if engine == "callsheet" and os.path.exists(stats):
                    notes.append(f"- {name} {half} import (run 1): {open(stats).read().strip()}")
    text = "\n".join(out) + "\n\n" + "\n".join(notes) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text + "\n")


def diff(args):
    """The true pairs Duke found and Callsheet missed, and Callsheet's wrong pairs, with the rows side by side."""
    for path in args.sets:
        name = load_props(path)["name"]
        for half in ("tune", "held"):
            base = os.path.join(args.work, f"{name}-{half}")
            recs = {r["bench_id"]: r for r in read_tsv(base + ".tsv")}
            ours = read_pairs(f"{base}-callsheet-run1.pairs")
            duke = read_pairs(f"{base}-duke.pairs")
            same = lambda p: recs[p[0]]["entity"] == recs[p[1]]["entity"]  # noqa: E731
            show = lambda r: " | ".join(v for k, v in r.items() if k not in ("bench_id", "entity"))  # noqa: E731
            for title, found in (("missed by Callsheet, found by Duke", {p for p in duke - ours if same(p)}),
                                 ("wrong pairs of Callsheet", {p for p in ours if not same(p)})):
                print(f"## {name} {half}: {title} ({len(found)})")
                for a, b in sorted(found)[:args.limit]:
                    print(f"  {show(recs[a])}\n  {show(recs[b])}\n")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("set")
    p.add_argument("--datasets", default="../shared/datasets")
    p.add_argument("--out", required=True)
    c = sub.add_parser("callsheet")
    c.add_argument("set")
    c.add_argument("--work", required=True)
    c.add_argument("--port", type=int, required=True)
    s = sub.add_parser("score")
    s.add_argument("sets", nargs="+")
    s.add_argument("--work", required=True)
    s.add_argument("--engine", action="append", default=None)
    s.add_argument("--markdown")
    d = sub.add_parser("diff")
    d.add_argument("sets", nargs="+")
    d.add_argument("--work", required=True)
    d.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    if args.cmd == "prepare":
        prepare(args)
    elif args.cmd == "diff":
        diff(args)
    elif args.cmd == "callsheet":
        callsheet(args)
    else:
        args.engine = args.engine or ["callsheet"]
        score(args)


if __name__ == "__main__":
    main()
