"""Slack benchmark: /govbot commands over HTTP on loopback against a 100,000-resolution register.

For each command: request in -> ack (the HTTP answer Slack waits for; for queries it carries
the reply) and request in -> full reply (for a query that outran the 1 s ack budget, the
answer through response_url; for slow work, the upload reaching the recording Web API
stand-in), p50 and p95. The baseline, measured in the same run, is the same question put
straight to govbot.service: reply/service shows what Slack handling (HTTP, signing, bolt,
Block Kit) adds on top of the register. Target: reply p95 under 200 ms for queries; every
ack inside Slack's 3 s.

Run: .venv/bin/python benchmarks/bench_slack.py [--db=FILE] [--runs=N]
(--db keeps the register file and reuses it on the next run, skipping the load.)
"""
from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_register import RESOLUTIONS, TODAY, load  # noqa: E402  (the store engineer's generator)

from govbot.config import Config, load_config  # noqa: E402
from govbot.service.slack_jobs import JobRunner  # noqa: E402
from govbot.slack.app import build_app, web_client  # noqa: E402
from govbot.slack.listeners.commands import HOLDING  # noqa: E402
from govbot.slack.server import http_server  # noqa: E402
from govbot.store.db import open_store  # noqa: E402
from tests.slack.fixtures import Loopback  # noqa: E402
from tests.slack.mock_web_api import BOT_TOKEN, start_mock_slack  # noqa: E402
from tests.slack.signing import SECRET  # noqa: E402

DIRECTOR, FINANCE, OFFICER = "U0DIRCYP", "U0DIRFIN", "U0GOVOFF"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def config_for(path: Path) -> Config:
    data = load_config(ROOT / "config.yaml").model_dump(by_alias=True, exclude={"base_dir"})
    data["database"] = {"sqlite_path": str(path)}
    return Config(**data, base_dir=path.parent)


def with_timeline(config: Config) -> None:
    """The generated meetings carry no Appendix A; add the sample one (CS/25/07) once."""
    from govbot.service import register
    from tests.slack.register_data import fill

    store = open_store(config)
    try:
        if not register.milestones(store, today=TODAY, report_ref="CS/25/07"):
            fill(config).dispose()
    finally:
        store.dispose()


def ready_action(app) -> str:
    from govbot.service import register

    deps = app.govbot_deps
    rows = register.actions(deps.store, today=TODAY, owner="Priya Shah", status="ready", config=deps.config)
    return rows[0].id


def time_command(loop: Loopback, text: str, user: str, runs: int, wait_for: str | None = None):
    """(ack ms, full-reply ms, holding acks) for `runs` commands, one after another. A query
    that outran the ack budget is acked with a holding line; its reply is the webhook."""
    acks, fulls, held = [], [], 0
    for _ in range(runs):
        waiting = wait_for
        before = {m: len(loop.mock.received(m)) for m in ("webhook/cmd", wait_for) if m}
        t0 = time.perf_counter()
        answer = loop.command(text, user=user)
        acks.append((time.perf_counter() - t0) * 1000)
        assert answer.status == 200, (text, answer.status, answer.body[:200])
        if not wait_for and answer.json().get("text") == HOLDING:
            waiting, held = "webhook/cmd", held + 1
        if waiting:
            loop.mock.wait_for(waiting, before[waiting] + 1, timeout=120)
        fulls.append((time.perf_counter() - t0) * 1000)
    return acks, fulls, held


def time_service(fn, runs: int) -> list[float]:
    """The same question put straight to the service layer: the baseline for the reply."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def time_home(loop: Loopback, user: str, runs: int, first_id: int = 0):
    acks, fulls = [], []
    for n in range(first_id, first_id + runs):
        before = len(loop.mock.received("views.publish"))
        t0 = time.perf_counter()
        loop.event({"type": "app_home_opened", "user": user, "tab": "home"}, event_id=f"EvHome{n}")
        acks.append((time.perf_counter() - t0) * 1000)
        loop.mock.wait_for("views.publish", before + 1, timeout=60)
        fulls.append((time.perf_counter() - t0) * 1000)
    return acks, fulls


def main() -> None:
    runs = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--runs=")), 20))
    keep = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--db=")), None)
    path = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="govbot-bench-slack-")) / "register.sqlite"
    config = config_for(path)
    if not path.exists():
        store = open_store(config)
        print(f"loading {RESOLUTIONS:,} resolutions ...", flush=True)
        print(f"loaded in {load(store, config):.0f} s", flush=True)
        store.dispose()
    with_timeline(config)

    mock, mock_server = start_mock_slack()
    app = build_app(config, web_client(token=BOT_TOKEN, base_url=mock.url), signing_secret=SECRET,
                    jobs=JobRunner(workers=2), today=lambda: TODAY)
    server = http_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    loop = Loopback(app, mock, f"http://127.0.0.1:{server.server_port}/slack/events")
    app.govbot_deps.store  # open (and check the migrations of) the register before timing

    from govbot.service import register
    from govbot.slack import handlers

    deps, today = app.govbot_deps, TODAY
    store, cfg = deps.store, deps.config
    queries = [
        ("help (no register)", "help", OFFICER, lambda: None),
        ("actions mine (a director)", "actions mine", FINANCE,
         lambda: register.actions(store, today=today, owner="Priya Shah", config=cfg, limit=11)),
        ("actions Head of Highways", "actions Head of Highways", OFFICER,
         lambda: register.actions(store, today=today, owner="Head of Highways", config=cfg, limit=11)),
        ("decision X/1234/5", "decision X/1234/5", OFFICER,
         lambda: register.decision(store, "X/1234/5", today=today, config=cfg)),
        ("find surplus land disposal", "find surplus land disposal", OFFICER,
         lambda: register.search(store, "surplus land disposal", limit=10)),
        ("due 14 days", "due 14 days", OFFICER,
         lambda: (register.obligations_due(store, today=today, until=today + dt.timedelta(days=14), config=cfg,
                                             limit=11),
                  register.obligations(store, today=today, status="overdue", config=cfg, limit=6),
                  register.milestones(store, today=today))),
        ("actions overdue (all)", "actions overdue", OFFICER,
         lambda: (register.late_actions(store, today=today),
                  register.obligations(store, today=today, status="overdue", config=cfg, limit=11))),
    ]
    print(f"\nregister: {RESOLUTIONS:,} resolutions ({path}); {runs} runs each; times in ms")
    print("ack = HTTP answer to Slack; reply = answer in Slack's hands; service = the same question put to "
          "govbot.service directly (baseline, same run)")
    print(f"{'command':28} {'ack p50':>8} {'ack p95':>8} {'reply p50':>9} {'reply p95':>9} {'service p50':>11} "
          f"{'reply/svc':>9} {'held':>4}  target reply p95 < 200")
    try:
        for name, text, user, service in queries:
            loop.command(text, user=user)  # warm
            acks, fulls, held = time_command(loop, text, user, runs)
            svc = statistics.median(time_service(service, runs))
            ratio = f"{statistics.median(fulls) / svc:9.2f}" if svc > 1 else f"{'-':>9}"
            flag = "ok" if percentile(fulls, 95) < 200 else "OVER"
            print(f"{name:28} {statistics.median(acks):8.1f} {percentile(acks, 95):8.1f} {statistics.median(fulls):9.1f} "
                  f"{percentile(fulls, 95):9.1f} {svc:11.1f} {ratio} {held:4}  {flag}")
        time_home(loop, FINANCE, 1, first_id=10_000)
        acks, fulls = time_home(loop, FINANCE, runs)
        svc = statistics.median(time_service(lambda: handlers.home(deps, FINANCE), runs))
        print(f"{'App Home (views.publish)':28} {statistics.median(acks):8.1f} {percentile(acks, 95):8.1f} "
              f"{statistics.median(fulls):9.1f} {percentile(fulls, 95):9.1f} {svc:11.1f} "
              f"{statistics.median(fulls) / svc:9.2f} {'-':>4}  event: ack only")
        slow = [("timeline CS/25/07 (PNG)", "timeline CS/25/07", OFFICER, "files.completeUploadExternal"),
                ("draft ACTION (DOCX)", f"draft {ready_action(app)}", OFFICER, "files.completeUploadExternal")]
        for name, text, user, wait in slow:
            time_command(loop, text, user, 1, wait)  # warm the worker processes
            acks, fulls, _ = time_command(loop, text, user, max(3, runs // 4), wait)
            flag = "ok" if percentile(acks, 95) < 3000 else "OVER 3 s"
            print(f"{name:28} {statistics.median(acks):8.1f} {percentile(acks, 95):8.1f} {statistics.median(fulls):9.1f} "
                  f"{percentile(fulls, 95):9.1f} {'-':>11} {'-':>9} {'-':>4}  ack < 3 s {flag}")
    finally:
        server.shutdown()
        app.govbot_deps.jobs.shutdown()  # let the last replies reach the stand-in before it stops
        mock_server.shutdown()


if __name__ == "__main__":
    main()
