"""The decision register: ingest documents, correct them, and ask what stands as of a date.

Every front end (CLI, Slack, reminders, bulk) calls these. Statuses come from
`govbot.tracker.status`, always as of the `today` the caller passes.

- `ingest_path(store, config, path)`: parse a file and store it in one transaction.
- `ingest_parsed(session, meta, parsed)`: store an already parsed document in the caller's
  transaction; `ingest_batch(session, docs)` many at once, each whole or not at all (bulk).
- `edit(...)`: a person's correction, kept with who and when, surviving every re-parse.
- `actions`, `obligations`, `milestones`, `decision`, `search`: what the register holds.
- `mark_done`, `waive`, `milestone_done`, `override_condition`, `set_record_state`.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from govbot.config import Config
from govbot.domain import ParsedDocument
from govbot.extract import PARSER_VERSION
from govbot.roles import RolesDirectory
from govbot.store import queries as q
from govbot.store import tables as t
from govbot.store.db import Store
from govbot.store.ids import entity_of, normalise_id
from govbot.store.linking import set_links
from govbot.store.queries import ActionRow, MilestoneRow, ObligationRow, ResolutionRow
from govbot.store.writer import DocumentMeta, StoreOutcome, due_date, known_file, store_batch, store_parsed
from govbot.tracker.calendar import parse_due
from govbot.tracker.status import (
    ActionState,
    ConditionState,
    MilestoneState,
    ObligationState,
    Override,
    action_status,
    milestone_status,
    obligation_status,
)

__all__ = [
    "ActionRow", "Decision", "DocumentMeta", "IngestResult", "MilestoneRow", "ObligationRow", "RegisterError",
    "ResolutionRow", "actions", "decision", "edit", "ingest_batch", "ingest_parsed", "ingest_path", "late_actions", "mark_done",
    "milestone_done", "milestones", "obligations", "obligations_due", "override_condition", "search",
    "set_record_state", "waive",
]


class RegisterError(Exception):
    """A request the register cannot carry out; str() is one line saying why."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# --- ingest ---------------------------------------------------------------------------------


@dataclass
class IngestResult:
    name: str
    status: str  # stored | updated | unchanged | failed
    document_id: Optional[str] = None
    counts: dict = field(default_factory=dict)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def line(self) -> str:
        """One line for a person: "minutes.txt: stored D4F2KQ (1 item, 5 resolutions, ...)"."""
        if not self.ok:
            message = self.message
            if message.startswith(f"{self.name}: "):  # the parser's message names the file already
                message = message[len(self.name) + 2:]
            return f"{self.name}: error: {message}"
        counts = ", ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in self.counts.items() if n)
        return f"{self.name}: {self.status} {self.document_id}" + (f" ({counts})" if counts else "")


def person_resolver(config: Optional[Config]):
    """Role title -> the person's name via the roles directory (None for unknown titles)."""
    if config is None or not config.roles:
        return None
    directory = RolesDirectory.from_config(config)

    def resolve(title: str) -> Optional[str]:
        person = directory.resolve(title)
        return person.name if person else None

    return resolve


def ingest_parsed(session: Session, meta: DocumentMeta, parsed: ParsedDocument, *,
                  config: Optional[Config] = None, now: Optional[dt.datetime] = None) -> StoreOutcome:
    """Store one parsed document inside the caller's transaction (the caller commits it, or
    rolls it back whole). Idempotent by content hash and parser version."""
    return store_parsed(session, meta, parsed, now=now or _now(), resolve=person_resolver(config))


def ingest_batch(session: Session, docs: list[tuple[DocumentMeta, ParsedDocument]], *,
                 config: Optional[Config] = None, now: Optional[dt.datetime] = None) -> list:
    """`ingest_parsed` for many documents in the caller's transaction, each whole or not at
    all: per document its StoreOutcome, or the exception that kept it out (the others are
    stored regardless). Written together where they share nothing (see store_batch)."""
    resolve = person_resolver(config)
    if resolve is not None:  # one directory for the batch; titles recur from item to item
        resolve = functools.lru_cache(maxsize=None)(resolve)
    return store_batch(session, docs, now=now or _now(), resolve=resolve)


def ingest_path(store: Store, config: Config, path: Path, *, now: Optional[dt.datetime] = None) -> IngestResult:
    """Parse one file and store it in one transaction; failures come back as a result
    with a one-line message, never as an exception."""
    from govbot.service.parsing import ParseFailure, parse_path

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return IngestResult(path.name, "failed", message=f"cannot read {path}: {exc.strerror or exc}")
    sha256 = hashlib.sha256(data).hexdigest()
    with store() as session:  # the same bytes, read by this parser version: nothing to do
        seen = known_file(session, sha256)
        if seen is not None and seen.parser_version == PARSER_VERSION:
            return IngestResult(path.name, "unchanged", seen.document_id)
    try:
        parsed = parse_path(path, config)
    except ParseFailure as exc:
        return IngestResult(path.name, "failed", message=str(exc))
    meta = DocumentMeta(name=path.name, sha256=sha256, format=parsed.source_format, size_bytes=len(data))
    for attempt in range(3):
        try:
            with store.write() as session:
                outcome = ingest_parsed(session, meta, parsed, config=config, now=now)
            return IngestResult(path.name, outcome.status, outcome.document_id, outcome.counts)
        except IntegrityError as exc:  # another process stored the same thing first: look again
            last = exc
        except OperationalError as exc:
            return IngestResult(path.name, "failed", message=f"database error: {str(exc.orig).splitlines()[0]}")
    return IngestResult(path.name, "failed", message=f"could not store: {str(last.orig).splitlines()[0]}")


# --- corrections ----------------------------------------------------------------------------

# Fields a person may correct, per kind of thing, and how the value is read.
EDITABLE: dict[str, dict[str, str]] = {
    "item": {"number": "text", "title": "text", "report_ref": "text", "mover": "text", "seconder": "text"},
    "resolution": {"label": "text", "text": "text", "kinds": "list"},
    "delegation": {"delegates": "list", "consultees": "list", "power": "text", "condition": "text",
                   "resolution_label": "text", "expires_on": "date", "rescinded_on": "date"},
    "obligation": {"kind": "text", "text": "text", "due": "due"},
    "milestone": {"name": "text", "start": "date", "end": "date", "owner": "text"},
}


def _read_value(kind: str, raw: Any, what: str) -> Any:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "none", "null", "-")):
        return [] if kind == "list" else None
    if kind == "list":
        if isinstance(raw, (list, tuple)):
            return [str(x).strip() for x in raw if str(x).strip()]
        return [part.strip() for part in str(raw).split(";") if part.strip()]
    if kind == "date":
        try:
            return raw.isoformat() if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            raise RegisterError(f"{what}: not a date (YYYY-MM-DD): {raw!r}") from None
    if kind == "due":
        try:
            parse_due(str(raw).strip())
        except ValueError:
            raise RegisterError(f"{what}: not a due date (YYYY-MM-DD or YYYY-MM): {raw!r}") from None
        return str(raw).strip()
    return str(raw).strip()


def _row(session: Session, entity_id: str):
    entity = entity_of(entity_id)
    table = t.TABLES_BY_ENTITY.get(entity or "")
    row = session.get(table, normalise_id(entity_id)) if table else None
    if row is None or getattr(row, "removed_at", None) is not None:
        raise RegisterError(f"no such id in the register: {entity_id}")
    return entity, row


@dataclass
class EditResult:
    entity: str
    entity_id: str
    field: str
    previous: Any
    value: Any
    who: str
    made_at: dt.datetime


def edit(store: Store, entity_id: str, field_name: str, value: Any, who: str, *,
         config: Optional[Config] = None, now: Optional[dt.datetime] = None) -> EditResult:
    """Correct one field of a parsed thing. Kept as an override (who, when, the value before)
    and laid over every later re-parse of its document."""
    if not who or not who.strip():
        raise RegisterError("say who is making the correction (--as PERSON)")
    now = now or _now()
    with store.write() as session:
        entity, row = _row(session, entity_id)
        if field_name == "milestones" and entity in ("delegation", "obligation"):
            return _edit_links(session, entity, row, value, who.strip(), now)
        kind = EDITABLE.get(entity, {}).get(field_name)
        if kind is None:
            fields = ", ".join(EDITABLE.get(entity, {})) or "none"
            raise RegisterError(f"{entity} {row.id} has no field {field_name!r} that can be corrected (fields: {fields})")
        stored = _read_value(kind, value, f"{row.id} {field_name}")
        previous = getattr(row, field_name)
        previous = previous.isoformat() if isinstance(previous, dt.date) else previous
        session.add(t.Correction(entity=entity, entity_id=row.id, field=field_name, value=stored, previous=previous,
                                 who=who.strip(), made_at=now))
        setattr(row, field_name, dt.date.fromisoformat(stored) if kind == "date" and stored else stored)
        if field_name == "due":
            row.due_date = due_date(stored)
        if entity == "milestone":
            row.source = "edited"
        if entity == "delegation" and field_name in ("delegates", "consultees"):
            _rewrite_people(session, row, config)
    return EditResult(entity, row.id, field_name, previous, stored, who.strip(), now)


def _edit_links(session: Session, entity: str, row, value: Any, who: str, now: dt.datetime) -> EditResult:
    """A person's own links from a delegation or obligation to milestones (ids separated
    by ';'); they replace the matched ones and matching never overrides them."""
    wanted = [normalise_id(m) for m in _read_value("list", value, f"{row.id} milestones")]
    for milestone_id in wanted:
        found = session.get(t.Milestone, milestone_id)
        if found is None or found.removed_at is not None:
            raise RegisterError(f"no milestone with id {milestone_id} in the register")
    column = t.MilestoneLink.delegation_id if entity == "delegation" else t.MilestoneLink.obligation_id
    previous = list(session.scalars(select(t.MilestoneLink.milestone_id).where(column == row.id)))
    set_links(session, row.id if entity == "delegation" else None, row.id if entity == "obligation" else None,
              wanted, who, now)
    session.add(t.Correction(entity=entity, entity_id=row.id, field="milestones", value=wanted, previous=previous,
                             who=who, made_at=now))
    return EditResult(entity, row.id, "milestones", previous, wanted, who, now)


def _rewrite_people(session: Session, row: t.Delegation, config: Optional[Config]) -> None:
    resolve = person_resolver(config) or (lambda _title: None)
    session.flush()
    session.execute(delete(t.DelegationPerson).where(t.DelegationPerson.delegation_id == row.id))
    people = [dict(delegation_id=row.id, role=role, position=n, title=title, person=resolve(title))
              for role, titles in (("delegate", row.delegates), ("consultee", row.consultees))
              for n, title in enumerate(titles or [])]
    if people:
        session.execute(insert(t.DelegationPerson), people)


# --- what stands, as of a date ----------------------------------------------------------------


def _action_state(row) -> ActionState:
    # Built field by field (not ActionState.of) because listing a large register builds
    # tens of thousands of these.
    override = Override(row.override_reason, row.override_by or "unknown", row.override_on) if row.override_reason else None
    return ActionState(
        condition=row.condition,
        conditions=tuple(ConditionState(m.name, m.done_on, m.end, m.start) for m in row.milestones),
        override=override, record_state=row.record_state, record_on=row.record_on,
        expires_on=row.expires_on, rescinded_on=row.rescinded_on,
    )


def action_verdict(row, today: dt.date):
    """Status and reason of a delegated action (an ActionRow or ActionInputs) as of `today`."""
    return action_status(_action_state(row), today)


def obligation_verdict(row, today: dt.date, due_soon_days: int = 14):
    """Status and reason of an obligation (an ObligationRow or ObligationInputs) as of `today`."""
    m = row.milestones[0] if row.milestones else None
    state = ObligationState(row.due, row.done_on, row.evidence, row.waived_on, row.waived_reason, row.waived_by,
                            MilestoneState(m.name, m.start, m.end, m.done_on) if m else None, row.done_by)
    return obligation_status(state, today, due_soon_days)


def _action_key(r) -> tuple:
    return (r.condition, r.record_state, r.record_on, r.expires_on, r.rescinded_on, r.override_reason, r.override_by,
            r.override_on, tuple((m.name, m.start, m.end, m.done_on) for m in r.milestones))


def _obligation_key(r) -> tuple:
    m = r.milestones[0] if r.milestones else None
    return (r.due, r.done_on, r.done_by, r.evidence, r.waived_on, r.waived_by, r.waived_reason,
            (m.name, m.start, m.end, m.done_on) if m else None)


def _select(inputs, verdict, key, keep, limit: Optional[int]) -> tuple[dict[str, tuple], bool]:
    """id -> (status, why) for the rows wanted, in order, stopping at `limit`; and whether
    every row was wanted (then the caller can fetch them all with the same filters).
    Rows with the same status inputs share one verdict (many delegations have no
    condition and no record yet), which keeps a scan of a whole register quick."""
    chosen: dict[str, tuple] = {}
    verdicts: dict[tuple, tuple] = {}
    seen = 0
    for row in inputs:
        seen += 1
        k = key(row)
        found = verdicts.get(k)
        if found is None:
            found = verdicts[k] = tuple(verdict(row))
        if keep(found[0]):
            chosen[row.id] = found
            if limit and len(chosen) >= limit:
                return chosen, False
    return chosen, len(chosen) == seen


def _fill(rows: list, chosen: dict[str, tuple]) -> list:
    by_id = {r.id: r for r in rows}
    out = []
    for ident, (status, why) in chosen.items():
        row = by_id.get(ident)
        if row is not None:
            row.status, row.why = status, why
            out.append(row)
    return out


def _want(status: Optional[str]):
    if not status:
        return lambda s: True
    wanted = {s.strip().lower().replace("-", " ").replace("_", " ") for s in status.split(",")}
    return lambda s: s.value in wanted if hasattr(s, "value") else s in wanted


def _due_soon_days(config: Optional[Config]) -> int:
    return config.statutory.due_soon_days if config else 14


def actions(store: Store, *, today: dt.date, owner: Optional[str] = None, status: Optional[str] = None,
            config: Optional[Config] = None, report_ref: Optional[str] = None,
            limit: Optional[int] = None) -> list[ActionRow]:
    """Delegated actions with their status as of `today`, newest meeting first. `owner` is a
    role title, a name (resolved through the roles directory) or words of a title;
    `status` one or more status words, comma separated ("ready,awaiting condition");
    `limit` the most to return."""
    person, title_like = None, None
    if owner:
        found = RolesDirectory.from_config(config).find(owner) if config else None
        person, title_like = (found.name, None) if found else (None, owner)
    with store() as session:
        # Status first, from the few columns it needs; whole rows only for those wanted.
        inputs = q.action_inputs(session, person=person, title_like=title_like, report_ref=report_ref)
        chosen, everything = _select(inputs, lambda r: action_verdict(r, today), _action_key, _want(status), limit)
        if not chosen:
            return []
        if everything:
            rows = q.actions(session, person=person, title_like=title_like, report_ref=report_ref)
        else:
            rows = q.actions(session, ids=list(chosen))
    return _fill(rows, chosen)


def obligations(store: Store, *, today: dt.date, status: Optional[str] = None, config: Optional[Config] = None,
                report_ref: Optional[str] = None, limit: Optional[int] = None) -> list[ObligationRow]:
    """Obligations with their status as of `today` (open, due soon, overdue, done, waived),
    soonest due first; `limit` the most to return."""
    soon = _due_soon_days(config)
    with store() as session:
        inputs = q.obligation_inputs(session, report_ref=report_ref)
        chosen, everything = _select(inputs, lambda r: obligation_verdict(r, today, soon), _obligation_key, _want(status), limit)
        if not chosen:
            return []
        if everything:
            rows = q.obligations(session, report_ref=report_ref)
        else:
            rows = q.obligations(session, ids=list(chosen))
    return _fill(rows, chosen)


def milestones(store: Store, *, today: dt.date, report_ref: Optional[str] = None,
               status: Optional[str] = None) -> list[MilestoneRow]:
    """Appendix A milestones with their status as of `today`."""
    with store() as session:
        rows = q.milestones(session, report_ref=report_ref)
    keep = _want(status)
    out = []
    for row in rows:
        row.status, row.why = milestone_status(row.start, row.end, row.done_on, today)
        if keep(row.status):
            out.append(row)
    return out


@dataclass
class Decision:
    """Everything decided under one report reference (or one item)."""

    ref: str
    resolutions: list[ResolutionRow]
    actions: list[ActionRow]
    obligations: list[ObligationRow]
    milestones: list[MilestoneRow]


def decision(store: Store, ref_or_item: str, *, today: dt.date, config: Optional[Config] = None) -> Decision:
    """A decision by report reference ("CS/25/07") or item id, with statuses as of `today`."""
    with store() as session:
        item_ids = q.items_for(session, ref_or_item.strip())
        if not item_ids:
            raise RegisterError(f"no decision found for {ref_or_item!r} (give a report reference or an item id)")
        res = q.resolutions(session, item_ids=item_ids)
        refs = {r.where.report_ref for r in res if r.where.report_ref}
    # One report (the usual case): fetch its rows in SQL rather than filter the whole register.
    only = next(iter(refs)) if len(refs) == 1 else None
    items = set(item_ids)
    acts = [a for a in actions(store, today=today, config=config, report_ref=only) if a.where.item_id in items]
    obls = [o for o in obligations(store, today=today, config=config, report_ref=only) if o.where.item_id in items]
    mils = [m for ref in sorted(refs) for m in milestones(store, today=today, report_ref=ref)]
    return Decision(ref_or_item, res, acts, obls, mils)


def late_actions(store: Store, *, today: dt.date) -> list[ActionRow]:
    """Delegated actions whose condition waits on a milestone past its end and not done by
    `today`, with their status. Found from the late milestones' links in SQL rather than by
    laying status over every action (the usual answer is a handful)."""
    late = (select(t.MilestoneLink.delegation_id).distinct()
            .join(t.Milestone, t.Milestone.id == t.MilestoneLink.milestone_id)
            .where(t.MilestoneLink.delegation_id.is_not(None), t.Milestone.removed_at.is_(None),
                   t.Milestone.end < today, or_(t.Milestone.done_on.is_(None), t.Milestone.done_on > today)))
    with store() as session:
        ids = list(session.scalars(late))
        rows = q.actions(session, ids=ids) if ids else []
    for row in rows:
        row.status, row.why = action_verdict(row, today)
    return rows


def obligations_due(store: Store, *, today: dt.date, until: dt.date, config: Optional[Config] = None,
                    limit: int = 20) -> list[ObligationRow]:
    """Obligations not done or waived that fall due from `today` to `until` (their own due
    date, or a linked milestone's end when they have none), soonest first, at most `limit`.
    Narrowed in SQL before status is laid over them."""
    o, m, link = t.Obligation, t.Milestone, t.MilestoneLink
    pending = and_(o.removed_at.is_(None), or_(o.done_on.is_(None), o.done_on > today),
                   or_(o.waived_on.is_(None), o.waived_on > today))
    own = select(o.id).where(pending, o.due_date >= today, o.due_date <= until).order_by(o.due_date).limit(limit)
    by_milestone = (select(o.id).join(link, link.obligation_id == o.id).join(m, m.id == link.milestone_id)
                    .where(pending, o.due_date.is_(None), m.removed_at.is_(None), m.end >= today, m.end <= until)
                    .order_by(m.end).limit(limit))
    with store() as session:
        ids = list(dict.fromkeys([*session.scalars(own), *session.scalars(by_milestone)]))
    rows = obligations_by_id(store, ids, today=today, config=config) if ids else []
    rows = [r for r in rows if str(r.status) not in ("done", "waived", "overdue")]
    rows.sort(key=lambda r: r.due_date or next((x.end for x in r.milestones if x.end), until))
    return rows[:limit]


def search(store: Store, text: str, *, limit: int = 20) -> list[ResolutionRow]:
    """Resolutions whose text has every word (stemmed: "consult" finds "consultation")."""
    with store() as session:
        ids = q.search_ids(session, text, limit)
        if not ids:
            return []
        rows = {r.id: r for r in q.resolutions(session, ids=ids)}
    return [rows[i] for i in ids if i in rows]


# --- marking things done ------------------------------------------------------------------------


def _get(session: Session, table, entity: str, entity_id: str):
    row = session.get(table, normalise_id(entity_id))
    if row is None or row.removed_at is not None:
        raise RegisterError(f"no {entity} with id {entity_id} in the register")
    return row


def mark_done(store: Store, obligation_id: str, evidence: str, who: str, on: dt.date) -> ObligationRow:
    """An obligation done on `on`, with evidence (a note or a link) and who said so."""
    if not evidence or not evidence.strip():
        raise RegisterError("evidence is required to mark an obligation done (a note or a link)")
    with store.write() as session:
        row = _get(session, t.Obligation, "obligation", obligation_id)
        row.done_on, row.evidence, row.done_by = on, evidence.strip(), who
        ident = row.id
    return obligations_by_id(store, [ident], today=on)[0]


def waive(store: Store, obligation_id: str, reason: str, who: str, on: dt.date) -> ObligationRow:
    """An obligation waived: the reason and who waived it are kept."""
    if not reason or not reason.strip():
        raise RegisterError("a reason is required to waive an obligation")
    if not who or not who.strip():
        raise RegisterError("say who is waiving the obligation")
    with store.write() as session:
        row = _get(session, t.Obligation, "obligation", obligation_id)
        row.waived_on, row.waived_reason, row.waived_by = on, reason.strip(), who.strip()
        ident = row.id
    return obligations_by_id(store, [ident], today=on)[0]


def obligations_by_id(store: Store, ids: list[str], *, today: dt.date, config: Optional[Config] = None) -> list[ObligationRow]:
    with store() as session:
        rows = q.obligations(session, ids=[normalise_id(i) for i in ids])
    for row in rows:
        row.status, row.why = obligation_verdict(row, today, _due_soon_days(config))
    return rows


def milestone_done(store: Store, milestone_id: str, on: dt.date, who: Optional[str] = None) -> MilestoneRow:
    """A milestone completed on `on` (which may meet delegations' conditions)."""
    with store.write() as session:
        row = _get(session, t.Milestone, "milestone", milestone_id)
        row.done_on, row.done_by = on, who
        ident = row.id
    with store() as session:
        found = q.milestones(session, ids=[ident])[0]
    found.status, found.why = milestone_status(found.start, found.end, found.done_on, on)
    return found


def override_condition(store: Store, delegation_id: str, reason: str, who: str, on: dt.date) -> None:
    """A governance officer records that a delegation's condition is met, and why."""
    if not reason or not reason.strip() or not who or not who.strip():
        raise RegisterError("an override needs a reason and who records it")
    with store.write() as session:
        row = _get(session, t.Delegation, "delegation", delegation_id)
        row.override_reason, row.override_by, row.override_on = reason.strip(), who.strip(), on


def set_record_state(session: Session, delegation_id: str, state: Optional[str], on: Optional[dt.date]) -> None:
    """For the decision-records service: where the delegation's decision record stands
    (drafted, consultation confirmed, signed, published, withdrawn), in its transaction."""
    result = session.execute(
        update(t.Delegation).where(t.Delegation.id == normalise_id(delegation_id)).values(record_state=state, record_on=on)
    )
    if result.rowcount == 0:
        raise RegisterError(f"no delegation with id {delegation_id} in the register")


def document_id_for(session: Session, name: str) -> Optional[str]:
    return session.scalar(select(t.SourceDocument.id).where(t.SourceDocument.name == name))
