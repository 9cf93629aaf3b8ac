"""Reminders delivered exactly once, nothing lost: real SQLite and PostgreSQL, a local
stand-in for the Slack Web API, a local SMTP server (aiosmtpd), an injected clock.

Covers: a re-run sends nothing again; Slack 500 and 429 (Retry-After) then success; SMTP
refusing then accepting; a post lost in a crash found by its metadata, not repeated;
permanent errors not retried; the lease and its takeover when the holder dies; two
dispatchers against one database; the scheduler stopped and restarted mid-schedule.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import socket
import threading
import time
from email import message_from_bytes
from email import policy as email_policy

import pytest
from aiosmtpd.controller import Controller
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from govbot.config import Config
from govbot.reminders.delivery import EmailSender, SlackSender, message_id, slack_client
from govbot.reminders.dispatch import Dispatcher
from govbot.reminders.runner import start_reminders
from govbot.service import register
from govbot.service import reminders as svc
from govbot.store.db import open_store
from govbot.store.reminders import ReminderRow
from tests.slack.mock_web_api import BOT_TOKEN, start_mock_slack
from tests.slack.register_data import minutes
from tests.databases import make_store_url

UTC = dt.timezone.utc
# Tue 16 Sep 2025, 08:31 in London (BST): the digests (08:30) and the 14-day reminder of
# the impact assessment due 30 Sep 2025 are due.
T = dt.datetime(2025, 9, 16, 7, 31, tzinfo=UTC)
ROLES = [
    dict(title="Director of Children & Young People's Futures", aliases=["Director of Children's Services"],
         name="Alex Morgan", slack_user="U0DIRCYP", email="alex.morgan@example.gov.uk"),
    dict(title="Director of Finance and Public Value", aliases=["Section 151 Officer"], name="Priya Shah",
         slack_user="U0DIRFIN", email="priya.shah@example.gov.uk"),
    dict(title="Monitoring Officer", name="Sam Patel", slack_user="U0MONOFF", email="sam.patel@example.gov.uk"),
]


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self.now

    def set(self, now: dt.datetime) -> None:
        with self._lock:
            self.now = now


def make_config(smtp_port: int = 25, **policy) -> Config:
    # The weekly summary goes on Wednesdays at 09:00 here, after every moment these tests dispatch at.
    reminders = dict(digest_time="08:30", lead_days=[14, 7, 1], escalate_overdue_days=7, channels=["slack", "email"],
                     weekly_summary={"day": "wed", "time": "09:00"},
                     retry_backoff_seconds=[30, 120, 600], lease_seconds=120, claim_seconds=300)
    reminders.update(policy)
    return Config(roles=ROLES, monitoring_officer="Monitoring Officer", governance_officers=["Monitoring Officer"],
                  reminders=reminders, email={"from": "govbot@example.gov.uk", "smtp_host": "127.0.0.1", "smtp_port": smtp_port},
                  slack={"governance_channel": "C0GOV"})


# --- fixtures: database, Slack stand-in, SMTP server ---------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    url, cleanup = make_store_url(request.param, tmp_path)
    yield url
    cleanup()


@pytest.fixture
def sqlite_url(tmp_path):
    return make_store_url("sqlite", tmp_path)[0]


def filled(url: str, config: Config):
    store = open_store(url=url)
    parsed = minutes()
    meta = register.DocumentMeta(name="cabinet_minutes.txt", sha256=hashlib.sha256(b"reminders-test").hexdigest(), format="text")
    with store.write() as session:
        register.ingest_parsed(session, meta, parsed, config=config)
    return store


@pytest.fixture
def slack():
    mock, server = start_mock_slack()

    canned = mock.reply

    def reply(call):
        if call.method == "conversations.history":  # what was posted to the user's DM, with metadata
            channel = call.field("channel")
            posts = [c for c in mock.received("chat.postMessage") if "D" + str(c.field("channel")) == channel]
            messages = [{"ts": f"{1000 + n}.000100", "text": c.field("text"), "metadata": c.field("metadata")}
                        for n, c in enumerate(posts)]
            return 200, {}, {"ok": True, "messages": messages}
        return canned(call)

    mock.reply = reply
    yield mock
    server.shutdown()


class Mailbox:
    """An aiosmtpd handler: refuses the first `refuse` messages (451), then keeps them."""

    def __init__(self):
        self.messages = []
        self.refuse = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=email_policy.default))
        return "250 OK"


def inject(mock, method: str, status: int, body: dict, headers: dict | None = None) -> None:
    """One fault for the next call of `method`: this HTTP status, body and headers."""
    with mock._lock:
        mock.faults.setdefault(method, []).append((status, headers or {}, body))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


def senders(slack_mock, box=None, config=None):
    out = {"slack": SlackSender(slack_client(BOT_TOKEN, slack_mock.url))}
    if box is not None:
        out["email"] = EmailSender("127.0.0.1", box.port, "govbot@example.gov.uk", timeout=5)
    return out


def posted_keys(slack_mock) -> list[str]:
    return [c.field("metadata")["event_payload"]["key"] for c in slack_mock.received("chat.postMessage")]


def expected(store, config, day) -> tuple[set, set]:
    """The reminders due on `day` by 08:31 in London, as the preview shows them."""
    planned = [p for p in svc.preview(store, config, day) if p.kind != "weekly"]
    return {p.key for p in planned if p.channel == "slack"}, {p.key for p in planned if p.channel == "email"}


def rows(store) -> list[ReminderRow]:
    with store() as session:
        return list(session.scalars(select(ReminderRow).order_by(ReminderRow.id)))


# --- tests ----------------------------------------------------------------------------------------


def test_each_due_reminder_is_sent_once_and_a_rerun_sends_nothing(db_url, slack, mailbox):
    config = make_config(mailbox.port)
    store = filled(db_url, config)
    want_slack, want_email = expected(store, config, T.date())
    assert len(want_slack) >= 4 and len(want_email) >= 4  # digests and the 14-day reminder, for two directors
    dispatcher = Dispatcher(store, config, senders(slack, mailbox), clock=Clock(T), name="one")
    report = dispatcher.dispatch_due()
    assert sorted(posted_keys(slack)) == sorted(want_slack)
    assert sorted(m["Message-ID"] for m in mailbox.messages) == sorted(message_id(k, "govbot@example.gov.uk") for k in want_email)
    assert len(report.sent) == len(want_slack) + len(want_email)
    for later in (T, T + dt.timedelta(minutes=1), T + dt.timedelta(hours=3)):
        dispatcher.dispatch_due(later)
    assert len(slack.received("chat.postMessage")) == len(want_slack) and len(mailbox.messages) == len(want_email)
    sent = [r for r in rows(store) if r.state == "sent"]
    assert len(sent) == len(want_slack) + len(want_email) and all(r.message_id and r.attempts == 1 for r in sent)
    store.dispose()


def test_a_reminder_says_what_why_and_by_when_with_buttons_and_its_key(sqlite_url, slack, mailbox):
    config = make_config(mailbox.port)
    store = filled(sqlite_url, config)
    Dispatcher(store, config, senders(slack, mailbox), clock=Clock(T)).dispatch_due()
    lead = next(c for c in slack.received("chat.postMessage")
                if c.field("channel") == "U0DIRFIN" and "Due in 14 days" in c.field("text"))
    blocks = str(lead.field("blocks"))
    assert "Equality Impact Assessment" in blocks and "30 Sep 2025" in blocks and "Service specification" in blocks
    assert lead.field("metadata")["event_type"] == "govbot_reminder"
    digest = next(c for c in slack.received("chat.postMessage")
                  if c.field("channel") == "U0DIRFIN" and "digest" in c.field("text"))
    buttons = {(e["action_id"], e["value"]) for b in digest.field("blocks") if b["type"] == "actions" for e in b["elements"]}
    assert ("draft_record", _id(store, "Delegation", "to extend the highways")) in buttons
    assert any(action == "mark_done" for action, _ in buttons)
    mail = next(m for m in mailbox.messages if m["To"] == "priya.shah@example.gov.uk" and "14 days" in m["Subject"])
    parts = {p.get_content_type(): p.get_content() for p in mail.walk() if not p.is_multipart()}
    assert set(parts) == {"text/plain", "text/html"}
    assert "By: 30 Sep 2025" in parts["text/plain"] and "<b>By:</b> 30 Sep 2025" in parts["text/html"]
    store.dispose()


def _id(store, table: str, words: str) -> str:
    from govbot.store import tables as t

    with store() as session:
        return session.scalar(select(t.Delegation.id).where(t.Delegation.power.contains(words)))


def only_slack(slack_mock):
    return {"slack": SlackSender(slack_client(BOT_TOKEN, slack_mock.url))}


def test_slack_500_is_retried_after_the_policy_backoff_and_sent_once(sqlite_url, slack):
    config = make_config(channels=["slack"])
    store = filled(sqlite_url, config)
    want, _ = expected(store, config, T.date())
    inject(slack, "chat.postMessage", 500, {"ok": False, "error": "internal_error"})
    dispatcher = Dispatcher(store, config, only_slack(slack), clock=Clock(T))
    first = dispatcher.dispatch_due()
    assert len(first.failed) == 1
    failed = next(r for r in rows(store) if r.state == "failed")
    assert "500" in failed.last_error and failed.attempts == 1
    assert failed.next_attempt_at.replace(tzinfo=UTC) == T + dt.timedelta(seconds=30)
    assert not dispatcher.dispatch_due(T + dt.timedelta(seconds=10)).sent  # backoff not over yet
    assert dispatcher.dispatch_due(T + dt.timedelta(seconds=31)).sent == [failed.key]
    keys = posted_keys(slack)
    assert keys.count(failed.key) == 2 and sorted(set(keys)) == sorted(want)  # one failed try, one delivery
    assert next(r for r in rows(store) if r.key == failed.key).attempts == 2
    store.dispose()


def test_slack_429_waits_as_long_as_retry_after_says(sqlite_url, slack):
    config = make_config(channels=["slack"])
    store = filled(sqlite_url, config)
    inject(slack, "chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"})
    dispatcher = Dispatcher(store, config, only_slack(slack), clock=Clock(T))
    dispatcher.dispatch_due()
    limited = next(r for r in rows(store) if r.state == "failed")
    assert limited.next_attempt_at.replace(tzinfo=UTC) == T + dt.timedelta(seconds=7)
    assert dispatcher.dispatch_due(T + dt.timedelta(seconds=8)).sent == [limited.key]
    assert all(r.state == "sent" for r in rows(store) if r.due_at.replace(tzinfo=UTC) <= T)
    store.dispose()


def test_smtp_refusing_then_accepting_delivers_each_email_once(sqlite_url, slack, mailbox):
    config = make_config(mailbox.port, channels=["email"])
    store = filled(sqlite_url, config)
    _, want = expected(store, config, T.date())
    mailbox.refuse = 2
    dispatcher = Dispatcher(store, config, {"email": EmailSender("127.0.0.1", mailbox.port, "govbot@example.gov.uk")},
                            clock=Clock(T))
    assert len(dispatcher.dispatch_due().failed) == 2
    assert all("451" in r.last_error for r in rows(store) if r.state == "failed")
    dispatcher.dispatch_due(T + dt.timedelta(seconds=30))
    ids = [m["Message-ID"] for m in mailbox.messages]
    assert sorted(ids) == sorted(message_id(k, "govbot@example.gov.uk") for k in want) and mailbox.refused == 2
    store.dispose()


def test_smtp_down_is_retried_and_given_up_only_after_the_last_backoff(sqlite_url):
    config = make_config(free_port(), channels=["email"], retry_backoff_seconds=[30])  # nothing listens there
    store = filled(sqlite_url, config)
    email = config.email
    dispatcher = Dispatcher(store, config, {"email": EmailSender(email.smtp_host, email.smtp_port, email.from_, timeout=2)},
                            clock=Clock(T))
    dispatcher.dispatch_due()
    assert all(r.state == "failed" and r.next_attempt_at and "unreachable" in r.last_error
               for r in rows(store) if r.due_at.replace(tzinfo=UTC) <= T)
    dispatcher.dispatch_due(T + dt.timedelta(seconds=31))
    gave_up = [r for r in rows(store) if r.due_at.replace(tzinfo=UTC) <= T]
    assert all(r.state == "failed" and r.next_attempt_at is None and r.last_error.startswith("gave up after 2 attempts")
               for r in gave_up)
    store.dispose()


def test_a_permanent_slack_error_is_recorded_not_retried(sqlite_url, slack):
    config = make_config(channels=["slack"])
    store = filled(sqlite_url, config)
    inject(slack, "chat.postMessage", 200, {"ok": False, "error": "user_not_found"})
    dispatcher = Dispatcher(store, config, only_slack(slack), clock=Clock(T))
    dispatcher.dispatch_due()
    failed = [r for r in rows(store) if r.state == "failed"]
    assert len(failed) == 1 and failed[0].next_attempt_at is None and "user_not_found" in failed[0].last_error
    store.dispose()


class Crash(BaseException):
    """The process dies between Slack's answer and the database update."""


class CrashAfterPost(SlackSender):
    def send(self, row, message):
        super().send(row, message)
        raise Crash()


def test_a_post_lost_in_a_crash_is_found_by_its_key_not_sent_again(sqlite_url, slack):
    config = make_config(channels=["slack"])
    store = filled(sqlite_url, config)
    crashing = Dispatcher(store, config, {"slack": CrashAfterPost(slack_client(BOT_TOKEN, slack.url))},
                          clock=Clock(T), name="dies")
    with pytest.raises(Crash):
        crashing.dispatch_due()
    lost = next(r for r in rows(store) if r.state == "claimed")
    assert lost.sending_at is not None and lost.claimed_by == "dies"
    later = T + dt.timedelta(seconds=301)  # the claim (300 s) and the lease (120 s) have expired
    survivor = Dispatcher(store, config, only_slack(slack), clock=Clock(later), name="survivor")
    survivor.dispatch_due()
    keys = posted_keys(slack)
    assert keys.count(lost.key) == 1 and len(keys) == len(set(keys))
    found = next(r for r in rows(store) if r.key == lost.key)
    assert found.state == "sent" and found.message_id.startswith("DU0")  # from the DM's history
    assert slack.received("conversations.history")[0].field("include_all_metadata") in ("true", "1", True)
    store.dispose()


def test_an_email_lost_in_a_crash_is_resent_with_the_same_message_id(sqlite_url, mailbox):
    config = make_config(mailbox.port, channels=["email"])
    store = filled(sqlite_url, config)
    sender = EmailSender("127.0.0.1", mailbox.port, "govbot@example.gov.uk")

    class CrashAfterMail(EmailSender):
        def send(self, row, message):
            sender.send(row, message)
            raise Crash()

    with pytest.raises(Crash):
        Dispatcher(store, config, {"email": CrashAfterMail("x", 0, "x")}, clock=Clock(T), name="dies").dispatch_due()
    Dispatcher(store, config, {"email": sender}, clock=Clock(T + dt.timedelta(seconds=301))).dispatch_due()
    ids = [m["Message-ID"] for m in mailbox.messages]
    repeated = [i for i in set(ids) if ids.count(i) > 1]
    assert len(repeated) == 1  # the one in doubt went twice, as the same message (mail clients keep one)
    assert all(r.state == "sent" for r in rows(store) if r.due_at.replace(tzinfo=UTC) <= T)
    store.dispose()


def test_one_dispatcher_holds_the_lease_and_a_standby_takes_over_when_it_dies(sqlite_url, slack):
    config = make_config(channels=["slack"])
    store = filled(sqlite_url, config)
    want, _ = expected(store, config, T.date())
    first = Dispatcher(store, config, only_slack(slack), clock=Clock(T - dt.timedelta(hours=2)), name="first")
    standby = Dispatcher(store, config, only_slack(slack), clock=Clock(T), name="standby")
    assert first.dispatch_due().leader  # 06:31 London: nothing due yet, lease taken
    assert first.lease.holder_now()[0] == "first"
    # "first" dies without giving the lease up; until it expires the standby only waits.
    assert not standby.dispatch_due(T - dt.timedelta(hours=2) + dt.timedelta(seconds=60)).leader
    report = standby.dispatch_due(T)  # two hours on: the lease (120 s) has long expired
    assert report.leader and sorted(report.sent) == sorted(want)
    assert first.lease.holder_now()[0] == "standby"
    assert not first.dispatch_due(T + dt.timedelta(seconds=10)).leader  # the old holder, back, now waits
    standby.close()  # a clean stop hands the lease on at once
    assert first.dispatch_due(T + dt.timedelta(seconds=11)).leader
    assert sorted(posted_keys(slack)) == sorted(want)
    store.dispose()


@pytest.mark.parametrize("use_lease", [True, False], ids=["lease", "claims-only"])
def test_two_dispatchers_on_one_database_deliver_each_reminder_once(db_url, slack, mailbox, use_lease):
    config = make_config(mailbox.port)
    filled(db_url, config).dispose()
    clock = Clock(T)
    stores = [open_store(url=db_url, migrate=False) for _ in range(2)]
    dispatchers = [Dispatcher(s, config, senders(slack, mailbox), clock=clock, name=f"d{n}", use_lease=use_lease)
                   for n, s in enumerate(stores)]
    start = threading.Barrier(2)
    errors = []

    def run(d):
        try:
            start.wait()
            for minutes_on in (0, 0, 1, 2):
                d.dispatch_due(T + dt.timedelta(minutes=minutes_on))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    want_slack, want_email = expected(stores[0], config, T.date())
    assert sorted(posted_keys(slack)) == sorted(want_slack)
    assert sorted(m["Message-ID"] for m in mailbox.messages) == sorted(message_id(k, "govbot@example.gov.uk") for k in want_email)
    for s in stores:
        s.dispose()


def _dispatch_in_a_process(url: str, slack_url: str, smtp_port: int, go, use_lease: bool) -> None:
    """A second `govbot remind run`, started by mistake: its own process, engine and senders."""
    config = make_config(smtp_port)
    store = open_store(url=url, migrate=False)
    out = {"slack": SlackSender(slack_client(BOT_TOKEN, slack_url)),
           "email": EmailSender("127.0.0.1", smtp_port, "govbot@example.gov.uk", timeout=10)}
    dispatcher = Dispatcher(store, config, out, name=f"process-{os.getpid()}", use_lease=use_lease)
    go.wait(30)
    for minutes_on in (0, 0, 1, 2):
        dispatcher.dispatch_due(T + dt.timedelta(minutes=minutes_on))
    store.dispose()


@pytest.mark.slow
def test_two_processes_on_one_database_deliver_each_reminder_once(db_url, slack, mailbox, use_lease=True):
    """Two `govbot remind run` at once (the claims alone are tested with threads above)."""
    config = make_config(mailbox.port)
    store = filled(db_url, config)
    spawn = multiprocessing.get_context("fork")  # no re-import: the child starts at once
    go = spawn.Event()
    processes = [spawn.Process(target=_dispatch_in_a_process, args=(db_url, slack.url, mailbox.port, go, use_lease))
                 for _ in range(2)]
    for p in processes:
        p.start()
    go.set()
    for p in processes:
        p.join(120)
    assert [p.exitcode for p in processes] == [0, 0]
    want_slack, want_email = expected(store, config, T.date())
    assert sorted(posted_keys(slack)) == sorted(want_slack)
    assert sorted(m["Message-ID"] for m in mailbox.messages) == sorted(message_id(k, "govbot@example.gov.uk") for k in want_email)
    assert {r.state for r in rows(store) if r.due_at.replace(tzinfo=UTC) <= T} == {"sent"}
    store.dispose()


def wait_until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_scheduler_stopped_and_restarted_mid_schedule_loses_nothing_and_doubles_nothing(sqlite_url, slack):
    config = make_config(channels=["slack"])
    store = filled(sqlite_url, config)
    clock = Clock(T - dt.timedelta(minutes=31))  # 08:00 in London: today's reminders planned, none due
    scheduler = BackgroundScheduler(timezone=UTC)
    start_reminders(config, scheduler, store=store, senders=only_slack(slack), clock=clock, interval_seconds=0.05, name="a")
    scheduler.start()
    wait_until(lambda: len(rows(store)) > 0)
    planned_today = {r.key for r in rows(store)}
    scheduler.shutdown(wait=True)  # govbot stops before 08:30 ...
    assert not slack.received("chat.postMessage")

    # ... and comes back the next working day at 08:31: yesterday's 14-day reminder is still
    # worth sending, yesterday's digests are not; today's go out.
    next_day = T + dt.timedelta(days=1)
    clock.set(next_day)
    scheduler = BackgroundScheduler(timezone=UTC)
    start_reminders(config, scheduler, store=store, senders=only_slack(slack), clock=clock, interval_seconds=0.05, name="b")
    scheduler.start()
    want_today, _ = expected(store, config, next_day.date())
    wait_until(lambda: set(posted_keys(slack)) >= want_today and not [r for r in rows(store) if r.state == "planned"
                                                                        and r.due_at.replace(tzinfo=UTC) <= next_day])
    clock.set(next_day + dt.timedelta(minutes=5))
    time.sleep(0.3)  # a few more ticks: nothing more to send
    scheduler.shutdown(wait=True)
    keys = posted_keys(slack)
    assert len(keys) == len(set(keys))  # nothing doubled
    by_key = {r.key: r for r in rows(store)}
    for key in planned_today:  # nothing lost: each of yesterday's is sent or skipped with a reason
        row = by_key[key]
        if row.kind == "digest":
            assert row.state == "skipped" and "today's digest replaces it" in row.skipped_reason
        else:
            assert row.state == "sent", (row.key, row.state, row.skipped_reason)
    assert set(keys) == want_today | {k for k in planned_today if by_key[k].kind != "digest"}
    store.dispose()


def test_the_reminders_migration_matches_the_tables(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from govbot.store.base import Base
    from govbot.store.migrate import include_name
    from govbot.store.reminders import REMINDER_TABLES
    from tests.test_store import _table_of

    store = open_store(url=db_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    store.dispose()
    assert [d for d in diff if _table_of(d) in REMINDER_TABLES] == []
