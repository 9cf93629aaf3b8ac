"""Links from delegations' conditions and obligations to Appendix A milestones.

The matching itself is `govbot.tracker.links` (pure); this keeps the links table in step
with it whenever a report's milestones or its decisions change. A link a person set
(`corrected_by`) is theirs: matching never replaces it.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from govbot.domain import Delegation as DDelegation
from govbot.domain import Milestone as DMilestone
from govbot.domain import Obligation as DObligation
from govbot.store import tables as t
from govbot.tracker.links import link_condition, link_obligation


def relink(session: Session, report_refs: Iterable[Optional[str]], now: dt.datetime, *, fresh: bool = False) -> int:
    """Re-match the links of every decision and milestone under these report references.
    `fresh`: the decisions were just inserted, so none has a link to clear yet.
    Returns how many links were made."""
    refs = sorted({r for r in report_refs if r})
    if not refs:
        return 0
    by_ref: dict[str, list] = {}
    stmt = (select(t.Milestone.report_ref, t.Milestone.id, t.Milestone.name, t.Milestone.start, t.Milestone.end)
            .where(t.Milestone.report_ref.in_(refs), t.Milestone.removed_at.is_(None)).order_by(t.Milestone.position))
    for m in session.execute(stmt):
        by_ref.setdefault(m.report_ref, []).append(m)
    made = 0
    for ref in refs:
        if ref in by_ref or not fresh:
            made += _relink_one(session, ref, by_ref.get(ref, []), now)
    return made


def _relink_one(session: Session, ref: str, stored: list, now: dt.datetime) -> int:
    items = select(t.Item.id).where(t.Item.report_ref == ref, t.Item.removed_at.is_(None))
    delegations = session.execute(select(t.Delegation.id, t.Delegation.condition).where(
        t.Delegation.item_id.in_(items), t.Delegation.removed_at.is_(None))).all()
    obligations = session.execute(select(t.Obligation.id, t.Obligation.text).where(
        t.Obligation.item_id.in_(items), t.Obligation.removed_at.is_(None))).all()
    if not delegations and not obligations:
        return 0
    d_ids, o_ids = [d.id for d in delegations], [o.id for o in obligations]
    mine = or_(t.MilestoneLink.delegation_id.in_(d_ids), t.MilestoneLink.obligation_id.in_(o_ids))
    kept = session.execute(select(t.MilestoneLink.delegation_id, t.MilestoneLink.obligation_id).where(
        mine, t.MilestoneLink.corrected_by.is_not(None))).all()
    edited = {x for row in kept for x in row if x}
    session.execute(delete(t.MilestoneLink).where(mine, t.MilestoneLink.corrected_by.is_(None)))
    if not stored:
        return 0
    milestones = [DMilestone(name=m.name, start=m.start, end=m.end) for m in stored]
    id_by_name: dict[str, str] = {}
    for m in stored:
        id_by_name.setdefault(m.name, m.id)
    rows = []
    for d in delegations:
        if d.id not in edited:
            for link in link_condition(DDelegation(condition=d.condition), milestones):
                rows.append(_row(id_by_name[link.milestone], link, now, delegation_id=d.id))
    for o in obligations:
        if o.id not in edited:
            link = link_obligation(DObligation(text=o.text), milestones)
            if link:
                rows.append(_row(id_by_name[link.milestone], link, now, obligation_id=o.id))
    if rows:
        session.execute(t.MilestoneLink.__table__.insert(), rows)
    return len(rows)


def _row(milestone_id: str, link, now: dt.datetime, delegation_id=None, obligation_id=None) -> dict:
    return dict(milestone_id=milestone_id, delegation_id=delegation_id, obligation_id=obligation_id, method="matched",
                how=link.how, score=link.score, created_at=now)


def set_links(session: Session, delegation_id: Optional[str], obligation_id: Optional[str],
              milestone_ids: list[str], who: str, now: dt.datetime) -> None:
    """A person's links for one delegation or obligation: they replace the matched ones
    and survive re-matching. An empty list just clears the links."""
    column = t.MilestoneLink.delegation_id if delegation_id else t.MilestoneLink.obligation_id
    session.execute(delete(t.MilestoneLink).where(column == (delegation_id or obligation_id)))
    rows = [dict(milestone_id=m, delegation_id=delegation_id, obligation_id=obligation_id, method="edited",
                 how=f"set by {who}", score=1.0, corrected_by=who, corrected_at=now, created_at=now) for m in milestone_ids]
    if rows:
        session.execute(t.MilestoneLink.__table__.insert(), rows)
