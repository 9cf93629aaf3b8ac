"""Reminder planning and dispatch speed, against baselines measured in the same run.

    .venv/bin/python benchmarks/bench_remind.py [--subjects 2000] [--reminders 300]

1. planning: `plan_window` (today plus a 7-day catch-up) over N open subjects, against
   `lead_dates` alone for the same subjects and days (the calendar arithmetic it rests on);
2. dispatch on SQLite: one `dispatch_due` round delivering M reminders through a sender
   that does nothing, against bare conditional UPDATEs of the same rows (the claim alone):
   the ratio is the cost of exactly-once bookkeeping per reminder over one write.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import update  # noqa: E402

from govbot.config import Config  # noqa: E402
from govbot.reminders.dispatch import Dispatcher, DispatchReport  # noqa: E402
from govbot.reminders.message import Entry, Message  # noqa: E402
from govbot.reminders.plan import Planned, Recipient, Snapshot, Subject, plan_window  # noqa: E402
from govbot.store.db import open_store  # noqa: E402
from govbot.store.reminders import ReminderRow  # noqa: E402
from govbot.tracker.calendar import lead_dates, london_at  # noqa: E402

TODAY = dt.date(2026, 3, 4)
UTC = dt.timezone.utc


def subjects(n: int) -> tuple[Subject, ...]:
    out = []
    for i in range(n):
        due = TODAY + dt.timedelta(days=i % 60)
        entry = Entry(f"OB{i:05d}", f"Obligation {i}", "Resolution (a)", due.isoformat(), "due soon", "", "Cabinet")
        out.append(Subject(f"obligation:OB{i:05d}", "obligation", entry, due, True, (f"Person {i % 40}",)))
    return tuple(out)


def timed(fn, runs=3) -> float:
    fn()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


class NoSend:
    channel = "slack"

    def send(self, row, message):
        return f"C0:{row.id}"

    def find(self, row, since):
        return None


def bench_plan(n: int) -> None:
    config = Config()
    people = {f"Person {i}": Recipient(f"Person {i}", f"U{i:04d}", None, ("slack",)) for i in range(40)}
    snap = Snapshot(TODAY, subjects(n), people, None, "#governance")
    plan = timed(lambda: plan_window(config.reminders, snap, TODAY - dt.timedelta(days=7), TODAY))
    days = [TODAY - dt.timedelta(days=k) for k in range(8)]
    base = timed(lambda: [lead_dates(s.due, [14, 7, 1]) for _ in days for s in snap.subjects])
    count = len(plan_window(config.reminders, snap, TODAY - dt.timedelta(days=7), TODAY))
    print(f"plan_window, {n} subjects x 8 days -> {count} reminders: {plan * 1000:.1f} ms "
          f"({n / plan:,.0f} subjects/s); lead_dates alone {base * 1000:.1f} ms; ratio {plan / base:.2f}x")


def bench_dispatch(m: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(url=f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        config = Config()
        now = london_at(TODAY, "09:00")
        message = Message("Due", "It is due.", ())
        plan = [Planned(f"Person {i}", f"obligation:OB{i:05d}", TODAY, 7, "slack", "lead", f"U{i}", now - dt.timedelta(minutes=30),
                        message) for i in range(m)]
        dispatcher = Dispatcher(store, config, {"slack": NoSend()}, clock=lambda: now, name="bench")
        dispatcher.save_plan(plan, now)
        rows = dispatcher.due_rows(now)
        start = time.perf_counter()
        for row in rows:  # baseline: the conditional claim alone, one transaction each
            with store.write() as session:
                session.execute(update(ReminderRow).where(ReminderRow.id == row.id, ReminderRow.state == "planned")
                                .values(state="planned", claimed_by="bench"))
        base = time.perf_counter() - start
        start = time.perf_counter()
        report = DispatchReport(now)
        for row in rows:  # claim, record the attempt, send, mark sent: three transactions each
            dispatcher.deliver(row, report)
        full, sent = time.perf_counter() - start, len(report.sent)
        store.dispose()
    print(f"dispatch on SQLite, {m} reminders: {full * 1000 / m:.2f} ms each ({m / full:,.0f}/s), "
          f"bare claim UPDATE {base * 1000 / m:.2f} ms; ratio {full / base:.2f}x; sent {sent}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=2000)
    parser.add_argument("--reminders", type=int, default=300)
    args = parser.parse_args()
    bench_plan(args.subjects)
    bench_dispatch(args.reminders)


if __name__ == "__main__":
    main()
