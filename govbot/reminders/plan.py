"""Planning, pure: reminder policy + the register as of a day -> the reminders due that day.

Nothing here reads a database or a clock. `Snapshot` is the register as of one day (built
by `govbot.service.reminders.snapshot`); `plan_day` turns it into `Planned` reminders:

- a digest per person on every working day, at their digest time (Europe/London);
- lead-time reminders `lead_days` before each open deadline (moved back to a working day
  by `lead_dates`, so a reminder is never late);
- an escalation to the monitoring officer once something is `escalate_overdue_days` overdue;
- a weekly summary to the governance channel on the policy's day (the next working day
  in that week if it is a bank holiday).

`skip_reason` decides whether a reminder that fell due while govbot was down is still
worth sending.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

from govbot.reminders.message import Entry, Message
from govbot.store.reminders import reminder_key
from govbot.tracker.calendar import is_working_day, lead_dates, london_at, london_today, next_working_day

DIGEST, LEAD, ESCALATION, WEEKLY = "digest", "lead", "escalation", "weekly"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# What belongs in a daily digest: things that need someone to act, not far-off plans.
DIGEST_STATUSES = {"ready", "awaiting condition", "record drafted", "signed", "due soon", "overdue", "late",
                   "in progress", "publication due"}


@dataclass(frozen=True)
class Subject:
    """Something with a deadline or a next step, as of the snapshot's day."""

    key: str  # "obligation:OB1234", "milestone:MS…", "action:DL…", "record:DR…"
    kind: str
    entry: Entry
    due: Optional[dt.date]
    open: bool  # something is still to be done (not done, waived, published or lapsed)
    people: tuple[str, ...]  # names of the people who should hear about it


@dataclass(frozen=True)
class Recipient:
    name: str
    slack_user: Optional[str] = None
    email: Optional[str] = None
    channels: tuple[str, ...] = ("slack", "email")
    digest_time: str = "08:30"

    def addresses(self) -> list[tuple[str, str]]:
        found = {"slack": self.slack_user, "email": self.email}
        return [(channel, found[channel]) for channel in self.channels if found.get(channel)]


@dataclass(frozen=True)
class Snapshot:
    """The register as of `today`, and who hears about it."""

    today: dt.date
    subjects: tuple[Subject, ...]
    recipients: dict[str, Recipient]
    monitoring_officer: Optional[str] = None
    governance_channel: Optional[str] = None
    problems: tuple[str, ...] = ()  # e.g. "unknown role title: …" (reported, never guessed)

    def subject(self, key: str) -> Optional[Subject]:
        return next((s for s in self.subjects if s.key == key), None)


@dataclass(frozen=True)
class Planned:
    person: str
    subject: str
    deadline: dt.date
    lead: int
    channel: str
    kind: str
    address: str
    due_at: dt.datetime  # aware, UTC
    message: Message = field(compare=False)

    @property
    def key(self) -> str:
        return reminder_key(self.person, self.subject, self.deadline, self.lead, self.channel)

    @property
    def title(self) -> str:
        return self.message.title


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _each_address(recipient: Recipient, **fields) -> list[Planned]:
    return [Planned(person=recipient.name, channel=channel, address=address, **fields)
            for channel, address in recipient.addresses()]


def weekly_day(policy, day: dt.date) -> Optional[dt.date]:
    """The day of `day`'s week on which the weekly summary goes out (None if it is off)."""
    setting = policy.weekly_summary or {}
    name = str(setting.get("day", "mon")).strip().lower()[:3]
    if not setting or name not in WEEKDAYS:
        return None
    monday = day - dt.timedelta(days=day.weekday())
    target = next_working_day(monday + dt.timedelta(days=WEEKDAYS.index(name)))
    return target if target - monday < dt.timedelta(days=7) else None


def plan_day(policy, snap: Snapshot, day: dt.date, *, digests: bool = True) -> list[Planned]:
    """Every reminder that falls due on `day`, by the register as `snap` shows it."""
    out: list[Planned] = []
    open_subjects = [s for s in snap.subjects if s.open]
    for subject in open_subjects:
        out += _leads(policy, snap, subject, day) + _escalation(policy, snap, subject, day)
    if digests and is_working_day(day):
        out += _digests(snap, open_subjects, day)
    if weekly_day(policy, day) == day and snap.governance_channel:
        out += _weekly(policy, snap, open_subjects, day)
    return out


def _leads(policy, snap: Snapshot, subject: Subject, day: dt.date) -> list[Planned]:
    if subject.due is None:
        return []
    out = []
    for lead, on in lead_dates(subject.due, list(policy.lead_days)).items():
        if on != day or subject.due < day:
            continue
        left = (subject.due - day).days
        when = "today" if left == 0 else f"in {_days(left)}"
        message = Message(f"Due {when}: {subject.entry.ref} {_short(subject.entry.what)}", f"{subject.entry.what} is due by {subject.due.isoformat()}.",
                          (subject.entry,))
        for name in subject.people:
            recipient = snap.recipients.get(name)
            if recipient:
                out += _each_address(recipient, subject=subject.key, deadline=subject.due, lead=lead, kind=LEAD,
                                     due_at=london_at(day, recipient.digest_time), message=message)
    return out


def escalation_day(policy, due: dt.date) -> dt.date:
    return next_working_day(due + dt.timedelta(days=policy.escalate_overdue_days))


def _escalation(policy, snap: Snapshot, subject: Subject, day: dt.date) -> list[Planned]:
    officer = snap.recipients.get(snap.monitoring_officer or "")
    if subject.due is None or officer is None or escalation_day(policy, subject.due) != day:
        return []
    late = (day - subject.due).days
    owners = ", ".join(subject.people) or "no one (unknown role title)"
    message = Message(f"Overdue {_days(late)}: {subject.entry.ref} {_short(subject.entry.what)}",
                      f"{subject.entry.what} was due by {subject.due.isoformat()} and is not done. "
                      f"It rests with {owners}.", (subject.entry,))
    return _each_address(officer, subject=f"escalation:{subject.key}", deadline=subject.due,
                         lead=-policy.escalate_overdue_days, kind=ESCALATION,
                         due_at=london_at(day, officer.digest_time), message=message)


def _digest_order(subject: Subject):
    return (subject.due is None, subject.due or dt.date.max, subject.entry.ref)


def _digests(snap: Snapshot, subjects: list[Subject], day: dt.date) -> list[Planned]:
    out = []
    for recipient in snap.recipients.values():
        mine = sorted((s for s in subjects if recipient.name in s.people and s.entry.status in DIGEST_STATUSES),
                      key=_digest_order)
        if not mine:
            continue
        overdue = sum(1 for s in mine if s.entry.status in ("overdue", "late"))
        intro = f"{len(mine)} thing{'s' if len(mine) != 1 else ''} need your attention"
        intro += f", {overdue} overdue." if overdue else "."
        message = Message(f"govbot digest for {recipient.name}, {day:%a} {day.day} {day:%b %Y}", intro,
                          tuple(s.entry for s in mine))
        out += _each_address(recipient, subject=DIGEST, deadline=day, lead=0, kind=DIGEST,
                             due_at=london_at(day, recipient.digest_time), message=message)
    return out


def _weekly(policy, snap: Snapshot, subjects: list[Subject], day: dt.date) -> list[Planned]:
    wanted = [s for s in subjects if s.entry.status in DIGEST_STATUSES]
    counts: dict[str, int] = {}
    for s in wanted:
        counts[s.entry.status] = counts.get(s.entry.status, 0) + 1
    said = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing outstanding"
    message = Message(f"Weekly governance summary, week of {day:%d %b %Y}", f"As of {day.isoformat()}: {said}.",
                      tuple(sorted((s.entry for s in wanted), key=lambda e: (e.by is None, e.by or "", e.ref))))
    at = (policy.weekly_summary or {}).get("time", "09:00")
    channel = snap.governance_channel
    return [Planned(person=channel, subject=WEEKLY, deadline=day, lead=0, channel="slack", kind=WEEKLY,
                    address=channel, due_at=london_at(day, at), message=message)]


def plan_window(policy, snap: Snapshot, first: dt.date, last: dt.date) -> list[Planned]:
    """Reminders falling due from `first` to `last`. Digests are planned for `last` (today)
    only, weekly summaries for `last`'s week only: yesterday's digest is of no use today."""
    out, day = [], first
    while day <= last:
        planned = plan_day(policy, snap, day, digests=day == last)
        # A weekly summary is worth catching up only within its own week.
        same_week = day.isocalendar()[:2] == last.isocalendar()[:2]
        out += [p for p in planned if same_week or p.kind != WEEKLY]
        day += dt.timedelta(days=1)
    return out


# --- catch-up: still worth sending? ---------------------------------------------------------------


def skip_reason(row, current: dict[str, Planned], snap: Snapshot, due_rows: Iterable = ()) -> Optional[str]:
    """None when a due reminder should go out now; else why it is skipped.

    `row` has person, subject, deadline, lead, channel, kind, due_at, key; `current` is the
    plan for the catch-up window by today's register; `due_rows` the other reminders due now.
    """
    today = snap.today
    planned_on = london_today(row.due_at)
    if row.kind == DIGEST and planned_on < today:
        return f"digest for {planned_on.isoformat()} was not sent that day (govbot was not running); today's digest replaces it"
    if row.kind == WEEKLY and planned_on.isocalendar()[:2] != today.isocalendar()[:2]:
        return f"weekly summary of {planned_on.isoformat()} is out of date; next week's replaces it"
    if row.kind == LEAD and row.deadline < today:
        return f"deadline {row.deadline.isoformat()} has passed; the overdue escalation takes over"
    if row.key not in current:
        return _why_not_planned(row, snap)
    if row.kind == LEAD:
        newer = [r.lead for r in due_rows if r.kind == LEAD and r.lead < row.lead
                 and (r.person, r.subject, r.deadline, r.channel) == (row.person, row.subject, row.deadline, row.channel)]
        if newer:
            return f"superseded by the {_days(min(newer))} reminder due at the same time"
    return None


def _why_not_planned(row, snap: Snapshot) -> str:
    if row.kind in (DIGEST, WEEKLY):
        return "nothing left to report"
    key = row.subject.removeprefix("escalation:")
    subject = snap.subject(key)
    if subject is None:
        return f"{key} is no longer in the register"
    if not subject.open:
        return f"no longer due: {subject.entry.status} ({subject.entry.status_why})"
    return "no longer planned (the policy, the due date or the people concerned changed)"
