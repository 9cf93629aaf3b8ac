"""Officer decision records: draft from a delegation, confirm, sign, publish, amend, withdraw.

Every front end calls these. Each step runs in one transaction that also appends to the
hash-chained audit log (and moves the delegation's record state in the register); a step
that is refused is logged too, in its own transaction, and raises RecordRefused saying
exactly what is missing. `today` and `now` are parameters, as everywhere.

- `draft_record(store, config, action_id, today)`: fill in everything the register knows.
- `confirm`, `sign`, `publish`, `withdraw`, `amend`: the sign-off workflow.
- `get_record`, `history`, `render_record`: look at a record; Word, Markdown, PDF.
- `verify_audit(store)`: the audit log checked end to end.
- `publish_register(store, config, out_dir, today)`: the public register (HTML, CSV, JSON).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import yaml
from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from govbot.config import Config
from govbot.domain import RecordState
from govbot.records import audit
from govbot.records.checks import RecordRefused, sign_problems
from govbot.records.model import (
    Authority,
    Condition,
    Consultation,
    DecisionMaker,
    DecisionRecord,
    ImpactAssessment,
    Signature,
    is_todo,
    todo,
)
from govbot.records.workflow import Action, Parties, next_state
from govbot.roles import RolesDirectory
from govbot.store import queries as q
from govbot.store.db import Store
from govbot.store.ids import ALPHABET, key_hash, normalise_id
from govbot.store.records import AuditCheckpoint, AuditLogRow, DecisionRecordRow, DecisionRecordVersion, PublicationRow
from govbot.tracker.calendar import effective_from, record_due
from govbot.tracker.status import ActionState, ConditionState, MilestoneState, ObligationState
from govbot.tracker.status import condition_unmet, obligation_status

__all__ = ["RecordError", "RecordRefused", "RecordView", "allowed", "amend", "confirm", "draft_record", "get_record",
           "history", "publish", "publish_register", "render_record", "sign", "verify_audit", "withdraw"]

RECORD_PREFIX = "E"  # "R" is a resolution; E for an officer's dEcision record
PROTECTED = {"reference", "signature", "publication_date", "publication_due", "effective_from", "decision_makers"}


class RecordError(Exception):
    """A request about records that cannot be carried out (no such id, bad value); one line."""


@dataclass
class RecordView:
    id: str
    delegation_id: str
    state: str
    version: int
    record: DecisionRecord
    digest: str
    notes: list[str] = field(default_factory=list)  # e.g. unknown role titles met when drafting


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _write(store: Store, work: Callable[[Session], Any], attempts: int = 3) -> Any:
    """Run `work` in one write transaction. Two writers that raced for the same audit
    sequence number or record version collide on a unique key; the loser tries again,
    seeing the winner's change (so it appends after it, or is refused by the workflow)."""
    for attempt in range(attempts):
        try:
            with store.write() as session:
                return work(session)
        except IntegrityError as exc:
            if attempt == attempts - 1:
                raise RecordError("another change was being made at the same moment; try again "
                                  f"({str(exc.orig).splitlines()[0]})") from None


# --- people --------------------------------------------------------------------------------


def _person(config: Config, who: Optional[str]) -> Optional[str]:
    """`--as PERSON` (a name, role title, email or Slack id) -> the person's name."""
    found = RolesDirectory.from_config(config).find(who) if who else None
    return found.name if found else None


def _governance_officers(config: Config) -> frozenset[str]:
    directory = RolesDirectory.from_config(config)
    return frozenset(p.name for p in map(directory.resolve, config.governance_officers) if p)


def _parties(config: Config, record: DecisionRecord) -> Parties:
    return Parties(_governance_officers(config), frozenset(record.delegate_names()),
                   frozenset(record.consultee_names()))


# --- the audit log -------------------------------------------------------------------------


def _append_audit(session: Session, *, who: str, action: str, entity: str, digest: Optional[str],
                  now: dt.datetime, outcome: str = "done", detail: str = "") -> audit.AuditEntry:
    """Append one entry and move the checkpoint, in the caller's transaction. The
    checkpoint row is locked first, so two writers append one after the other."""
    head = session.execute(select(AuditCheckpoint).where(AuditCheckpoint.name == "head").with_for_update()).scalar_one_or_none()
    last = session.scalars(select(AuditLogRow).order_by(AuditLogRow.seq.desc()).limit(1)).first()
    entry = audit.next_entry(_entry(last) if last else None, at=now, who=who, action=action, entity=entity,
                             digest=digest, outcome=outcome, detail=detail)
    session.add(AuditLogRow(**{k: getattr(entry, k) for k in audit.AuditEntry.__dataclass_fields__}))
    if head is None:
        session.add(AuditCheckpoint(name="head", seq=entry.seq, hash=entry.hash))
    else:
        head.seq, head.hash = entry.seq, entry.hash
    session.flush()
    return entry


def _entry(row: AuditLogRow) -> audit.AuditEntry:
    return audit.AuditEntry(**{k: getattr(row, k) for k in audit.AuditEntry.__dataclass_fields__})


def audit_entries(store: Store, entity: Optional[str] = None) -> list[audit.AuditEntry]:
    with store() as session:
        stmt = select(AuditLogRow).order_by(AuditLogRow.pk)
        if entity:
            stmt = stmt.where(AuditLogRow.entity == entity)
        return [_entry(r) for r in session.scalars(stmt)]


def verify_audit(store: Store) -> tuple[int, list[audit.AuditProblem]]:
    """How many entries there are, and every problem `audit.verify` finds in them."""
    with store() as session:
        entries = [_entry(r) for r in session.scalars(select(AuditLogRow).order_by(AuditLogRow.pk))]
        head = session.get(AuditCheckpoint, "head")
    checkpoint = audit.Checkpoint(head.seq, head.hash) if head else None
    if checkpoint is None and entries:
        return len(entries), [audit.AuditProblem(None, "truncated", "the audit checkpoint is missing")]
    return len(entries), audit.verify(entries, checkpoint)


# --- drafting ------------------------------------------------------------------------------


def _action_row(session: Session, action_id: str) -> q.ActionRow:
    rows = q.actions(session, ids=[normalise_id(action_id)])
    if not rows:
        raise RecordError(f"no delegated action with id {action_id} in the register")
    return rows[0]


def _condition(row: q.ActionRow, today: dt.date) -> Optional[Condition]:
    """The delegation's condition as of `today`: met when every linked milestone is done
    (the tracker's rule); an override recorded in the register is carried as its reason."""
    if row.condition is None and not row.milestones:
        return None
    met: Optional[bool] = None  # no milestone linked: govbot cannot tell
    if row.milestones:
        plain = ActionState(condition=row.condition, conditions=tuple(ConditionState.of(m) for m in row.milestones))
        met = condition_unmet(plain, today) is None
    reason = None
    override = ActionState.of(row).override  # the tracker reads the register's override columns
    if override is not None:
        on = f" on {override.on.isoformat()}" if override.on else ""
        reason = f"{override.reason} (recorded by {override.by}{on})"
    ends = [m.end for m in row.milestones if m.end]
    return Condition(text=row.condition or "", milestone=", ".join(m.name for m in row.milestones) or None,
                     milestone_end=max(ends) if ends else None, met=met, as_of=today, override_reason=reason)


def _impact_assessment(session: Session, row: q.ActionRow, today: dt.date, config: Config) -> Optional[ImpactAssessment]:
    found = [o for o in q.obligations(session) if o.where.item_id == row.where.item_id and o.kind == "impact_assessment"]
    if not found:
        return None
    ob = found[0]
    milestone = MilestoneState.of(ob.milestones[0]) if ob.milestones else None
    status, why = obligation_status(ObligationState.of(ob, milestone), today, config.statutory.due_soon_days)
    return ImpactAssessment(text=ob.text, due=ob.due, status=f"{status} ({why})", obligation_id=ob.id)


def _clause_text(session: Session, row: q.ActionRow) -> str:
    for res in q.resolutions(session, item_ids=[row.where.item_id]):
        if row.resolution_label and res.label == row.resolution_label:
            return res.text
    return row.power


def build_draft(session: Session, config: Config, row: q.ActionRow, today: dt.date) -> tuple[DecisionRecord, list[str]]:
    """The record as the register knows it; officer-only fields left as TO COMPLETE."""
    directory = RolesDirectory.from_config(config)
    notes = []
    makers = []
    for title in row.delegates:
        person = directory.resolve(title)
        if person is None:
            notes.append(f"decision maker: {directory.unresolved_reason(title)}")
        makers.append(DecisionMaker(name=person.name if person else f"(unknown: {title})", post=title))
    consulted = []
    for title in row.consultees:
        person = directory.resolve(title)
        if person is None:
            notes.append(f"consultee: {directory.unresolved_reason(title)}")
        consulted.append(Consultation(name=person.name if person else f"(unknown: {title})", post=title))
    where = row.where
    body = where.body or "Cabinet"
    title = f"{where.title}: {row.power}" if where.title else row.power
    papers = []
    if where.report_ref:
        papers.append(f"Report {where.report_ref} to {body}" + (f", {where.meeting_date:%-d %B %Y}" if where.meeting_date else ""))
    papers.append(f"Minutes of {body}" + (f", {where.meeting_date:%-d %B %Y}" if where.meeting_date else "")
                  + (f" (minute {where.minute})" if where.minute else ""))
    impact = _impact_assessment(session, row, today, config)
    record = DecisionRecord(
        title=title or todo("title of the decision"),
        regime="executive" if any(w in body.lower() for w in ("cabinet", "executive", "leader")) else "non-executive",
        decision_makers=makers,
        decision=todo(f"the decision taken under this authority (the power: {row.power})"),
        consultation=consulted,
        authority=Authority(body=body, meeting_date=where.meeting_date, item_number=where.minute,
                            item_title=where.title, clause_label=row.resolution_label,
                            clause_text=_clause_text(session, row), report_ref=where.report_ref, delegation_id=row.id),
        condition=_condition(row, today),
        impact_assessment=impact,
        equality_implications=todo("equality implications: summarise the impact assessment linked below, "
                                   "or say why equality is not relevant") if impact else
        todo("equality implications (EqIA reference and summary, or why not relevant)"),
        background_papers=papers,
    )
    return record, notes


def _new_record_id(session: Session, delegation_id: str) -> str:
    n = session.scalar(select(func.count()).select_from(DecisionRecordRow).where(
        DecisionRecordRow.delegation_id == delegation_id)) or 0
    hashed = key_hash(f"record:{delegation_id}:{n}")
    number = int(hashed, 16)
    for length in range(5, 13):
        digits, rest = [], number
        for _ in range(length):
            rest, rem = divmod(rest, 32)
            digits.append(ALPHABET[rem])
        candidate = RECORD_PREFIX + "".join(digits)
        if session.get(DecisionRecordRow, candidate) is None:
            return candidate
    raise RecordError(f"cannot allocate a record id for {delegation_id}")


def _view(row: DecisionRecordRow, notes: Optional[list[str]] = None) -> RecordView:
    return RecordView(row.id, row.delegation_id, row.state, row.version,
                      DecisionRecord.model_validate(row.fields), row.digest, notes or [])


def _set_delegation_state(session: Session, delegation_id: str, state: str, today: dt.date) -> None:
    from govbot.service.register import set_record_state

    set_record_state(session, delegation_id, str(state), today)


def _save(session: Session, row: DecisionRecordRow, record: DecisionRecord, state: RecordState, action: str,
          who: str, now: dt.datetime, today: dt.date) -> None:
    """Store the record after a step: every step is a new version (a snapshot kept for good)."""
    record = record.model_copy(update={"reference": row.id})
    row.fields = record.model_dump(mode="json")
    row.digest = record.digest()
    row.state = str(state)
    row.updated_at = now
    row.decision_on = None if is_todo(record.decision_date) else record.decision_date
    row.published_on = record.publication_date
    row.version = (row.version or 0) + 1
    session.add(DecisionRecordVersion(record_id=row.id, version=row.version, state=str(state), action=action,
                                      fields=row.fields, digest=row.digest, made_by=who, made_at=now))
    _set_delegation_state(session, row.delegation_id, state, today)
    _append_audit(session, who=who, action=action, entity=f"record:{row.id}", digest=row.digest, now=now,
                  detail=f"version {row.version}, {state}")


def draft_record(store: Store, config: Config, action_id: str, today: dt.date, *,
                 as_person: Optional[str] = None, now: Optional[dt.datetime] = None) -> RecordView:
    """Draft the decision record for a delegated action (a governance officer's step).

    If the action already has a live record (not withdrawn) that record is returned. With
    no `as_person`, the first governance officer in config drafts.
    """
    now = now or _now()
    who = _person(config, as_person) if as_person else next(iter(sorted(_governance_officers(config))), None)
    with store.write() as session:
        action = _action_row(session, action_id)
        live = session.scalars(select(DecisionRecordRow).where(
            DecisionRecordRow.delegation_id == action.id, DecisionRecordRow.state != str(RecordState.withdrawn))
            .order_by(DecisionRecordRow.created_at.desc())).first()
        if live is not None:
            view = _view(live, [f"{action.id} already has a {live.state} decision record, {live.id}"])
            if live.state == str(RecordState.drafted):  # show the condition as it stands today
                view.record = _refresh_from_register(session, config, live, view.record, today)
            return view
        record, notes = build_draft(session, config, action, today)
    parties = _parties(config, record)
    try:
        if who is None:
            raise RecordRefused("draft", [f"{as_person or 'nobody'} is not a person in config.yaml's roles"])
        state = next_state(None, Action.draft, who, parties)
    except RecordRefused as refused:
        _log_refusal(store, as_person or "(nobody)", "draft", f"delegation:{action.id}", None, now, refused)
        raise
    def work(session):
        row = DecisionRecordRow(id=_new_record_id(session, action.id), delegation_id=action.id, version=0,
                                created_by=who, created_at=now)
        session.add(row)
        _save(session, row, record, state, "draft", who, now, today)
        return _view(row, notes)

    return _write(store, work)


# --- the workflow steps ----------------------------------------------------------------------


def record_refusal(store: Store, *, who: str, action: str, entity: str, reason: str,
                   now: Optional[dt.datetime] = None, digest: Optional[str] = None) -> None:
    """Write an action refused by any front end (CLI, Slack) to the audit log, in its own
    transaction, so a refusal is on the record even though the action never happened."""
    now = now or dt.datetime.now(dt.timezone.utc)
    _write(store, lambda session: _append_audit(session, who=who, action=action, entity=entity, digest=digest,
                                                now=now, outcome="refused", detail=reason))


def _log_refusal(store: Store, who: str, action: str, entity: str, digest: Optional[str],
                 now: dt.datetime, refused: RecordRefused) -> None:
    record_refusal(store, who=who, action=action, entity=entity, reason="; ".join(refused.problems),
                   now=now, digest=digest)


def _load(session: Session, record_id: str, lock: bool = False) -> DecisionRecordRow:
    row = session.get(DecisionRecordRow, normalise_id(record_id), with_for_update=lock or None)
    if row is None:
        raise RecordError(f"no decision record with id {record_id}")
    return row


Step = Callable[[Session, DecisionRecordRow, DecisionRecord, str], tuple[DecisionRecord, RecordState]]


def _step(store: Store, config: Config, record_id: str, action: Action, as_person: str,
          now: Optional[dt.datetime], today: dt.date, change: Step) -> RecordView:
    """Run one workflow step: who may, from which state, the change, the checks, the log."""
    now = now or _now()
    def work(session):
        row = _load(session, record_id, lock=True)
        record = DecisionRecord.model_validate(row.fields)
        who = _person(config, as_person)
        if who is None:
            raise RecordRefused(str(action), [f"{as_person} is not a person in config.yaml's roles"])
        record, state = change(session, row, record, who)
        _save(session, row, record, state, str(action), who, now, today)
        return _view(row)

    try:
        return _write(store, work)
    except RecordRefused as refused:
        with store() as session:
            found = session.get(DecisionRecordRow, normalise_id(record_id))
            digest = found.digest if found else None
        _log_refusal(store, _person(config, as_person) or as_person, str(action),
                     f"record:{normalise_id(record_id)}", digest, now, refused)
        raise


def _left(record: DecisionRecord) -> int:
    return sum(1 for c in record.consultation if c.confirmed_at is None)


def confirm(store: Store, config: Config, record_id: str, as_person: str, today: dt.date, *,
            response: Optional[str] = None, consulted_on: Optional[dt.date] = None,
            now: Optional[dt.datetime] = None) -> RecordView:
    """A consultee confirms they were consulted, with their response (default: agreed)."""
    moment = now or _now()

    def change(session, row, record, who):
        next_state(row.state, Action.confirm, who, _parties(config, record), consultees_left=_left(record))
        consultation = []
        for c in record.consultation:
            if c.name == who:
                c = c.model_copy(update={
                    "date": consulted_on or (today if is_todo(c.date) else c.date),
                    "response": response or ("Agreed with the proposed decision." if is_todo(c.response) else c.response),
                    "confirmed_at": moment})
            consultation.append(c)
        record = record.model_copy(update={"consultation": consultation})
        return record, next_state(row.state, Action.confirm, who, _parties(config, record), consultees_left=_left(record))

    return _step(store, config, record_id, Action.confirm, as_person, moment, today, change)


def _refresh_from_register(session: Session, config: Config, row: DecisionRecordRow, record: DecisionRecord,
                           today: dt.date) -> DecisionRecord:
    """The condition and impact assessment as they stand today (a milestone may be done by now)."""
    action = _action_row(session, row.delegation_id)
    condition = _condition(action, today)
    if condition is not None and record.condition is not None and record.condition.override_reason and not condition.met:
        condition = condition.model_copy(update={"override_reason": record.condition.override_reason})
    return record.model_copy(update={"condition": condition,
                                     "impact_assessment": _impact_assessment(session, action, today, config)})


def sign(store: Store, config: Config, record_id: str, as_person: str, today: dt.date, *,
         now: Optional[dt.datetime] = None) -> RecordView:
    """A decision maker signs: every check must pass (RecordRefused lists what is missing)."""
    moment = now or _now()

    def change(session, row, record, who):
        # Say everything that stands in the way at once: the workflow's objections and the
        # record's gaps (consultees' confirmations are among the latter, named one by one).
        problems, state = [], None
        try:
            state = next_state(row.state, Action.sign, who, _parties(config, record))
        except RecordRefused as refused:
            problems += refused.problems
        record = _refresh_from_register(session, config, row, record, today)
        if is_todo(record.decision_date):
            record = record.model_copy(update={"decision_date": today})
        for problem in sign_problems(record, who):
            said = "not a decision maker" in problem and any("may not sign" in p for p in problems)
            if not said:
                problems.append(problem)
        if problems:
            raise RecordRefused("sign", problems)
        maker = next(m for m in record.decision_makers if m.name == who)
        due = record_due(record.decision_date, config.statutory.record_publication_working_days)
        return record.model_copy(update={"signature": Signature(name=who, post=maker.post, signed_at=moment),
                                         "publication_due": due}), state

    return _step(store, config, record_id, Action.sign, as_person, moment, today, change)


def public_fields(record: DecisionRecord) -> dict:
    """What is published: everything but the exempt detail (kept in the confidential appendix)."""
    data = record.model_dump(mode="json")
    data["exempt_detail"] = None
    return data


def publish(store: Store, config: Config, record_id: str, as_person: str, today: dt.date, *,
            now: Optional[dt.datetime] = None) -> RecordView:
    """A governance officer publishes a signed record; effective from after call-in."""

    def change(session, row, record, who):
        state = next_state(row.state, Action.publish, who, _parties(config, record))
        days = config.statutory.call_in_working_days
        starts = effective_from(today, days) if record.subject_to_call_in else today
        record = record.model_copy(update={"publication_date": today, "effective_from": starts})
        # version: the one _save is about to write for this step
        session.add(PublicationRow(record_id=row.id, version=row.version + 1, published_on=today,
                                   decision_on=None if is_todo(record.decision_date) else record.decision_date,
                                   publication_due=record.publication_due, effective_from=starts,
                                   exempt_paragraph=record.exempt_paragraph if record.exempt is True else None,
                                   public_fields=public_fields(record.model_copy(update={"reference": row.id})),
                                   published_by=who))
        return record, state

    return _step(store, config, record_id, Action.publish, as_person, now, today, change)


def withdraw(store: Store, config: Config, record_id: str, as_person: str, today: dt.date, *,
             reason: str, now: Optional[dt.datetime] = None) -> RecordView:
    """Withdraw a record (a governance officer or a decision maker), with a reason."""

    def change(session, row, record, who):
        if not reason or not reason.strip():
            raise RecordRefused("withdraw", ["a reason for withdrawing the record is required"])
        state = next_state(row.state, Action.withdraw, who, _parties(config, record))
        session.execute(update(PublicationRow).where(PublicationRow.record_id == row.id,
                                                     PublicationRow.withdrawn_on.is_(None))
                        .values(withdrawn_on=today, withdrawn_reason=reason.strip()))
        return record, state

    return _step(store, config, record_id, Action.withdraw, as_person, now, today, change)


def _coerce(name: str, value: Any) -> Any:
    """A value typed at the command line: "none" for no conflicts, YAML for lists and maps."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if name == "conflicts" and text.lower() in ("none", "none declared", "[]"):
        return []
    if name == "background_papers" and not text.startswith("["):
        return [p.strip() for p in text.split(";") if p.strip()]
    if text[:1] in "[{":
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RecordError(f"{name}: cannot read {text[:40]!r}: {str(exc).splitlines()[0]}") from None
    if text.lower() in ("null", "~"):
        return None
    return text


def apply_changes(record: DecisionRecord, changes: dict[str, Any]) -> DecisionRecord:
    """The record with fields changed ("reasons", "condition.override_reason", ...), validated."""
    data = record.model_dump(mode="json")
    for key, value in changes.items():
        path = key.split(".")
        if path[0] in PROTECTED:
            raise RecordError(f"{key} is set by govbot, not by amending (it follows the register and the workflow)")
        if path[0] not in DecisionRecord.model_fields:
            raise RecordError(f"a decision record has no field {path[0]!r} "
                              f"(fields: {', '.join(f for f in DecisionRecord.model_fields if f not in PROTECTED)})")
        target = data
        for part in path[:-1]:
            if not isinstance(target.get(part), dict):
                raise RecordError(f"{key}: {part} is not set on this record, so it has no {path[-1]}")
            target = target[part]
        target[path[-1]] = _coerce(path[-1], value)
    try:
        return DecisionRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][:2])
        raise RecordError(f"{where}: {first['msg']}") from None


def amend(store: Store, config: Config, record_id: str, changes: dict[str, Any], as_person: str, today: dt.date, *,
          now: Optional[dt.datetime] = None) -> RecordView:
    """Change fields (a governance officer or decision maker): a new version, back to drafted.

    Signature and consultees' confirmations are cleared (they were given to other words);
    earlier versions and publications are kept.
    """

    def change(session, row, record, who):
        state = next_state(row.state, Action.amend, who, _parties(config, record))
        record = apply_changes(record, changes)
        cleared = [c.model_copy(update={"confirmed_at": None}) for c in record.consultation]
        return record.model_copy(update={"signature": None, "consultation": cleared, "publication_date": None,
                                         "effective_from": None, "publication_due": None}), state

    view = _step(store, config, record_id, Action.amend, as_person, now, today, change)
    reason = changes.get("condition.override_reason")
    if isinstance(reason, str) and reason.strip():
        # The register (and so the tracker and reminders) learns of the override too.
        from govbot.service.register import override_condition

        override_condition(store, view.delegation_id, reason.strip(), _person(config, as_person), today)
    return view


# --- looking at records ----------------------------------------------------------------------


def allowed(config: Config, view: RecordView, as_person: Optional[str]) -> list[str]:
    """The steps this person could take next on this record (for buttons and menus); the
    content checks still run when they take one."""
    from govbot.records.workflow import allowed_actions

    who = _person(config, as_person)
    if who is None:
        return []
    return [str(a) for a in allowed_actions(view.state, who, _parties(config, view.record),
                                            consultees_left=_left(view.record))]


def get_record(store: Store, record_id: str) -> RecordView:
    with store() as session:
        return _view(_load(session, record_id))


def records_for(store: Store, action_id: str) -> list[RecordView]:
    with store() as session:
        rows = session.scalars(select(DecisionRecordRow).where(
            DecisionRecordRow.delegation_id == normalise_id(action_id)).order_by(DecisionRecordRow.created_at))
        return [_view(r) for r in rows]


def history(store: Store, record_id: str) -> list[dict]:
    """Every version of the record and every audit entry about it, oldest first."""
    with store() as session:
        row = _load(session, record_id)
        versions = session.scalars(select(DecisionRecordVersion).where(DecisionRecordVersion.record_id == row.id)
                                   .order_by(DecisionRecordVersion.version, DecisionRecordVersion.pk))
        out = [{"version": v.version, "action": v.action, "state": v.state, "by": v.made_by,
                "at": audit.utc_iso(v.made_at if v.made_at.tzinfo else v.made_at.replace(tzinfo=dt.timezone.utc)),
                "digest": v.digest} for v in versions]
    return out


@dataclass
class Rendered:
    paths: list[Path]
    notes: list[str]


def render_record(view: RecordView, config: Config, out: Path, *, markdown: bool = False,
                  pdf: bool = False) -> Rendered:
    """Write the record as Word (always), Markdown and PDF when asked; notes say what could not be."""
    from govbot.records.render import PdfUnavailable, render_docx, render_markdown, render_pdf

    out = Path(out)
    template = config.resolve_path(config.records.template)
    kwargs = dict(council=config.council, call_in_days=config.statutory.call_in_working_days)
    paths, notes = [render_docx(view.record, out, template=template, **kwargs)], []
    if markdown:
        md = out.with_suffix(".md")
        md.write_text(render_markdown(view.record, **kwargs), encoding="utf-8")
        paths.append(md)
    if pdf:
        try:
            paths.append(render_pdf(out))
        except PdfUnavailable as exc:
            notes.append(str(exc))
    return Rendered(paths, notes)


def publish_register(store: Store, config: Config, out_dir: Optional[Path] = None, *, today: dt.date):
    """Write the public register of published records (index.html, register.csv,
    register.json, an HTML and a Markdown page per record) to `out_dir` (config records.publish_dir),
    and each exempt record's confidential appendix to `<out_dir>-confidential/`."""
    from govbot.records.register import write_register

    with store() as session:
        rows = list(session.scalars(select(PublicationRow).order_by(PublicationRow.published_on, PublicationRow.pk)))
        exempt = {}
        for r in rows:
            if r.exempt_paragraph:
                version = session.scalar(select(DecisionRecordVersion).where(
                    DecisionRecordVersion.record_id == r.record_id, DecisionRecordVersion.version == r.version)
                    .order_by(DecisionRecordVersion.pk.desc()).limit(1))
                exempt[r.pk] = DecisionRecord.model_validate(version.fields)
    out_dir = Path(out_dir) if out_dir else config.resolve_path(config.records.publish_dir)
    return write_register(rows, exempt, config, out_dir, today)
