"""Register benchmark: 100,000 resolutions, then `actions`, `obligations`, `search` and
status for 10,000 open actions.

Targets (issue 3): each query under 200 ms (medians), 10k statuses under 1 s. The baseline
is a bare SQL fetch of the same rows in the same run, so the ratio shows what the service
adds (joins, rows, status rules). Run: .venv/bin/python benchmarks/bench_register.py [--pg]
(--pg uses GOVBOT_TEST_POSTGRES_URL, in a throwaway schema; --db=FILE keeps the SQLite
register and reuses it on the next run, skipping the load).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from govbot.config import load_config
from govbot.domain import Delegation, Item, Obligation, ParsedDocument, Resolution
from govbot.service import register
from govbot.store.db import normalise_url, open_store
from govbot.store.writer import DocumentMeta

RESOLUTIONS = 100_000
PER_ITEM, ITEMS_PER_DOC = 5, 10  # 50 resolutions a meeting -> 2,000 meetings
TODAY = dt.date(2026, 11, 25)
TOPICS = ["home to school transport", "library opening hours", "highways maintenance", "adult social care charging",
          "surplus land disposal", "local plan consultation", "waste collection contract", "youth services review",
          "capital programme", "treasury management", "special educational needs", "bus service improvement"]
ROLES = ["Director of Children's Services", "Director of Finance and Public Value", "Monitoring Officer",
         "Director of Place", "Head of Highways"]
KINDS = ["impact_assessment", "consultation", "report_back", "publication", "review"]


def meeting(n: int, rng: random.Random) -> ParsedDocument:
    date = dt.date(2010, 1, 6) + dt.timedelta(days=3 * n)  # 2010 to 2026
    items = []
    for i in range(ITEMS_PER_DOC):
        topic = rng.choice(TOPICS)
        res = [Resolution(label=chr(97 + k), text=f"that the {topic} proposals in report {n}-{i} clause {k} be "
                          f"{rng.choice(['agreed', 'noted', 'endorsed'])} subject to {rng.choice(TOPICS)}", kinds=["approve"])
               for k in range(PER_ITEM)]
        due = (date + dt.timedelta(days=rng.randint(30, 900))).isoformat()
        items.append(Item(number=str(i + 1), title=topic.title(), report_ref=f"X/{n}/{i}", resolutions=res,
                          delegations=[Delegation(resolution_label="e", delegates=[rng.choice(ROLES)], power=f"to award the {topic} contract",
                                                  condition=rng.choice([None, f"following completion of the {topic} appraisal"]))],
                          obligations=[Obligation(kind=rng.choice(KINDS), text=f"a report on the {topic} to come back", due=due)]))
    return ParsedDocument(page_type="minutes", body="Cabinet", meeting_date=date.isoformat(), items=items, parser_version="bench")


def load(store, config) -> float:
    rng = random.Random(7)
    docs = RESOLUTIONS // (PER_ITEM * ITEMS_PER_DOC)
    started = time.perf_counter()
    for start in range(0, docs, 50):  # 50 meetings a transaction
        with store.write() as session:
            for n in range(start, min(start + 50, docs)):
                parsed = meeting(n, rng)
                sha = hashlib.sha256(f"bench {n}".encode()).hexdigest()
                register.ingest_parsed(session, DocumentMeta(f"minutes_{n}.txt", sha, "text"), parsed, config=config)
    return time.perf_counter() - started


def median_ms(fn, runs: int = 7) -> tuple[float, object]:
    fn()  # warm
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), out


def main() -> None:
    pg = "--pg" in sys.argv
    config = load_config()
    cleanup = lambda: None  # noqa: E731
    if pg:
        base = normalise_url(os.environ["GOVBOT_TEST_POSTGRES_URL"])
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base)
        with admin.begin() as c:
            c.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"

        def cleanup():
            with admin.begin() as c:
                c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    else:
        keep = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--db=")), None)
        path = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="govbot-bench-")) / "register.sqlite"
        url, reuse = f"sqlite:///{path}", path.exists()
    store = open_store(url=url)
    try:
        if not pg and reuse:
            report(store, config)
            return
        seconds = load(store, config)
        print(f"database: {store.dialect}; loaded {RESOLUTIONS:,} resolutions, {RESOLUTIONS // PER_ITEM:,} delegations, "
              f"{RESOLUTIONS // PER_ITEM:,} obligations in {seconds:.1f} s ({RESOLUTIONS / seconds:,.0f} resolutions/s)")
        with store.engine.connect() as c:
            c.execute(text("ANALYZE"))
        report(store, config)
    finally:
        store.dispose()
        cleanup()


def report(store, config) -> None:
    def raw(sql):
        def run():
            with store.engine.connect() as c:
                return c.execute(text(sql)).all()
        return run

    n = 100  # what the CLI lists by default (--limit 100)
    rows = [
        ("actions", lambda: register.actions(store, today=TODAY, config=config, limit=n),
         raw("SELECT * FROM delegations d JOIN items i ON i.id = d.item_id WHERE d.removed_at IS NULL LIMIT 100")),
        ("actions --owner 'Head of Highways'", lambda: register.actions(store, today=TODAY, owner="Head of Highways", config=config, limit=n),
         raw("SELECT * FROM delegations d JOIN delegation_people p ON p.delegation_id = d.id WHERE p.title LIKE '%Head of Highways%' LIMIT 100")),
        ("actions --status ready", lambda: register.actions(store, today=TODAY, status="ready", config=config, limit=n),
         raw("SELECT * FROM delegations WHERE condition IS NULL LIMIT 100")),
        ("actions --status lapsed (scans all)", lambda: register.actions(store, today=TODAY, status="lapsed", config=config, limit=n),
         raw("SELECT * FROM delegations WHERE expires_on < '2026-11-25'")),
        ("obligations", lambda: register.obligations(store, today=TODAY, config=config, limit=n),
         raw("SELECT * FROM obligations o JOIN items i ON i.id = o.item_id WHERE o.removed_at IS NULL LIMIT 100")),
        ("obligations --status overdue", lambda: register.obligations(store, today=TODAY, status="overdue", config=config, limit=n),
         raw("SELECT * FROM obligations WHERE due_date < '2026-11-25' LIMIT 100")),
        ("obligations --status waived (scans all)", lambda: register.obligations(store, today=TODAY, status="waived", config=config, limit=n),
         raw("SELECT * FROM obligations WHERE waived_on IS NOT NULL")),
        ("search 'surplus land disposal'", lambda: register.search(store, "surplus land disposal"),
         raw("SELECT id FROM resolutions WHERE text LIKE '%surplus land disposal%' LIMIT 20")),
        ("search 'treasury' (common word)", lambda: register.search(store, "treasury"),
         raw("SELECT id FROM resolutions WHERE text LIKE '%treasury%' LIMIT 20")),
        ("actions --limit 0 (all 20,000 rows)", lambda: register.actions(store, today=TODAY, config=config),
         raw("SELECT * FROM delegations d JOIN items i ON i.id = d.item_id WHERE d.removed_at IS NULL")),
        ("obligations --limit 0 (all 20,000 rows)", lambda: register.obligations(store, today=TODAY, config=config),
         raw("SELECT * FROM obligations o JOIN items i ON i.id = o.item_id WHERE o.removed_at IS NULL")),
    ]
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures scale with it)")
    print(f"{'query':38} {'median ms':>10} {'rows':>7} {'bare SQL ms':>12} {'ratio':>6}  target < 200 ms")
    for name, fn, base in rows:
        ms, out = median_ms(fn)
        base_ms, _ = median_ms(base)
        flag = "ok" if ms < 200 else "OVER"
        print(f"{name:38} {ms:10.1f} {len(out):7,} {base_ms:12.1f} {ms / base_ms:6.1f}  {flag}")
    actions = register.actions(store, today=TODAY, config=config)
    open_actions = [a for a in actions if a.status in ("ready", "awaiting condition")][:10_000]
    started = time.perf_counter()
    for a in open_actions:
        register.action_verdict(a, TODAY)
    took = time.perf_counter() - started
    print(f"status for {len(open_actions):,} open actions: {took * 1000:.0f} ms (target < 1000 ms) "
          f"{'ok' if took < 1 and len(open_actions) >= 10_000 else 'CHECK'}")


if __name__ == "__main__":
    main()
