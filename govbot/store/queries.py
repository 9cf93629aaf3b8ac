"""Reading the register: plain rows (dataclasses) for actions, obligations, milestones,
decisions and search. No status here: the service lays status over these rows by calling
`govbot.tracker.status`, as of a date it is given.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from govbot.store import tables as t


@dataclass
class LinkedMilestone:
    id: str
    name: str
    start: Optional[dt.date]
    end: Optional[dt.date]
    done_on: Optional[dt.date]
    method: str = ""
    how: str = ""
    score: Optional[float] = None


@dataclass
class Where:
    """Where a thing was decided: meeting, minute number, item title, report reference."""

    item_id: str
    body: Optional[str]
    meeting_date: Optional[dt.date]
    minute: Optional[str]
    title: Optional[str]
    report_ref: Optional[str]
    document: str


@dataclass
class ActionRow:
    """A delegation: who may act, on whose advice, what, once what is done."""

    id: str
    where: Where
    resolution_label: Optional[str]
    delegates: list[str]
    consultees: list[str]
    people: list[Optional[str]]  # each delegate's name via the roles directory (None: unknown title)
    power: str
    condition: Optional[str]
    record_state: Optional[str]
    record_on: Optional[dt.date]
    expires_on: Optional[dt.date]
    rescinded_on: Optional[dt.date]
    override_reason: Optional[str]
    override_by: Optional[str]
    override_on: Optional[dt.date]
    milestones: list[LinkedMilestone] = field(default_factory=list)
    status: Optional[str] = None
    why: str = ""


@dataclass
class ObligationRow:
    id: str
    where: Where
    kind: str
    text: str
    due: Optional[str]
    due_date: Optional[dt.date]
    done_on: Optional[dt.date]
    done_by: Optional[str]
    evidence: Optional[str]
    waived_on: Optional[dt.date]
    waived_by: Optional[str]
    waived_reason: Optional[str]
    milestones: list[LinkedMilestone] = field(default_factory=list)
    status: Optional[str] = None
    why: str = ""


@dataclass
class MilestoneRow:
    id: str
    report_ref: Optional[str]
    name: str
    start: Optional[dt.date]
    end: Optional[dt.date]
    owner: Optional[str]
    done_on: Optional[dt.date]
    source: str
    status: Optional[str] = None
    why: str = ""


@dataclass
class ResolutionRow:
    id: str
    where: Where
    label: Optional[str]
    text: str
    kinds: list[str]


CHUNK = 500  # ids per IN (...) list


@dataclass(slots=True)
class ActionInputs:
    """A delegation's status inputs (see `govbot.tracker.status.ActionState`)."""

    id: str
    condition: Optional[str]
    record_state: Optional[str]
    record_on: Optional[dt.date]
    expires_on: Optional[dt.date]
    rescinded_on: Optional[dt.date]
    override_reason: Optional[str]
    override_by: Optional[str]
    override_on: Optional[dt.date]
    milestones: tuple | list = ()


@dataclass(slots=True)
class ObligationInputs:
    """An obligation's status inputs (see `govbot.tracker.status.ObligationState`)."""

    id: str
    due: Optional[str]
    done_on: Optional[dt.date]
    done_by: Optional[str]
    evidence: Optional[str]
    waived_on: Optional[dt.date]
    waived_by: Optional[str]
    waived_reason: Optional[str]
    milestones: tuple | list = ()


_WHERE_COLUMNS = (t.Item.id, t.Meeting.body, t.Meeting.date, t.Item.number, t.Item.title, t.Item.report_ref, t.SourceDocument.name)


_INPUT_COLUMNS = (
    t.Delegation.id, t.Delegation.condition, t.Delegation.record_state, t.Delegation.record_on, t.Delegation.expires_on,
    t.Delegation.rescinded_on, t.Delegation.override_reason, t.Delegation.override_by, t.Delegation.override_on,
)
_OBLIGATION_INPUTS = (
    t.Obligation.id, t.Obligation.due, t.Obligation.done_on, t.Obligation.done_by, t.Obligation.evidence,
    t.Obligation.waived_on, t.Obligation.waived_by, t.Obligation.waived_reason,
)


def _stream(session: Session, stmt: Select, batch: int = 1000) -> Iterator:
    """Rows as the caller consumes them, fetched a batch at a time (not one by one)."""
    for part in session.connection().execute(stmt).partitions(batch):
        yield from part


def _with_where(stmt: Select, item_id_column) -> Select:
    return (
        stmt.join(t.Item, t.Item.id == item_id_column)
        .join(t.SourceDocument, t.SourceDocument.id == t.Item.document_id)
        .outerjoin(t.Meeting, t.Meeting.id == t.Item.meeting_id)
    )


def _where(row) -> Where:
    return Where(*row)


# --- delegated actions ----------------------------------------------------------------------

_ACTION_COLUMNS = (
    t.Delegation.id, t.Delegation.resolution_label, t.Delegation.delegates, t.Delegation.consultees, t.Delegation.power,
    t.Delegation.condition, t.Delegation.record_state, t.Delegation.record_on, t.Delegation.expires_on,
    t.Delegation.rescinded_on, t.Delegation.override_reason, t.Delegation.override_by, t.Delegation.override_on,
)


def _action_filters(stmt: Select, person, title_like, report_ref, ids) -> Select:
    stmt = stmt.where(t.Delegation.removed_at.is_(None))
    if person or title_like:
        people = select(t.DelegationPerson.delegation_id).where(t.DelegationPerson.role == "delegate")
        if person:
            people = people.where(t.DelegationPerson.person == person)
        else:
            people = people.where(func.lower(t.DelegationPerson.title).contains(title_like.lower()))
        stmt = stmt.where(t.Delegation.id.in_(people))
    if ids is not None:
        stmt = stmt.where(t.Delegation.id.in_(ids))
    if report_ref is not None:
        stmt = stmt.where(t.Delegation.item_id.in_(select(t.Item.id).where(t.Item.report_ref == report_ref)))
    # Newest meeting first, from the index on decided_on (no sort of the whole register).
    return stmt.order_by(t.Delegation.decided_on.desc(), t.Delegation.item_id, t.Delegation.position)


def action_inputs(session: Session, *, person: Optional[str] = None, title_like: Optional[str] = None,
                  report_ref: Optional[str] = None) -> Iterator[ActionInputs]:
    """Just what the status rules need, for every delegation matching the filters, in the
    order `actions` lists them (cheap: no JSON, no text beyond the condition). Rows are
    read from the cursor as they are consumed, so a caller that stops early reads less."""
    stmt = _action_filters(select(*_INPUT_COLUMNS), person, title_like, report_ref, None)
    links = linked_milestones(session, t.MilestoneLink.delegation_id)
    return (ActionInputs(*r, links.get(r[0], ())) for r in _stream(session, stmt))


def actions(session: Session, *, person: Optional[str] = None, title_like: Optional[str] = None,
            ids: Optional[list[str]] = None, report_ref: Optional[str] = None) -> list[ActionRow]:
    """Delegations still in the register, newest meeting first; `person` keeps those whose
    delegates include that person (via the roles directory), `title_like` those whose
    delegate title contains the words."""
    if ids is not None and len(ids) > CHUNK:
        return [row for part in range(0, len(ids), CHUNK) for row in actions(session, ids=ids[part:part + CHUNK])]
    stmt = _with_where(select(*_ACTION_COLUMNS, *_WHERE_COLUMNS), t.Delegation.item_id)
    stmt = _action_filters(stmt, person, title_like, report_ref, ids)
    rows = []
    n = len(_ACTION_COLUMNS)
    for r in session.execute(stmt):
        rows.append(ActionRow(r.id, _where(r[n:]), r.resolution_label, list(r.delegates or []), list(r.consultees or []), [],
                              r.power, r.condition, r.record_state, r.record_on, r.expires_on, r.rescinded_on,
                              r.override_reason, r.override_by, r.override_on))
    _attach_people(session, rows)
    _attach_milestones(session, rows, t.MilestoneLink.delegation_id)
    return rows


def linked_milestones(session: Session, link_column, ids: Optional[list[str]] = None) -> dict[str, list[LinkedMilestone]]:
    """Milestones linked to each delegation (or obligation), by its id."""
    stmt = (
        select(link_column, t.Milestone.id, t.Milestone.name, t.Milestone.start, t.Milestone.end, t.Milestone.done_on,
               t.MilestoneLink.method, t.MilestoneLink.how, t.MilestoneLink.score)
        .join(t.Milestone, t.Milestone.id == t.MilestoneLink.milestone_id)
        .where(link_column.is_not(None), t.Milestone.removed_at.is_(None))
    )
    if ids is not None:
        stmt = stmt.where(link_column.in_(ids))
    out: dict[str, list[LinkedMilestone]] = {}
    for owner, *milestone in session.execute(stmt.order_by(t.Milestone.position)):
        out.setdefault(owner, []).append(LinkedMilestone(*milestone))
    return out


def _attach_people(session: Session, rows: list[ActionRow]) -> None:
    if not rows:
        return
    by_id = {r.id: r for r in rows}
    stmt = select(t.DelegationPerson.delegation_id, t.DelegationPerson.person).where(t.DelegationPerson.role == "delegate")
    if len(rows) < CHUNK:
        stmt = stmt.where(t.DelegationPerson.delegation_id.in_(list(by_id)))
    for delegation_id, person in session.execute(stmt.order_by(t.DelegationPerson.delegation_id, t.DelegationPerson.position)):
        if delegation_id in by_id:
            by_id[delegation_id].people.append(person)


def _attach_milestones(session: Session, rows: list, link_column) -> None:
    if not rows:
        return
    links = linked_milestones(session, link_column, [r.id for r in rows] if len(rows) < CHUNK else None)
    for row in rows:
        row.milestones = links.get(row.id, [])


# --- obligations ----------------------------------------------------------------------------

_OBLIGATION_COLUMNS = (
    t.Obligation.id, t.Obligation.kind, t.Obligation.text, t.Obligation.due, t.Obligation.due_date, t.Obligation.done_on,
    t.Obligation.done_by, t.Obligation.evidence, t.Obligation.waived_on, t.Obligation.waived_by, t.Obligation.waived_reason,
)


def _obligation_filters(stmt: Select, ids, report_ref) -> Select:
    stmt = stmt.where(t.Obligation.removed_at.is_(None))
    if ids is not None:
        stmt = stmt.where(t.Obligation.id.in_(ids))
    if report_ref is not None:
        stmt = stmt.where(t.Obligation.item_id.in_(select(t.Item.id).where(t.Item.report_ref == report_ref)))
    return stmt


def _obligation_order(stmt: Select, ids, report_ref) -> Select:
    stmt = _obligation_filters(stmt, ids, report_ref)
    return stmt.order_by(t.Obligation.due_date.is_(None), t.Obligation.due_date, t.Obligation.id)


def obligation_inputs(session: Session, *, report_ref: Optional[str] = None) -> Iterator[ObligationInputs]:
    """Just what the status rules need, for every obligation, in the order `obligations`
    lists them (soonest due first, undated last); read from the cursor as consumed, and
    in two runs so each can follow the due_date index instead of sorting everything."""
    links = linked_milestones(session, t.MilestoneLink.obligation_id)
    base = _obligation_filters(select(*_OBLIGATION_INPUTS), None, report_ref)
    dated = base.where(t.Obligation.due_date.is_not(None)).order_by(t.Obligation.due_date, t.Obligation.id)
    undated = base.where(t.Obligation.due_date.is_(None)).order_by(t.Obligation.id)
    for stmt in (dated, undated):
        for r in _stream(session, stmt):
            yield ObligationInputs(*r, links.get(r[0], ()))


def obligations(session: Session, *, ids: Optional[list[str]] = None, report_ref: Optional[str] = None) -> list[ObligationRow]:
    """Obligations still in the register, soonest due first (no due date last)."""
    if ids is not None and len(ids) > CHUNK:
        return [row for part in range(0, len(ids), CHUNK) for row in obligations(session, ids=ids[part:part + CHUNK])]
    stmt = _with_where(select(*_OBLIGATION_COLUMNS, *_WHERE_COLUMNS), t.Obligation.item_id)
    stmt = _obligation_order(stmt, ids, report_ref)
    n = len(_OBLIGATION_COLUMNS)
    rows = [ObligationRow(r[0], _where(r[n:]), *r[1:n]) for r in session.execute(stmt)]
    _attach_milestones(session, rows, t.MilestoneLink.obligation_id)
    return rows


# --- milestones -----------------------------------------------------------------------------


def milestones(session: Session, *, report_ref: Optional[str] = None, ids: Optional[list[str]] = None) -> list[MilestoneRow]:
    stmt = select(t.Milestone.id, t.Milestone.report_ref, t.Milestone.name, t.Milestone.start, t.Milestone.end,
                  t.Milestone.owner, t.Milestone.done_on, t.Milestone.source).where(t.Milestone.removed_at.is_(None))
    if report_ref is not None:
        stmt = stmt.where(t.Milestone.report_ref == report_ref)
    if ids is not None:
        stmt = stmt.where(t.Milestone.id.in_(ids))
    stmt = stmt.order_by(t.Milestone.report_ref, t.Milestone.position)
    return [MilestoneRow(*r) for r in session.execute(stmt)]


# --- resolutions and search -----------------------------------------------------------------


def resolutions(session: Session, *, item_ids: Optional[list[str]] = None, ids: Optional[list[str]] = None) -> list[ResolutionRow]:
    stmt = _with_where(select(t.Resolution.id, t.Resolution.label, t.Resolution.text, t.Resolution.kinds, *_WHERE_COLUMNS),
                       t.Resolution.item_id).where(t.Resolution.removed_at.is_(None))
    if item_ids is not None:
        stmt = stmt.where(t.Resolution.item_id.in_(item_ids))
    if ids is not None:
        stmt = stmt.where(t.Resolution.id.in_(ids))
    stmt = stmt.order_by(t.Item.position, t.Resolution.position)
    return [ResolutionRow(r[0], _where(r[4:]), r[1], r[2], list(r[3] or [])) for r in session.execute(stmt)]


RANK_AT_MOST = 5_000  # ranking every match of a very common word costs more than it tells


def search_ids(session: Session, words: str, limit: int = 20) -> list[str]:
    """Ids of resolutions whose text has every word (stemmed), best match first. When
    more than RANK_AT_MOST resolutions match, they come unranked (add words to narrow)."""
    tokens = re.findall(r"\w+", words)
    if not tokens:
        return []
    if session.get_bind().dialect.name == "sqlite":
        query = " ".join('"' + tok + '"' for tok in tokens)
        many = session.scalar(text("SELECT count(*) FROM resolutions_fts WHERE resolutions_fts MATCH :q"), {"q": query})
        order = "f.rank" if many <= RANK_AT_MOST else "f.rowid"
        stmt = text(
            "SELECT r.id FROM resolutions_fts f JOIN resolutions r ON r.search_key = f.rowid "
            f"WHERE resolutions_fts MATCH :q AND r.removed_at IS NULL ORDER BY {order} LIMIT :n"
        )
    else:
        query = " ".join(tokens)
        many = session.scalar(text("SELECT count(*) FROM resolutions WHERE search_vector @@ plainto_tsquery('english', :q)"),
                              {"q": query})
        order = "ts_rank(r.search_vector, q) DESC, r.id" if many <= RANK_AT_MOST else "r.id"
        stmt = text(
            "SELECT r.id FROM resolutions r, plainto_tsquery('english', :q) q "
            f"WHERE r.search_vector @@ q AND r.removed_at IS NULL ORDER BY {order} LIMIT :n"
        )
    return list(session.scalars(stmt, {"q": query, "n": limit}))


def items_for(session: Session, ref_or_id: str) -> list[str]:
    """Item ids for a report reference ("CS/25/07") or an item id."""
    found = list(session.scalars(select(t.Item.id).where(t.Item.removed_at.is_(None), t.Item.report_ref == ref_or_id)))
    if not found:
        found = list(session.scalars(select(t.Item.id).where(t.Item.id == ref_or_id.upper())))
    return found
