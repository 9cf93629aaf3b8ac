"""A report's Appendix A timeline in the register: show it, import it, chart it, calendar it.

- `timeline(store, ref, today=...)`: the milestones with their status, and the delegated
  actions and obligations hanging off each (with how each link was made).
- `import_timeline(store, ref, path, who=..., now=...)`: milestones from CSV/YAML replace
  the report's timeline in one transaction; delegations and obligations are re-linked.
- `write_png(view, path)`, `ics_bytes(view, now)`: the Gantt chart and the calendar.
"""
from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import select, update

from govbot.config import Config
from govbot.domain import Milestone
from govbot.service import register
from govbot.store import tables as t
from govbot.store.db import Store
from govbot.store.ids import key_hash
from govbot.store.linking import relink
from govbot.store.queries import MilestoneRow
from govbot.store.writer import _dedupe, allocate_ids, milestone_key  # same keys as parsed rows
from govbot.tracker.ics import CalendarEvent, milestone_events, timeline_ics
from govbot.tracker.timeline_import import TimelineImportError, read_milestones


class TimelineError(Exception):
    """A timeline request that cannot be met; str() is one line saying why."""


@dataclass
class Hanging:
    """A delegated action or obligation that waits on, or is tied to, a milestone."""

    milestone_id: str
    milestone: str
    kind: str  # delegation | obligation
    id: str
    label: str
    status: Optional[str]
    how: str
    due: Optional[dt.date] = None


@dataclass
class TimelineView:
    ref: str
    today: dt.date
    milestones: list[MilestoneRow]
    hanging: list[Hanging] = field(default_factory=list)

    def to_json(self) -> dict:
        """Each milestone's name, start, end and status, and what hangs off it."""
        return {
            "ref": self.ref,
            "as_of": self.today.isoformat(),
            "milestones": [
                {"id": m.id, "name": m.name, "start": _iso(m.start), "end": _iso(m.end),
                 "owner": m.owner, "status": str(m.status), "why": m.why, "source": m.source,
                 "done_on": _iso(m.done_on),
                 "hanging": [{k: (_iso(v) if isinstance(v, dt.date) else v)
                              for k, v in asdict(h).items() if k not in ("milestone_id", "milestone")}
                             for h in self.hanging if h.milestone_id == m.id]}
                for m in self.milestones
            ],
        }


def _iso(d: Optional[dt.date]) -> Optional[str]:
    return d.isoformat() if d else None


def normalise_ref(ref: str) -> str:
    """"cs-25-07" and "CS_25_07" are the report CS/25/07."""
    ref = " ".join((ref or "").split())
    if re.fullmatch(r"[A-Za-z]{1,5}[-_/]\d{2}[-_/]\d{1,3}", ref):
        ref = re.sub(r"[-_]", "/", ref).upper()
    return ref


def _stored_refs(session) -> list[str]:
    return sorted(set(session.scalars(select(t.Milestone.report_ref).where(
        t.Milestone.removed_at.is_(None), t.Milestone.report_ref.is_not(None)))))


def timeline(store: Store, ref: str, *, today: dt.date, config: Optional[Config] = None) -> TimelineView:
    """The report's milestones with status as of `today`, and what hangs off them."""
    ref = normalise_ref(ref)
    rows = register.milestones(store, today=today, report_ref=ref)
    if not rows:
        with store() as session:
            known = _stored_refs(session)
        hint = f" (timelines held: {', '.join(known[:8])})" if known else ""
        raise TimelineError(f"no Appendix A timeline for {ref!r}{hint}; "
                            f"add one with `govbot timeline import {ref} FILE.csv|yaml`")
    ids = {m.id: m.name for m in rows}
    hanging: list[Hanging] = []
    for a in register.actions(store, today=today, config=config):
        for link in a.milestones:
            if link.id in ids:
                hanging.append(Hanging(link.id, ids[link.id], "delegation", a.id, _action_label(a),
                                       a.status, link.how or link.method))
    for o in register.obligations(store, today=today, config=config):
        for link in o.milestones:
            if link.id in ids:
                hanging.append(Hanging(link.id, ids[link.id], "obligation", o.id,
                                       textwrap.shorten(o.text, 90, placeholder="…"), o.status,
                                       link.how or link.method, o.due_date))
    return TimelineView(ref, today, rows, hanging)


def _action_label(a) -> str:
    label = f"({a.resolution_label}) " if a.resolution_label else ""
    who = " and ".join(a.delegates) or "delegate not named"
    return textwrap.shorten(f"{label}{who}: {a.power}", 110, placeholder="…")


# --- import -----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    ref: str
    added: int
    updated: int
    removed: int
    links: int

    def line(self) -> str:
        return (f"{self.ref}: timeline imported ({self.added} added, {self.updated} updated, "
                f"{self.removed} removed; {self.links} links to delegations and obligations)")


def import_timeline(store: Store, ref: str, path: Path, *, who: str, now: dt.datetime) -> ImportResult:
    """Replace the report's timeline with the file's milestones (one transaction). A
    milestone of the same name keeps its id and its done date; others are removed."""
    ref = normalise_ref(ref)
    if not ref:
        raise TimelineError("give the report reference the timeline belongs to, e.g. CS/25/07")
    try:
        milestones = read_milestones(Path(path))
    except TimelineImportError as exc:
        raise TimelineError(str(exc)) from exc
    if not milestones:
        raise TimelineError(f"{path}: no milestones in it")
    with store.write() as session:
        return _replace(session, ref, milestones, now)


def _replace(session, ref: str, milestones: list[Milestone], now: dt.datetime) -> ImportResult:
    keys = _dedupe([milestone_key(ref, m.name) for m in milestones])
    rows = [dict(key_hash=key_hash(k), report_ref=ref, position=n, name=m.name,
                 start=m.start, end=m.end, owner=m.owner, source="imported", document_id=None)
            for n, (k, m) in enumerate(zip(keys, milestones))]
    hashes = [r["key_hash"] for r in rows]
    existing = dict(session.execute(select(t.Milestone.key_hash, t.Milestone.id).where(
        t.Milestone.key_hash.in_(hashes))).all())
    new = [r for r in rows if r["key_hash"] not in existing]
    ids = allocate_ids(session, t.Milestone, "milestone", [r["key_hash"] for r in new]) if new else {}
    for r in new:
        r["id"] = ids[r["key_hash"]]
        session.add(t.Milestone(**r))
    for r in rows:
        if r["key_hash"] in existing:
            values = {k: v for k, v in r.items() if k not in ("key_hash", "document_id")}
            session.execute(update(t.Milestone).where(t.Milestone.id == existing[r["key_hash"]])
                            .values(**values, removed_at=None))
    session.flush()
    gone = session.execute(update(t.Milestone).where(
        t.Milestone.report_ref == ref, t.Milestone.removed_at.is_(None),
        t.Milestone.key_hash.not_in(hashes)).values(removed_at=now))
    links = relink(session, [ref], now)
    return ImportResult(ref, len(new), len(rows) - len(new), gone.rowcount or 0, links)


# --- chart and calendar ----------------------------------------------------------------------


def _as_domain(rows: list[MilestoneRow]) -> list[Milestone]:
    return [Milestone(name=m.name, start=m.start, end=m.end, owner=m.owner) for m in rows]


def write_png(view: TimelineView, path: Path, *, title: Optional[str] = None) -> Path:
    """The Gantt chart: bars by status, today, and the actions and obligations hanging off."""
    from govbot.tracker.gantt import gantt_png  # matplotlib: only when a chart is asked for

    statuses = {m.name: str(m.status) for m in view.milestones}
    notes = [(h.milestone, f"{h.status}: {textwrap.shorten(h.label, 52, placeholder='…')}" if h.status
              else h.label, h.kind) for h in view.hanging]
    return gantt_png(_as_domain(view.milestones), statuses, view.today, Path(path),
                     title=title or f"{view.ref}: Appendix A timeline (as of {view.today:%d %B %Y})",
                     annotations=notes)


def calendar_events(view: TimelineView) -> list[CalendarEvent]:
    """Each milestone's end, and each hanging obligation's own due date."""
    lines: dict[str, list[str]] = {}
    for h in view.hanging:
        what = "Delegated action waits for it" if h.kind == "delegation" else "Obligation tied to it"
        status = f" [{h.status}]" if h.status else ""
        lines.setdefault(h.milestone, []).append(f"{what} ({h.id}{status}): {h.label} (linked by {h.how})")
    events = milestone_events(view.ref, _as_domain(view.milestones), hanging=lines)
    for h in view.hanging:
        if h.kind == "obligation" and h.due:
            events.append(CalendarEvent(view.ref, "obligation", h.id, h.due, f"{view.ref}: {h.label}",
                                        f"Obligation {h.id} under report {view.ref}: {h.label}\n"
                                        f"Tied to Appendix A milestone '{h.milestone}'."))
    return events


def ics_bytes(view: TimelineView, *, now: dt.datetime) -> bytes:
    return timeline_ics(calendar_events(view), now=now, name=f"govbot: {view.ref} deadlines")
