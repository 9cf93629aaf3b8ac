"""`govbot timeline`: the register's view of a report's Appendix A timeline, its import,
its Gantt chart and calendar (SQLite, and PostgreSQL when GOVBOT_TEST_POSTGRES_URL is set)."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from icalendar import Calendar
from PIL import Image

from tests.databases import private_postgres_schema
from govbot.domain import Delegation, Item, Milestone, Obligation, ParsedDocument, Resolution
from govbot.service import register
from govbot.service import timeline as tl
from govbot.store.db import open_store
from govbot.store.writer import DocumentMeta

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 11, 25)
D = dt.date
PROGRAMME = [
    Milestone(name="Prior Information Notice and market testing questionnaire", start=D(2025, 3, 1), end=D(2025, 4, 30)),
    Milestone(name="Procurement options appraisal", start=D(2025, 4, 1), end=D(2025, 6, 30)),
    Milestone(name="Provider engagement", start=D(2025, 5, 1), end=D(2025, 9, 30)),
    Milestone(name="Service specifications", start=D(2025, 7, 1), end=D(2025, 10, 31)),
    Milestone(name="Equality Impact Assessment", start=D(2025, 7, 1), end=D(2025, 9, 30)),
    Milestone(name="Dynamic purchasing system in place", start=D(2026, 1, 1), end=D(2026, 1, 31)),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(url=f"sqlite:///{tmp_path / 'register.sqlite'}")
        yield s
        s.dispose()
        return
    with private_postgres_schema() as url:
        s = open_store(url=url)
        yield s
        s.dispose()


def minutes() -> ParsedDocument:
    item = Item(number="41", title="Home to School Transport: Commissioning Strategy", report_ref="CS/25/07",
                resolutions=[Resolution(label="(d)", text="that following completion of a full procurement "
                                        "options appraisal, delegated authority be given ...", kinds=["delegate"])],
                delegations=[Delegation(resolution_label="(d)",
                                        delegates=["Director of Children & Young People's Futures"],
                                        power="to approve the final route to market",
                                        condition="following completion of a full procurement options appraisal")],
                obligations=[Obligation(kind="impact_assessment", due="2025-09-30",
                                        text="An Equality Impact Assessment would be completed linked to the "
                                             "development of the Service Specification")])
    return ParsedDocument(body="Cabinet", meeting_date="2025-03-12", items=[item])


def report(timeline=PROGRAMME) -> ParsedDocument:
    return ParsedDocument(timeline=list(timeline), items=[Item(report_ref="CS/25/07", title="Commissioning Strategy")])


def ingest(store, parsed, name):
    with store.write() as session:
        register.ingest_parsed(session, DocumentMeta(name=name, sha256=uuid.uuid4().hex), parsed, now=NOW)


@pytest.fixture
def filled(store):
    ingest(store, minutes(), "minutes.txt")
    ingest(store, report(), "cabinet_report_CS-25-07.docx")
    return store


def test_view_has_statuses_and_what_hangs_off(filled):
    view = tl.timeline(filled, "cs-25-07", today=D(2025, 5, 15))
    status = {m.name: str(m.status) for m in view.milestones}
    assert status["Prior Information Notice and market testing questionnaire"] == "late"
    assert status["Procurement options appraisal"] == "in progress"
    assert status["Dynamic purchasing system in place"] == "planned"
    hanging = {(h.milestone, h.kind) for h in view.hanging}
    assert hanging == {("Procurement options appraisal", "delegation"), ("Service specifications", "obligation")}
    action = next(h for h in view.hanging if h.kind == "delegation")
    assert "procurement, options, appraisal" in action.how and action.status == "awaiting condition"


def test_json_gives_name_start_end_status(filled):
    data = tl.timeline(filled, "CS/25/07", today=TODAY).to_json()
    dps = data["milestones"][-1]
    assert (dps["name"], dps["start"], dps["end"], dps["status"]) == (
        "Dynamic purchasing system in place", "2026-01-01", "2026-01-31", "late")
    assert data["as_of"] == "2026-11-25"


def test_unknown_ref_says_what_is_held(filled):
    with pytest.raises(tl.TimelineError, match=r"no Appendix A timeline for 'XX/1/2'.*CS/25/07.*timeline import"):
        tl.timeline(filled, "XX/1/2", today=TODAY)


def test_import_replaces_timeline_keeps_ids_and_relinks(filled, tmp_path):
    before = {m.name: m.id for m in tl.timeline(filled, "CS/25/07", today=TODAY).milestones}
    csv = tmp_path / "cs.csv"
    csv.write_text("Milestone,Start,End,Lead\n"
                   "Procurement options appraisal,April 2025,July 2025,Head of Procurement\n"
                   "Service specifications,Jul-25,Nov-25,\n"
                   "Contract award,,March 2026,\n", encoding="utf-8")
    result = tl.import_timeline(filled, "CS/25/07", csv, who="jo", now=NOW)
    assert (result.added, result.updated, result.removed, result.links) == (1, 2, 4, 2)
    view = tl.timeline(filled, "CS/25/07", today=TODAY)
    names = [m.name for m in view.milestones]
    assert names == ["Procurement options appraisal", "Service specifications", "Contract award"]
    appraisal = view.milestones[0]
    assert appraisal.id == before["Procurement options appraisal"] and appraisal.end == D(2025, 7, 31)
    assert appraisal.source == "imported" and appraisal.owner == "Head of Procurement"
    assert {h.milestone for h in view.hanging} == {"Procurement options appraisal", "Service specifications"}


def test_import_error_names_line_and_field_and_stores_nothing(filled, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,end\nContract award,March 2026\nGo live,someday\n", encoding="utf-8")
    with pytest.raises(tl.TimelineError, match=r"bad.csv line 3, field 'end': 'someday' is not a date"):
        tl.import_timeline(filled, "CS/25/07", bad, who="jo", now=NOW)
    assert len(tl.timeline(filled, "CS/25/07", today=TODAY).milestones) == len(PROGRAMME)


def test_import_for_a_report_whose_timeline_was_a_picture(store, tmp_path):
    ingest(store, minutes(), "minutes.txt")
    yaml_file = tmp_path / "cs.yaml"
    yaml_file.write_text("- {name: Procurement options appraisal, start: 2025-04-01, end: 2025-06-30}\n", encoding="utf-8")
    assert tl.import_timeline(store, "CS/25/07", yaml_file, who="jo", now=NOW).links == 1
    [h] = tl.timeline(store, "CS/25/07", today=TODAY).hanging
    assert h.kind == "delegation"


def test_png_and_ics(filled, tmp_path):
    view = tl.timeline(filled, "CS/25/07", today=TODAY)
    png = tl.write_png(view, tmp_path / "cs.png")
    with Image.open(png) as img:
        assert img.format == "PNG" and img.size[0] > 1000
    cal = Calendar.from_ical(tl.ics_bytes(view, now=NOW))
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    dps = events["CS/25/07: Dynamic purchasing system in place due"]
    assert dps.decoded("DTSTART") == D(2026, 1, 31)
    spec = str(events["CS/25/07: Service specifications due"]["DESCRIPTION"])
    assert "Obligation tied to it" in spec and "Equality Impact Assessment" in spec
    eia = [e for e in cal.walk("VEVENT") if "obligation" in str(e["UID"])]
    assert [e.decoded("DTSTART") for e in eia] == [D(2025, 9, 30)]
