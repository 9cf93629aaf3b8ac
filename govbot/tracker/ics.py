"""Deadlines as an iCalendar file for directors' calendars.

One all-day VEVENT per milestone end, obligation due date or statutory deadline. UIDs come
from what the event is (report, kind, key), never from its date, so importing a newer
file moves an event instead of adding a second one; SEQUENCE rises with the stamp.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from icalendar import Calendar, Event

from govbot.domain import Milestone

PRODID = "-//govbot//Appendix A deadlines//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day entry: `key` names the thing (a milestone name, an obligation id)."""

    ref: str  # report reference, e.g. "CS/25/07"
    kind: str  # milestone | obligation | deadline
    key: str
    date: dt.date
    summary: str
    description: str  # what it is and why it matters


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def uid(event: CalendarEvent) -> str:
    return f"{_slug(event.ref)}.{event.kind}.{_slug(event.key)}@govbot"


def milestone_events(ref: str, milestones: Sequence[Milestone], *, title: str = "",
                     hanging: Optional[dict[str, list[str]]] = None) -> list[CalendarEvent]:
    """An event on each dated milestone's end; `hanging` maps a milestone name to lines
    about the delegations and obligations that wait on it."""
    hanging = hanging or {}
    out = []
    for m in milestones:
        due = m.end or m.start
        if due is None:
            continue
        about = f" ({title})" if title else ""
        lines = [f"Appendix A milestone of report {ref}{about}: {m.name}.",
                 f"Planned {m.start.isoformat()} to {due.isoformat()}." if m.start and m.start != due
                 else f"Due {due.isoformat()}."]
        if m.owner:
            lines.append(f"Lead: {m.owner}.")
        lines += hanging.get(m.name, [])
        out.append(CalendarEvent(ref, "milestone", m.name, due, f"{ref}: {m.name} due",
                                 "\n".join(lines)))
    return out


def timeline_ics(events: Iterable[CalendarEvent], *, now: Optional[dt.datetime] = None,
                 name: str = "govbot deadlines") -> bytes:
    """The events as an iCalendar file. `now` stamps the file (UTC); pass it so output is
    reproducible (it defaults to the clock only for one-off use)."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    seen: set[str] = set()
    for event in sorted(events, key=lambda e: (e.date, e.kind, e.key)):
        ident = uid(event)
        if ident in seen:  # the same thing twice would make calendars show it twice
            continue
        seen.add(ident)
        vevent = Event()
        vevent.add("uid", ident)
        vevent.add("dtstamp", stamp)
        vevent.add("sequence", int(stamp.timestamp()) // 60)
        vevent.add("dtstart", event.date)
        vevent.add("dtend", event.date + dt.timedelta(days=1))
        vevent.add("summary", event.summary)
        vevent.add("description", event.description)
        vevent.add("categories", [event.kind])
        vevent.add("transp", "TRANSPARENT")  # a deadline, not a meeting: do not block time
        cal.add_component(vevent)
    return cal.to_ical()
