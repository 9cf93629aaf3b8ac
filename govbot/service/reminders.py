"""Reminders as a service: the register as the reminder planner sees it, the preview, and
the dispatcher every front end (`govbot remind run`, `govbot serve`) starts.

- `snapshot(store, config, today)`: what is open, due, overdue as of `today`, why, and who
  should hear (names from the roles directory).
- `preview(store, config, as_of, person=None)`: who would get what and when, sending nothing.
- `make_dispatcher(config, store=…, clock=…)`: a `govbot.reminders.dispatch.Dispatcher`
  with Slack and email delivery configured from the environment.
- `reminder_log(store, ...)`: what was planned, sent, failed or skipped.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from govbot.config import Config
from govbot.reminders.message import DRAFT_RECORD, MARK_DONE, PUBLISH_RECORD, Entry
from govbot.reminders.plan import Planned, Recipient, Snapshot, Subject, plan_day
from govbot.roles import RolesDirectory
from govbot.service import register
from govbot.store import tables as t
from govbot.store.db import Store
from govbot.store.reminders import ReminderRow
from govbot.tracker.calendar import describe_due, record_due

OPEN_ACTIONS = {"ready", "awaiting condition", "record drafted", "signed"}


class ReminderError(Exception):
    """A request about reminders that cannot be carried out; str() is one line saying why."""


# --- who hears ------------------------------------------------------------------------------------


def recipients(config: Config) -> dict[str, Recipient]:
    """Everyone in the roles directory, with their channels and digest time."""
    policy = config.reminders
    out = {}
    for person in config.roles:
        channels = tuple(getattr(person, "channels", None) or policy.channels)
        at = policy.digest_times.get(person.name) or policy.digest_times.get(person.title) or policy.digest_time
        out[person.name] = Recipient(person.name, person.slack_user, person.email, channels, at)
    return out


def _governance_people(config: Config, directory: RolesDirectory) -> tuple[str, ...]:
    found = (directory.resolve(title) for title in config.governance_officers)
    return tuple(dict.fromkeys(p.name for p in found if p))


# --- the register, as the planner sees it ----------------------------------------------------------


def _where(w) -> str:
    parts = [w.body or "Meeting", f"{w.meeting_date.day} {w.meeting_date:%b %Y}" if w.meeting_date else ""]
    if w.minute:
        parts.append(f"minute {w.minute}")
    text = ", ".join(p for p in parts if p)
    if w.title:
        text += f": {w.title}"
    if w.report_ref:
        text += f" ({w.report_ref})"
    return text


def _clause(label: Optional[str], text: Optional[str]) -> str:
    if not text:
        return ""
    text = text if len(text) <= 400 else text[:399] + "…"
    return f"Resolution ({label}): {text}" if label else f"Resolution: {text}"


@dataclass
class _Context:
    """What the register's rows do not carry: clause texts, people per item, milestone users."""

    delegation_clause: dict[str, str]
    item_people: dict[str, list[str]]
    item_clauses: dict[str, list[tuple[Optional[int], Optional[int], str]]]
    obligation_span: dict[str, tuple[Optional[int], Optional[int]]]
    milestone_users: dict[str, list[str]]
    ref_people: dict[str, list[str]]


def _context(session: Session) -> _Context:
    clause_of = {}
    item_clauses = defaultdict(list)
    for rid, item_id, label, text, start, end in session.execute(
            select(t.Resolution.id, t.Resolution.item_id, t.Resolution.label, t.Resolution.text,
                   t.Resolution.span_start, t.Resolution.span_end).where(t.Resolution.removed_at.is_(None))):
        clause_of[rid] = _clause(label, text)
        item_clauses[item_id].append((start, end, clause_of[rid]))
    delegation_clause, item_people, ref_people = {}, defaultdict(list), defaultdict(list)
    rows = session.execute(
        select(t.Delegation.id, t.Delegation.item_id, t.Delegation.resolution_id, t.Delegation.resolution_label,
               t.DelegationPerson.person, t.Item.report_ref)
        .join(t.Item, t.Item.id == t.Delegation.item_id)
        .outerjoin(t.DelegationPerson, (t.DelegationPerson.delegation_id == t.Delegation.id) & (t.DelegationPerson.role == "delegate"))
        .where(t.Delegation.removed_at.is_(None)))
    for did, item_id, rid, label, person, ref in rows:
        delegation_clause[did] = clause_of.get(rid, "") or (f"Resolution ({label})" if label else "")
        if person and person not in item_people[item_id]:
            item_people[item_id].append(person)
        if person and ref and person not in ref_people[ref]:
            ref_people[ref].append(person)
    spans = {oid: (s, e) for oid, s, e in session.execute(
        select(t.Obligation.id, t.Obligation.span_start, t.Obligation.span_end).where(t.Obligation.removed_at.is_(None)))}
    users = defaultdict(list)
    for mid, did, oid, label in session.execute(
            select(t.MilestoneLink.milestone_id, t.MilestoneLink.delegation_id, t.MilestoneLink.obligation_id,
                   t.Delegation.resolution_label)
            .outerjoin(t.Delegation, t.Delegation.id == t.MilestoneLink.delegation_id)):
        if did:
            users[mid].append(f"the condition of delegation {did}" + (f" (clause ({label}))" if label else ""))
        elif oid:
            users[mid].append(f"obligation {oid}")
    return _Context(delegation_clause, item_people, item_clauses, spans, users, ref_people)


def _obligation_clause(ctx: _Context, item_id: str, obligation_id: str, obligation_text: str) -> str:
    """The clause the obligation was read from: by its place in the text, else the clause
    sharing most of its words (none if nothing much is shared)."""
    start, end = ctx.obligation_span.get(obligation_id, (None, None))
    clauses = ctx.item_clauses.get(item_id, [])
    if start is not None:
        for c_start, c_end, text in clauses:
            if c_start is not None and c_end is not None and c_start <= start and (end or start) <= c_end:
                return text
    words = _words(obligation_text)
    scored = [(len(words & _words(text)) / (len(words) or 1), text) for _, _, text in clauses]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= 0.3 else ""


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _milestones_said(milestones) -> str:
    return "; ".join(f"milestone {m.name!r}" + (f" (due {m.end.isoformat()})" if m.end else "") for m in milestones)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p) or "set by the decision"


def snapshot(store: Store, config: Config, today: dt.date) -> Snapshot:
    """The register as of `today`, as subjects the planner can remind people about."""
    directory = RolesDirectory.from_config(config)
    governance = _governance_people(config, directory)
    with store() as session:
        ctx = _context(session)
        pending_records = _records_awaiting_publication(session)
    subjects: list[Subject] = []
    problems: list[str] = []
    for a in register.actions(store, today=today, config=config):
        people = tuple(p for p in a.people if p)
        problems += [f"{a.id}: {directory.unresolved_reason(title)}" for title, p in zip(a.delegates, a.people) if not p]
        entry = Entry(a.id, f"Delegated authority: {a.power}" if a.power else "Delegated authority",
                      _join(ctx.delegation_clause.get(a.id, ""), _milestones_said(a.milestones)),
                      a.expires_on.isoformat() if a.expires_on else None, str(a.status), a.why, _where(a.where),
                      DRAFT_RECORD if a.status == "ready" else None, a.id if a.status == "ready" else None)
        subjects.append(Subject(f"action:{a.id}", "action", entry, a.expires_on, str(a.status) in OPEN_ACTIONS, people))
    for o in register.obligations(store, today=today, config=config):
        due = o.due_date or next((m.end for m in o.milestones if m.end), None)
        status = str(o.status)
        open_ = status not in ("done", "waived")
        people = tuple(ctx.item_people.get(o.where.item_id) or governance)
        entry = Entry(o.id, o.text, _join(_obligation_clause(ctx, o.where.item_id, o.id, o.text), _milestones_said(o.milestones)),
                      due.isoformat() if due else None, status, o.why, _where(o.where),
                      MARK_DONE if open_ else None, o.id if open_ else None)
        subjects.append(Subject(f"obligation:{o.id}", "obligation", entry, due, open_, people))
    for m in register.milestones(store, today=today):
        owner = directory.resolve(m.owner) if m.owner else None
        people = (owner.name,) if owner else tuple(ctx.ref_people.get(m.report_ref or "", ()) or governance)
        behind = ctx.milestone_users.get(m.id)
        why = f"Appendix A of {m.report_ref or 'the report'}" + (f"; {', '.join(behind)} waits for it" if behind else "")
        entry = Entry(m.id, f"Milestone {m.name!r}", why, m.end.isoformat() if m.end else None, str(m.status), m.why,
                      f"Appendix A timeline ({m.report_ref})" if m.report_ref else "Appendix A timeline")
        subjects.append(Subject(f"milestone:{m.id}", "milestone", entry, m.end, str(m.status) != "done", people))
    n = config.statutory.record_publication_working_days
    for record_id, delegation_id, decision_on in pending_records:
        due = record_due(decision_on, n)
        late = today > due
        entry = Entry(record_id, f"Publish the decision record of {decision_on.isoformat()} (delegation {delegation_id})",
                      _join(ctx.delegation_clause.get(delegation_id, ""),
                            f"the record must be published as soon as reasonably practicable: {n} working days here"),
                      due.isoformat(), "overdue" if late else "publication due",
                      f"signed, not published; due {describe_due(due)}", f"Decision record {record_id}",
                      PUBLISH_RECORD, record_id)
        subjects.append(Subject(f"record:{record_id}", "record", entry, due, True, governance))
    officer = directory.resolve(config.monitoring_officer) if config.monitoring_officer else None
    return Snapshot(today, tuple(subjects), recipients(config), officer.name if officer else None,
                    config.slack.governance_channel or None, tuple(dict.fromkeys(problems)))


def _records_awaiting_publication(session: Session) -> list[tuple[str, str, dt.date]]:
    """Decision records signed (the decision is taken) but not yet published."""
    try:
        from govbot.store.records import DecisionRecordRow
    except ImportError:  # decision records not installed: nothing to publish
        return []
    rows = session.execute(select(DecisionRecordRow.id, DecisionRecordRow.delegation_id, DecisionRecordRow.decision_on)
                           .where(DecisionRecordRow.state == "signed", DecisionRecordRow.published_on.is_(None),
                                  DecisionRecordRow.decision_on.is_not(None)))
    return [tuple(r) for r in rows]


# --- preview ----------------------------------------------------------------------------------------


def preview(store: Store, config: Config, as_of: dt.date, person: Optional[str] = None) -> list[Planned]:
    """Who would get what on `as_of`, and when, by the register as of that day. Sends nothing,
    writes nothing. `person` (a role title, name, email or Slack id) keeps that person's."""
    planned = plan_day(config.reminders, snapshot(store, config, as_of), as_of)
    if person:
        found = RolesDirectory.from_config(config).find(person)
        if found is None:
            raise ReminderError(f"--person {person!r}: not in the roles directory (config.yaml roles)")
        planned = [p for p in planned if p.person == found.name]
    return sorted(planned, key=lambda p: (p.due_at, p.person, p.kind, p.subject, p.channel))


# --- the dispatcher and its log ---------------------------------------------------------------------


def make_dispatcher(config: Config, *, store: Optional[Store] = None, clock: Optional[Callable[[], dt.datetime]] = None,
                    name: Optional[str] = None, senders: Optional[dict] = None):
    """The dispatcher for `config`'s database, delivering by Slack (SLACK_BOT_TOKEN,
    SLACK_API_URL) and email (config.email, GOVBOT_SMTP_USER/GOVBOT_SMTP_PASSWORD)."""
    from govbot.reminders.delivery import senders_from_env
    from govbot.reminders.dispatch import Dispatcher
    from govbot.store.db import open_store

    store = store or open_store(config)
    return Dispatcher(store, config, senders if senders is not None else senders_from_env(config), clock=clock, name=name)


def reminder_log(store: Store, *, state: Optional[str] = None, since: Optional[dt.date] = None,
                 limit: int = 200) -> list[ReminderRow]:
    """Reminders as recorded, newest first: planned, claimed, sent, failed or skipped."""
    stmt = select(ReminderRow).order_by(ReminderRow.due_at.desc(), ReminderRow.id.desc()).limit(limit)
    if state:
        stmt = stmt.where(ReminderRow.state == state)
    if since:
        stmt = stmt.where(ReminderRow.deadline >= since)
    with store() as session:
        return list(session.scalars(stmt))
