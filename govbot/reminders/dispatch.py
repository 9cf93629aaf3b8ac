"""The dispatcher: plan what is due, claim each reminder, deliver it, record the outcome.

`Dispatcher.dispatch_due(now)` is all a clock (APScheduler, a test) needs to call. Two
guards keep each reminder single across restarts and processes:

1. a lease row (`reminder_leases`): one dispatcher at a time, renewed on every call and
   while delivering; a standby takes over once a dead holder's lease expires;
2. a conditional claim: `UPDATE … SET state='claimed' WHERE id=… AND (state='planned' OR
   a failed retry is due OR an earlier claim expired)`; only the dispatcher whose UPDATE
   changed the row sends it.

Before each attempt `sending_at` is committed; a claim taken over after a crash with
`sending_at` set asks the channel whether the reminder already went (Slack metadata)
before sending again.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from govbot.config import Config
from govbot.reminders.delivery import DeliveryError, Sender
from govbot.reminders.message import Message
from govbot.reminders.plan import Planned, plan_window, skip_reason
from govbot.store.db import Store
from govbot.store.reminders import CLAIMED, FAILED, PLANNED, SENT, SKIPPED, ReminderLease, ReminderRow
from govbot.tracker.calendar import london_today

log = logging.getLogger("govbot.reminders")
LEASE = "dispatch"
UTC = dt.timezone.utc


def utc(moment: dt.datetime) -> dt.datetime:
    """Aware UTC (SQLite hands back naive datetimes; govbot stores UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def system_clock() -> dt.datetime:
    return dt.datetime.now(UTC)


@dataclass
class DispatchReport:
    now: dt.datetime
    leader: bool = True
    planned: int = 0
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    waiting: int = 0  # due, but no sender for their channel

    def line(self) -> str:
        if not self.leader:
            return f"{self.now:%Y-%m-%d %H:%M}Z standby: another dispatcher holds the lease"
        return (f"{self.now:%Y-%m-%d %H:%M}Z planned {self.planned}, sent {len(self.sent)}, "
                f"failed {len(self.failed)}, skipped {len(self.skipped)}" + (f", waiting {self.waiting}" if self.waiting else ""))


class Lease:
    """A lease row with expiry: held by one dispatcher, renewed while it lives."""

    def __init__(self, store: Store, holder: str, seconds: float, name: str = LEASE):
        self.store, self.holder, self.seconds, self.name = store, holder, seconds, name

    def hold(self, now: dt.datetime) -> bool:
        """Take or renew the lease; False while someone else holds an unexpired one."""
        until = now + dt.timedelta(seconds=self.seconds)
        try:
            with self.store.write() as session:
                taken = session.execute(
                    update(ReminderLease)
                    .where(ReminderLease.name == self.name,
                           or_(ReminderLease.holder == self.holder, ReminderLease.expires_at < now))
                    .values(holder=self.holder, expires_at=until, renewed_at=now)
                ).rowcount
                if taken:
                    return True
                if session.get(ReminderLease, self.name) is not None:
                    return False
                session.add(ReminderLease(name=self.name, holder=self.holder, expires_at=until, renewed_at=now))
            return True
        except IntegrityError:  # another dispatcher created the row at the same moment
            return False

    def release(self, now: dt.datetime) -> None:
        with self.store.write() as session:
            session.execute(update(ReminderLease).where(ReminderLease.name == self.name, ReminderLease.holder == self.holder)
                            .values(expires_at=now))

    def holder_now(self) -> Optional[tuple[str, dt.datetime]]:
        with self.store() as session:
            row = session.get(ReminderLease, self.name)
            return (row.holder, utc(row.expires_at)) if row else None


def _claimable(now: dt.datetime):
    return or_(ReminderRow.state == PLANNED,
               and_(ReminderRow.state == FAILED, ReminderRow.next_attempt_at.is_not(None), ReminderRow.next_attempt_at <= now),
               and_(ReminderRow.state == CLAIMED, ReminderRow.claim_expires_at < now))


class Dispatcher:
    def __init__(self, store: Store, config: Config, senders: dict[str, Sender], *,
                 clock: Optional[Callable[[], dt.datetime]] = None, name: Optional[str] = None,
                 use_lease: bool = True):
        policy = config.reminders
        self.store, self.config, self.policy, self.senders = store, config, policy, senders
        self.clock = clock or system_clock
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.use_lease = use_lease
        self.lease = Lease(store, self.name, float(getattr(policy, "lease_seconds", 180)))
        self.claim_seconds = float(getattr(policy, "claim_seconds", 300))
        self.catch_up_days = int(getattr(policy, "catch_up_days", 7))
        self.backoff = [float(s) for s in policy.retry_backoff_seconds] or [60.0]
        self.max_attempts = int(getattr(policy, "max_attempts", len(self.backoff) + 1))
        self._now = lambda: utc(self.clock())
        self._leader: Optional[bool] = None

    # --- the one entry point -------------------------------------------------------------------

    def tick(self) -> Optional[DispatchReport]:
        """For a scheduler: one dispatch by the clock; errors are logged, never raised."""
        try:
            report = self.dispatch_due()
        except Exception:  # noqa: BLE001 - a database blip must not stop the clock
            log.exception("reminder dispatch failed; will try again at the next tick")
            return None
        if report.sent or report.failed or report.skipped:
            log.info("reminders: %s", report.line())
        return report

    def dispatch_due(self, now: Optional[dt.datetime] = None) -> DispatchReport:
        """Plan today's reminders (and any missed in the catch-up window), then deliver,
        skip or retry every reminder due by `now`."""
        from govbot.service.reminders import snapshot

        # An explicit `now` holds for the whole round (tests, catch-up); else the clock runs on.
        fixed = now is not None
        now = utc(now or self.clock())
        self._now = (lambda: now) if fixed else (lambda: utc(self.clock()))
        report = DispatchReport(now)
        if not self._lead(now):
            report.leader = False
            return report
        today = london_today(now)
        snap = snapshot(self.store, self.config, today)
        plan = plan_window(self.policy, snap, today - dt.timedelta(days=self.catch_up_days), today)
        report.planned = self.save_plan(plan, now)
        self._send_due(now, {p.key: p for p in plan}, snap, report)
        return report

    def _lead(self, now: dt.datetime) -> bool:
        """Whether this dispatcher may dispatch now (it holds the lease); says so when that changes."""
        leader = not self.use_lease or self.lease.hold(now)
        if leader != self._leader:
            log.info("reminders: %s %s", self.name, "dispatches" if leader else "stands by (another dispatcher holds the lease)")
            self._leader = leader
        return leader

    def _send_due(self, now: dt.datetime, current: dict, snap, report: DispatchReport) -> None:
        due = self.due_rows(now)
        held_at = now
        for row in due:
            moment = utc(self._now())
            if self.use_lease and moment - held_at > dt.timedelta(seconds=self.lease.seconds / 3):
                if not self.lease.hold(moment):  # renewed while delivering a long batch
                    log.warning("reminders: lease lost to another dispatcher; stopping this round")
                    break
                held_at = moment
            reason = skip_reason(row, current, snap, due)
            if reason and row.sending_at is not None:
                reason += f"; an attempt at {utc(row.sending_at):%Y-%m-%d %H:%M}Z may have been delivered"
            if reason:
                if self._skip(row, reason, now):
                    report.skipped.append(row.key)
                continue
            if row.channel not in self.senders:
                report.waiting += 1
                continue
            self.deliver(row, report)

    def close(self) -> None:
        """Give the lease up at once so a restarted dispatcher need not wait for it to expire."""
        if self.use_lease:
            self.lease.release(utc(self.clock()))

    # --- the table ---------------------------------------------------------------------------------

    def save_plan(self, plan: list[Planned], now: dt.datetime) -> int:
        """Insert what is not there yet; refresh the words of what is still only planned."""
        if not plan:
            return 0
        insert = postgresql.insert if self.store.dialect == "postgresql" else sqlite.insert
        with self.store.write() as session:
            before = session.scalar(select(func.count()).select_from(ReminderRow))
            for p in plan:
                values = dict(person=p.person, subject=p.subject, deadline=p.deadline, lead=p.lead, channel=p.channel,
                              kind=p.kind, address=p.address, due_at=p.due_at, title=p.title,
                              message=p.message.to_json(), state=PLANNED, attempts=0, created_at=now)
                stmt = insert(ReminderRow).values(**values)
                stmt = stmt.on_conflict_do_update(
                    index_elements=["person", "subject", "deadline", "lead", "channel"],
                    set_=dict(address=stmt.excluded.address, due_at=stmt.excluded.due_at, title=stmt.excluded.title,
                              message=stmt.excluded.message),
                    where=ReminderRow.state == PLANNED)
                session.execute(stmt)
            return session.scalar(select(func.count()).select_from(ReminderRow)) - before

    def due_rows(self, now: dt.datetime) -> list[ReminderRow]:
        with self.store() as session:
            rows = session.scalars(select(ReminderRow).where(ReminderRow.due_at <= now, _claimable(now))
                                   .order_by(ReminderRow.due_at, ReminderRow.id)).all()
        for row in rows:
            row.due_at = utc(row.due_at)
        return list(rows)

    def _skip(self, row: ReminderRow, reason: str, now: dt.datetime) -> bool:
        with self.store.write() as session:
            done = session.execute(update(ReminderRow).where(ReminderRow.id == row.id, _claimable(now))
                                   .values(state=SKIPPED, skipped_reason=reason, claimed_by=None)).rowcount
        if done:
            log.info("reminder %s skipped: %s", row.key, reason)
        return bool(done)

    def claim(self, row: ReminderRow, now: dt.datetime) -> Optional[ReminderRow]:
        """The row, claimed by this dispatcher; None if another got there first."""
        with self.store.write() as session:
            won = session.execute(
                update(ReminderRow).where(ReminderRow.id == row.id, _claimable(now))
                .values(state=CLAIMED, claimed_by=self.name,
                        claim_expires_at=now + dt.timedelta(seconds=self.claim_seconds))
            ).rowcount
            if not won:
                return None
            claimed = session.get(ReminderRow, row.id)
            session.expunge(claimed)
        return claimed

    def _mine(self):
        return and_(ReminderRow.state == CLAIMED, ReminderRow.claimed_by == self.name)

    def _update_mine(self, row_id: int, **values) -> bool:
        with self.store.write() as session:
            return bool(session.execute(update(ReminderRow).where(ReminderRow.id == row_id, self._mine()).values(**values)).rowcount)

    # --- delivery ---------------------------------------------------------------------------------

    def deliver(self, row: ReminderRow, report: DispatchReport) -> None:
        now = utc(self._now())
        claimed = self.claim(row, now)
        if claimed is None:
            return
        sender = self.senders[claimed.channel]
        if claimed.sending_at is not None and self._already_sent(claimed, sender, now, report):
            return
        if not self._update_mine(claimed.id, sending_at=now, attempts=ReminderRow.attempts + 1):
            return  # the claim passed to another dispatcher in between: theirs to send
        try:
            message_id = sender.send(claimed, Message.from_json(claimed.message))
        except DeliveryError as exc:
            self._failed(claimed, exc, report)
            return
        if not self._update_mine(claimed.id, state=SENT, sent_at=utc(self._now()), message_id=message_id,
                                 sending_at=None, last_error=None):
            log.warning("reminder %s sent, but its claim had passed to another dispatcher", claimed.key)
        report.sent.append(claimed.key)

    def _already_sent(self, row: ReminderRow, sender: Sender, now: dt.datetime, report: DispatchReport) -> bool:
        """An earlier attempt's outcome was lost in a crash: did it arrive? True when it did
        (now recorded as sent), or when the channel cannot say yet (retried later, still
        marked as possibly sent, so nothing is posted twice)."""
        try:
            found = sender.find(row, utc(row.sending_at))
        except DeliveryError as exc:
            nxt = now + dt.timedelta(seconds=exc.retry_after or self.backoff[0])
            self._update_mine(row.id, state=FAILED, next_attempt_at=nxt, last_error=f"checking an earlier attempt: {exc}")
            report.failed.append(row.key)
            return True
        if not found:
            return False
        self._update_mine(row.id, state=SENT, sent_at=now, message_id=found, sending_at=None, last_error=None)
        report.sent.append(row.key)
        log.info("reminder %s was already delivered (%s); not sent again", row.key, found)
        return True

    def _failed(self, row: ReminderRow, exc: DeliveryError, report: DispatchReport) -> None:
        now = utc(self._now())
        attempts = (row.attempts or 0) + 1
        if exc.retry and attempts < self.max_attempts:
            delay = self.backoff[min(attempts - 1, len(self.backoff) - 1)]
            if exc.retry_after is not None:  # Slack says when to come back (Retry-After)
                delay = exc.retry_after
            nxt, error = now + dt.timedelta(seconds=delay), str(exc)
        else:
            nxt = None
            error = str(exc) if not exc.retry else f"gave up after {attempts} attempts: {exc}"
        # sending_at cleared: this attempt's outcome is known (it failed).
        self._update_mine(row.id, state=FAILED, next_attempt_at=nxt, last_error=error, sending_at=None)
        report.failed.append(row.key)
        log.warning("reminder %s not delivered (%s)%s", row.key, error,
                    f"; retry at {nxt:%H:%M:%S}Z" if nxt else "; not retried")
