"""Status for 10,000 open delegated actions (and as many obligations and milestones).

Run by hand: `.venv/bin/python benchmarks/bench_status.py [N]`. Prints the median time of
building the inputs (the baseline: what the store must do anyway) and of computing the
statuses and reasons, with their ratio. Target: statuses for 10,000 actions well under 1 s.
"""
from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time

from govbot.config import Statutory
from govbot.tracker.calendar import add_working_days
from govbot.tracker.status import (
    ActionState,
    ConditionState,
    MilestoneState,
    ObligationState,
    Override,
    action_status,
    milestone_status,
    obligation_status,
    statutory_windows,
)

TODAY = dt.date(2026, 11, 25)
RECORD_STATES = [None, None, None, "drafted", "consultation confirmed", "signed", "published", "withdrawn"]


def build(n: int, seed: int = 7):
    rnd = random.Random(seed)
    day = lambda: dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(1200))  # noqa: E731
    actions, obligations, milestones, decisions = [], [], [], []
    for i in range(n):
        links = tuple(
            ConditionState(f"Milestone {i}.{k}", done_on=day() if rnd.random() < 0.5 else None, due=day(), start=day())
            for k in range(rnd.choice([0, 1, 1, 2]))
        )
        actions.append(
            ActionState(
                condition="following completion of the appraisal" if links or rnd.random() < 0.2 else None,
                conditions=links,
                override=Override("reported to Cabinet", "Sam Patel") if rnd.random() < 0.05 else None,
                record_state=rnd.choice(RECORD_STATES),
                expires_on=day() if rnd.random() < 0.1 else None,
                rescinded_on=day() if rnd.random() < 0.02 else None,
            )
        )
        due = rnd.choice([None, f"{day():%Y-%m}", day().isoformat()])
        obligations.append(ObligationState(due=due, done_on=day() if rnd.random() < 0.2 else None, evidence="link"))
        milestones.append(MilestoneState(f"Milestone {i}", day(), day(), day() if rnd.random() < 0.3 else None))
        decisions.append((day(), day() if rnd.random() < 0.7 else None, rnd.random() < 0.3))
    return actions, obligations, milestones, decisions


def timed(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    statutory = Statutory()
    actions, obligations, milestones, decisions = build(n)
    action_status(actions[0], TODAY)  # warm the bank-holiday cache, as a running service has

    def windows(cold: bool = False):
        if cold:  # forget earlier working-day sums: the first query after start-up
            add_working_days.cache_clear()
        for d, p, k in decisions:
            statutory_windows(statutory, TODAY, decision_on=d, record_published_on=p, key_decision=k)

    rows = [
        ("build inputs (baseline)", timed(lambda: build(n))),
        ("action_status", timed(lambda: [action_status(a, TODAY) for a in actions])),
        ("obligation_status", timed(lambda: [obligation_status(o, TODAY, 14) for o in obligations])),
        ("milestone_status", timed(lambda: [m.status(TODAY) for m in milestones])),
        ("statutory_windows (cold)", timed(lambda: windows(cold=True))),
        ("statutory_windows (warm)", timed(windows)),
    ]
    base = rows[0][1]
    print(f"{n:,} of each, median of 5 runs, as of {TODAY}")
    for name, seconds in rows:
        per = seconds / n * 1e6
        print(f"  {name:<26} {seconds * 1000:8.1f} ms  {per:6.2f} us each  {seconds / base:5.2f}x baseline")
    counts: dict[str, int] = {}
    for a in actions:
        status = str(action_status(a, TODAY).status)
        counts[status] = counts.get(status, 0) + 1
    print("  action statuses:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
