"""Deadlines as iCalendar: all-day events, stable UIDs, what and why."""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from govbot.domain import Milestone
from govbot.tracker.ics import CalendarEvent, milestone_events, timeline_ics

D = dt.date
NOW = dt.datetime(2025, 3, 13, 9, 0, tzinfo=dt.timezone.utc)
PROGRAMME = [
    Milestone(name="Procurement options appraisal", start=D(2025, 4, 1), end=D(2025, 6, 30),
              owner="Director of Finance and Public Value"),
    Milestone(name="Dynamic purchasing system in place", start=D(2026, 1, 1), end=D(2026, 1, 31)),
    Milestone(name="Review of routes"),  # undated: no event
]
EIA = CalendarEvent("CS/25/07", "obligation", "ob-7", D(2025, 9, 30),
                    "CS/25/07: Equality Impact Assessment to Children's Scrutiny",
                    "Minute 41: the Equality Impact Assessment is to be reported to the "
                    "Children's Scrutiny Committee by 30 September 2025.")


def events_of(data: bytes):
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_round_trip_all_day_events_with_what_and_why():
    hanging = {"Procurement options appraisal": ["Delegation (d) waits for it: approve the route to market."]}
    events = milestone_events("CS/25/07", PROGRAMME, title="Home to School Transport", hanging=hanging)
    data = timeline_ics(events + [EIA], now=NOW)
    parsed = events_of(data)
    assert len(parsed) == 3
    appraisal = parsed["cs-25-07.milestone.procurement-options-appraisal@govbot"]
    assert appraisal.decoded("DTSTART") == D(2025, 6, 30)  # all-day: a date, not a time
    assert appraisal.decoded("DTEND") == D(2025, 7, 1)
    desc = str(appraisal["DESCRIPTION"])
    assert "report CS/25/07 (Home to School Transport)" in desc
    assert "Delegation (d) waits for it" in desc and "Director of Finance" in desc
    eia = parsed["cs-25-07.obligation.ob-7@govbot"]
    assert "Children's Scrutiny Committee" in str(eia["DESCRIPTION"])
    assert str(Calendar.from_ical(data)["PRODID"]).startswith("-//govbot")


def test_uids_stable_when_dates_move_so_reimport_updates():
    first = events_of(timeline_ics(milestone_events("CS/25/07", PROGRAMME), now=NOW))
    moved = [PROGRAMME[0].model_copy(update={"end": D(2025, 7, 31)})] + PROGRAMME[1:]
    later = NOW + dt.timedelta(days=30)
    second = events_of(timeline_ics(milestone_events("CS/25/07", moved), now=later))
    assert set(first) == set(second)
    uid = "cs-25-07.milestone.procurement-options-appraisal@govbot"
    assert second[uid].decoded("DTSTART") == D(2025, 7, 31)
    assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])


def test_same_input_same_bytes_and_no_duplicates():
    events = milestone_events("CS/25/07", PROGRAMME) * 2
    a, b = timeline_ics(events, now=NOW), timeline_ics(events, now=NOW)
    assert a == b
    assert len(events_of(a)) == 2
