"""The decision register's store, on SQLite and PostgreSQL: ingest, re-ingest, corrections,
whole-document transactions, two processes at once, stable ids, full-text search."""
from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from govbot.domain import Delegation, Item, Milestone, Obligation, ParsedDocument, Resolution
from govbot.service import register
from govbot.store import tables as t
from govbot.store.db import open_store
from govbot.store.writer import DocumentMeta
from tests.databases import make_store_url

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 11, 25)


# --- fixtures: one store per test, on each database -----------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An empty register migrated once; each test starts from a copy (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "register.sqlite"
    open_store(url=f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path, sqlite_template):
    url, cleanup = make_store_url(request.param, tmp_path, sqlite_template)
    yield url
    cleanup()


@pytest.fixture
def store(store_url):
    s = open_store(url=store_url)
    yield s
    s.dispose()


# --- council-like documents written for these tests ---------------------------------------


def minutes(power="to award the resulting contracts within the approved budget", extra_item=False, due="2025-09-30"):
    items = [Item(
        number="41", title="Home to School Transport: Commissioning Strategy", report_ref="CS/25/07",
        resolutions=[
            Resolution(label="a", text="that the Commissioning Strategy, as set out in the Report, be agreed", kinds=["approve"]),
            Resolution(label="b", text="that the principle of a dynamic purchasing system be endorsed", kinds=["endorse"]),
            Resolution(label="c", text="that following completion of a full procurement options appraisal, delegated "
                       "authority be given to the Director of Children's Services " + power, kinds=["delegate"]),
        ],
        delegations=[Delegation(resolution_label="c", delegates=["Director of Children's Services", "Director of Finance and Public Value"],
                                consultees=["Cabinet Member for SEND"], power=power,
                                condition="following completion of a full procurement options appraisal")],
        obligations=[
            Obligation(kind="impact_assessment", text="An Equality Impact Assessment would be completed linked to the development "
                       "of the Service Specification", due=due),
            Obligation(kind="procurement_step", text="A new dynamic purchasing system in place by January 2026", due="2026-01"),
        ],
        mover="Councillor Evans", seconder="Councillor Baker",
    )]
    if extra_item:
        items.append(Item(number="42", title="Library Opening Hours", report_ref="CM/25/02",
                          resolutions=[Resolution(label=None, text="that a public consultation on library opening hours be carried out", kinds=["request"])],
                          obligations=[Obligation(kind="report_back", text="a report on its outcome be brought back to Cabinet", due="2025-09")]))
    return ParsedDocument(page_type="minutes", body="Cabinet", meeting_date="2025-03-12", items=items, parser_version="test-1")


def report():
    return ParsedDocument(page_type="report", body="Cabinet", meeting_date="2025-03-12",
                          items=[Item(title="Home to School Transport", report_ref="CS/25/07",
                                      resolutions=[Resolution(label="a", text="that delegated authority be given to the Director", kinds=["delegate"])],
                                      delegations=[Delegation(resolution_label="a", delegates=["Director of Children's Services"], power="award")])],
                          timeline=[Milestone(name="Prior information notice", start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30)),
                                    Milestone(name="Procurement options appraisal", start=dt.date(2025, 5, 1), end=dt.date(2025, 6, 30)),
                                    Milestone(name="Service specifications", start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30)),
                                    Milestone(name="Framework in place", start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))],
                          parser_version="test-1")


def meta_for(parsed: ParsedDocument, name="cabinet_minutes_2025-03-12.txt") -> DocumentMeta:
    return DocumentMeta(name=name, sha256=hashlib.sha256(parsed.model_dump_json().encode()).hexdigest(), format="text")


def put(store, parsed, name="cabinet_minutes_2025-03-12.txt", config=None):
    with store.write() as session:
        return register.ingest_parsed(session, meta_for(parsed, name), parsed, config=config, now=NOW)


def count(store, table) -> int:
    with store() as session:
        return session.scalar(select(func.count()).select_from(table))


def ids(store, table) -> set[str]:
    with store() as session:
        return set(session.scalars(select(table.id).where(table.removed_at.is_(None))))


# --- tests ------------------------------------------------------------------------------------


def test_migrations_match_the_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from govbot.store.base import Base
    from govbot.store.migrate import include_name

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert [d for d in diff if _table_of(d) in t.REGISTER_TABLES] == []


def _table_of(change) -> str:
    """The table an autogenerate difference is about (other packages' tables are theirs)."""
    if isinstance(change, list):  # modify_* come grouped
        change = change[0]
    for part in change[1:]:
        if hasattr(part, "name") and hasattr(part, "columns") and not hasattr(part, "table"):
            return part.name  # a Table
        if hasattr(part, "table") and part.table is not None:
            return part.table.name  # an Index or a constraint
    return change[2] if len(change) > 2 and isinstance(change[2], str) else ""


def test_ingest_stores_then_same_bytes_are_unchanged(store):
    first = put(store, minutes())
    assert first.status == "stored"
    assert first.counts == {"items": 1, "resolutions": 3, "delegations": 1, "obligations": 2, "milestones": 0}
    again = put(store, minutes())
    assert (again.status, again.document_id) == ("unchanged", first.document_id)
    assert count(store, t.SourceDocument) == 1 and count(store, t.Resolution) == 3


def test_changed_document_updates_in_place_with_stable_ids(store):
    first = put(store, minutes())
    before = {tab: ids(store, tab) for tab in (t.Item, t.Resolution, t.Delegation, t.Obligation)}
    changed = put(store, minutes(power="to award the contracts", extra_item=True))
    assert changed.status == "updated" and changed.document_id == first.document_id
    assert count(store, t.SourceDocument) == 1
    after = {tab: ids(store, tab) for tab in before}
    for tab in before:
        assert before[tab] <= after[tab]  # every id survived the re-parse
    with store() as session:
        assert session.scalar(select(t.Delegation.power)) == "to award the contracts"
    assert len(after[t.Item]) == 2


def test_vanished_clause_is_marked_removed_not_deleted(store):
    put(store, minutes(extra_item=True))
    put(store, minutes())
    assert count(store, t.Item) == 2 and len(ids(store, t.Item)) == 1
    assert all(r.where.minute == "41" for r in register.obligations(store, today=TODAY))


def test_correction_survives_reparse(store):
    put(store, minutes())
    delegation_id = next(iter(ids(store, t.Delegation)))
    register.edit(store, delegation_id, "power", "to award the contracts up to £2m", "Chris Lee", now=NOW)
    put(store, minutes(power="to award the resulting contracts (re-read)"))
    (action,) = register.actions(store, today=TODAY)
    assert action.power == "to award the contracts up to £2m"
    with store() as session:
        correction = session.scalar(select(t.Correction))
    assert (correction.who, correction.field, correction.previous) == ("Chris Lee", "power", "to award the resulting contracts within the approved budget")


def test_crash_mid_ingest_leaves_nothing(store):
    class Crash(Exception):
        pass

    with pytest.raises(Crash):
        with store.write() as session:
            register.ingest_parsed(session, meta_for(minutes()), minutes(), now=NOW)
            raise Crash("power cut")
    for table in (t.SourceDocument, t.Meeting, t.Item, t.Resolution, t.Delegation, t.DelegationPerson, t.Obligation):
        assert count(store, table) == 0
    assert register.search(store, "dynamic purchasing") == []


def test_search_finds_words_with_stemming(store):
    put(store, minutes(extra_item=True))
    found = register.search(store, "consult library")
    assert [r.where.minute for r in found] == ["42"]
    assert {r.label for r in register.search(store, "purchasing")} == {"b"}
    assert register.search(store, "helicopter") == [] and register.search(store, "  ") == []


def test_ids_are_short_stable_and_typed(store, tmp_path):
    put(store, minutes())
    first = {tab: ids(store, tab) for tab in (t.Resolution, t.Delegation, t.Obligation)}
    for tab, prefix in ((t.Resolution, "R"), (t.Delegation, "A"), (t.Obligation, "O")):
        assert all(i.startswith(prefix) and len(i) == 6 for i in first[tab])
    # The same document in a fresh database gets the same ids: they come from what it is.
    other = open_store(url=f"sqlite:///{tmp_path / 'other.sqlite'}")
    put(other, minutes())
    assert {tab: ids(other, tab) for tab in first} == first
    other.dispose()


def test_timeline_links_and_statuses_as_of_a_date(store, tmp_path):
    put(store, minutes())
    put(store, report(), name="cabinet_report_CS-25-07.docx")
    (action,) = register.actions(store, today=TODAY)
    assert [m.name for m in action.milestones] == ["Procurement options appraisal"]
    assert action.status == "awaiting condition"
    obligations = {o.kind: o for o in register.obligations(store, today=TODAY)}
    assert obligations["procurement_step"].status == "overdue"  # January 2026 has passed
    assert obligations["impact_assessment"].status == "overdue"
    assert [m.name for m in obligations["impact_assessment"].milestones] == ["Service specifications"]
    appraisal = action.milestones[0].id
    register.milestone_done(store, appraisal, dt.date(2025, 7, 4), who="Chris Lee")
    (action,) = register.actions(store, today=TODAY)
    assert action.status == "ready"
    (before,) = register.actions(store, today=dt.date(2025, 7, 1))
    assert before.status == "awaiting condition"  # as of a date before it was done


def test_done_and_waived_obligations(store):
    put(store, minutes())
    obligations = {o.kind: o for o in register.obligations(store, today=TODAY)}
    done = register.mark_done(store, obligations["impact_assessment"].id, "https://example.gov.uk/eia.pdf", "Chris Lee", TODAY)
    assert done.status == "done" and "eia.pdf" in done.why
    waived = register.waive(store, obligations["procurement_step"].id, "superseded by framework", "Sam Patel", TODAY)
    assert waived.status == "waived" and "Sam Patel" in waived.why
    assert register.obligations(store, today=TODAY, status="overdue") == []
    with pytest.raises(register.RegisterError, match="evidence"):
        register.mark_done(store, obligations["impact_assessment"].id, " ", "Chris Lee", TODAY)
    with pytest.raises(register.RegisterError, match="no obligation"):
        register.waive(store, "OZZZZZ", "x", "y", TODAY)


def test_owner_filter_resolves_titles_through_roles(store):
    from govbot.config import load_config

    config = load_config()
    put(store, minutes(), config=config)
    (action,) = register.actions(store, today=TODAY, owner="Alex Morgan", config=config)
    assert action.people == ["Alex Morgan", "Priya Shah"]
    assert register.actions(store, today=TODAY, owner="Section 151 Officer", config=config)
    assert register.actions(store, today=TODAY, owner="Monitoring Officer", config=config) == []


def _ingest_many(url: str, start: int, n: int) -> None:
    s = open_store(url=url)
    for k in range(start, start + n):
        doc = minutes()
        doc.meeting_date = (dt.date(2020, 1, 1) + dt.timedelta(days=k)).isoformat()
        with s.write() as session:
            register.ingest_parsed(session, meta_for(doc, f"minutes_{k}.txt"), doc, now=NOW)
    s.dispose()


@pytest.mark.slow
def test_two_processes_ingesting_into_one_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    workers = [ctx.Process(target=_ingest_many, args=(url, k * 1000, 15)) for k in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    s = open_store(url=url)
    assert count(s, t.SourceDocument) == 30 and count(s, t.Resolution) == 90
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert len(register.search(s, "dynamic purchasing", limit=100)) == 30
    s.dispose()


def test_a_report_gives_its_timeline_not_decisions(store):
    stored = put(store, report(), name="cabinet_report_CS-25-07.docx")
    assert stored.counts["milestones"] == 4 and stored.counts["delegations"] == 0
    assert count(store, t.Delegation) == 0 and count(store, t.Resolution) == 0
    assert {m.report_ref for m in register.milestones(store, today=TODAY)} == {"CS/25/07"}


def test_new_parser_version_updates_same_bytes(store):
    first = put(store, minutes())
    newer = minutes()
    newer.parser_version = "test-2"
    with store.write() as session:
        again = register.ingest_parsed(session, meta_for(minutes()), newer, now=NOW)
    assert (again.status, again.document_id) == ("updated", first.document_id)


def test_sample_minutes_through_the_parser(store_url, sample_minutes, tmp_path):
    from govbot.config import load_config

    config = load_config()
    store = open_store(url=store_url)
    try:
        first = register.ingest_path(store, config, sample_minutes)
        assert first.status == "stored", first.message
        assert register.ingest_path(store, config, sample_minutes).status == "unchanged"
        copy = tmp_path / sample_minutes.name
        copy.write_text(sample_minutes.read_text(encoding="utf-8").replace("twelve weeks", "ten weeks"), encoding="utf-8")
        changed = register.ingest_path(store, config, copy)
        assert (changed.status, changed.document_id) == ("updated", first.document_id)
        (action,) = register.actions(store, today=TODAY, config=config)
        assert action.status == "awaiting condition" and "Alex Morgan" in action.people
        assert register.search(store, "dynamic purchasing")
        assert register.obligations(store, today=TODAY, status="overdue", config=config)
        bad = tmp_path / "empty.pdf"
        bad.write_bytes(b"")
        failed = register.ingest_path(store, config, bad)
        assert failed.status == "failed" and "\n" not in failed.line() and "empty.pdf" in failed.line()
    finally:
        store.dispose()


def test_a_corrected_link_survives_reparse(store):
    put(store, minutes())
    put(store, report(), name="cabinet_report_CS-25-07.docx")
    (action,) = register.actions(store, today=TODAY)
    framework = next(m for m in register.milestones(store, today=TODAY) if m.name == "Framework in place")
    register.edit(store, action.id, "milestones", framework.id.lower(), "Chris Lee", now=NOW)
    put(store, minutes(power="to award the contracts"))
    put(store, report(), name="cabinet_report_CS-25-07.pdf")  # the same report again, as PDF
    (action,) = register.actions(store, today=TODAY)
    assert [(m.name, m.method) for m in action.milestones] == [("Framework in place", "edited")]
    with pytest.raises(register.RegisterError, match="no milestone"):
        register.edit(store, action.id, "milestones", "MZZZZZ", "Chris Lee")


def _ingest_meetings(url: str, page_type: str, n: int) -> None:
    s = open_store(url=url)
    for k in range(n):
        doc = minutes()
        doc.page_type = page_type
        doc.meeting_date = (dt.date(2024, 1, 1) + dt.timedelta(days=k)).isoformat()
        with s.write() as session:
            register.ingest_parsed(session, meta_for(doc, f"{page_type}_{k}.txt"), doc, now=NOW)
    s.dispose()


@pytest.mark.slow
def test_two_processes_storing_papers_of_the_same_meetings(store_url):
    open_store(url=store_url).dispose()  # migrated before the race: the race is the meetings
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    workers = [ctx.Process(target=_ingest_meetings, args=(store_url, kind, 8)) for kind in ("minutes", "decision")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    s = open_store(url=store_url)
    assert count(s, t.SourceDocument) == 16 and count(s, t.Meeting) == 8
    s.dispose()


def test_decision_by_report_reference(store):
    put(store, minutes(extra_item=True))
    put(store, report(), name="cabinet_report_CS-25-07.docx")
    found = register.decision(store, "CS/25/07", today=TODAY)
    assert [r.label for r in found.resolutions] == ["a", "b", "c"]
    assert len(found.actions) == 1 and len(found.obligations) == 2 and len(found.milestones) == 4
    with pytest.raises(register.RegisterError, match="no decision found"):
        register.decision(store, "ZZ/99/99", today=TODAY)


def test_a_report_as_docx_and_as_pdf_is_one_document_and_both_stay_unchanged(store):
    """The same report in two formats is one document; ingesting either again changes nothing."""
    from govbot.config import load_config

    config, samples = load_config(), Path(__file__).resolve().parent.parent / "samples"
    docx, pdf = samples / "cabinet_report_CS-25-07.docx", samples / "cabinet_report_CS-25-07.pdf"
    first = register.ingest_path(store, config, docx)
    second = register.ingest_path(store, config, pdf)
    assert (first.status, second.status) == ("stored", "updated")
    assert second.document_id == first.document_id
    again = [register.ingest_path(store, config, p) for p in (docx, pdf, docx)]
    assert [r.status for r in again] == ["unchanged"] * 3
    with store() as session:
        assert session.scalar(select(func.count()).select_from(t.SourceDocument)) == 1
        assert session.scalar(select(func.count()).select_from(t.SourceFile)) == 2
        assert session.scalar(select(func.count()).select_from(t.Milestone).where(t.Milestone.removed_at.is_(None))) == 6
