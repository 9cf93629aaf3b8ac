"""Storing a batch of parsed documents at once (bulk ingest): the same rows as storing them
one at a time, each document whole or not at all, a failed one costing only itself, and
a few statements for a whole batch of new documents rather than ~20 each."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select, text

from govbot.config import Config
from govbot.domain import Resolution
from govbot.extract import PARSER_VERSION
from govbot.service import register
from govbot.service.bulk import RegisterSink
from govbot.store import tables as t
from govbot.store.db import open_store
from govbot.store.writer import StoreOutcome
from tests.databases import make_store_url
from tests.test_store import NOW, meta_for, minutes, report, sqlite_template  # noqa: F401 - a fixture


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def two_stores(request, tmp_path, sqlite_template):  # noqa: F811
    """Two empty registers of one kind: one fed a document at a time, one a batch."""
    stores, cleanups = [], []
    for name in ("one", "batch"):
        folder = tmp_path / name
        folder.mkdir()
        url, cleanup = make_store_url(request.param, folder, sqlite_template)
        stores.append(open_store(url=url))
        cleanups.append(cleanup)
    yield stores
    for store, cleanup in zip(stores, cleanups):
        store.dispose()
        cleanup()


def on(date: str, doc):
    return doc.model_copy(update={"meeting_date": date})


def broken():
    """Minutes the parser could never produce: a clause without text (NOT NULL in the table)."""
    doc = on("2025-05-14", minutes())
    bad = Resolution.model_construct(label="z", text=None, kinds=[], span=None)
    item = doc.items[0].model_copy(update={"resolutions": [*doc.items[0].resolutions, bad]})
    return doc.model_copy(update={"items": [item]})


def a_batch():
    """New documents that share a meeting or a report reference, a report in two formats
    (one document), the same bytes twice, one file name for two meetings, a broken one."""
    first = minutes()
    return [
        (meta_for(first, "2025-03-12/minutes.txt"), first),
        (meta_for(report(), "2025-03-12/report.pdf"), report()),  # links the minutes' delegation
        (meta_for(on("2025-04-09", minutes(extra_item=True)), "2025-04-09/minutes.txt"), on("2025-04-09", minutes(extra_item=True))),
        (meta_for(report().model_copy(update={"notes": ["docx"]}), "2025-03-12/report.docx"),
         report().model_copy(update={"notes": ["docx"]})),  # the same report: updates it
        (meta_for(first, "copy/minutes.txt"), first),  # the same bytes: unchanged
        (meta_for(broken(), "2025-05-14/minutes.txt"), broken()),
        (meta_for(on("2025-06-11", minutes(due="2025-10-31")), "minutes.txt"), on("2025-06-11", minutes(due="2025-10-31"))),
        (meta_for(with_timeline(), "2025-10-08/minutes.txt"), with_timeline()),  # the report's milestones
        (meta_for(on("2025-07-09", minutes()), "minutes.txt"), on("2025-07-09", minutes())),  # name taken: another meeting
        (meta_for(on("2025-09-10", minutes(power="to let the contracts")), "2025-09-10/minutes.txt"),
         on("2025-09-10", minutes(power="to let the contracts"))),
    ]


def with_timeline():
    """Minutes printing the report's Appendix A: its milestones are the report's rows."""
    return on("2025-10-08", minutes()).model_copy(update={"timeline": report().timeline[1:3]})


def one_at_a_time(store, docs, config=None) -> list:
    """What bulk ingest did before batches: a savepoint per document."""
    results = []
    with store.write() as session:
        for meta, parsed in docs:
            try:
                with session.begin_nested():
                    results.append(register.ingest_parsed(session, meta, parsed, config=config, now=NOW))
            except Exception as exc:  # noqa: BLE001
                results.append(exc)
    return results


def rows(store) -> dict:
    """Every register row, without autoincrement keys (numbered in insertion order)."""
    out = {}
    with store.engine.connect() as conn:
        for name in sorted(t.REGISTER_TABLES):
            table = t.Base.metadata.tables[name]
            found = conn.execute(select(*[c for c in table.columns if c.name != "pk"])).all()
            out[name] = sorted(repr(tuple(r)) for r in found)
    return out


def summary(results) -> list:
    return [r.status if isinstance(r, StoreOutcome) else "error" for r in results]


def test_a_batch_stores_the_rows_one_at_a_time_would(two_stores):
    from govbot.config import load_config

    config = load_config()  # the sample roles directory: delegates resolved to people
    one, batch = two_stores
    expected = one_at_a_time(one, a_batch(), config)
    with batch.write() as session:
        got = register.ingest_batch(session, a_batch(), config=config, now=NOW)
    assert summary(got) == summary(expected) == [
        "stored", "stored", "stored", "updated", "unchanged", "error", "stored", "stored", "stored", "stored"]
    assert [r.document_id for r in got if isinstance(r, StoreOutcome)] == \
        [r.document_id for r in expected if isinstance(r, StoreOutcome)]
    assert [r.counts for r in got if isinstance(r, StoreOutcome)] == \
        [r.counts for r in expected if isinstance(r, StoreOutcome)]
    assert rows(batch) == rows(one)
    with batch() as session:
        assert session.scalar(select(t.MilestoneLink.milestone_id).limit(1)) is not None  # linked across documents
        assert "Alex Morgan" in set(session.scalars(select(t.DelegationPerson.person)))


def test_a_second_batch_over_a_stored_register_matches_too(two_stores):
    """Re-parsed versions, a person's correction, stored meetings and milestones."""
    one, batch = two_stores
    for store in (one, batch):
        one_at_a_time(store, a_batch()[:3])
        with store() as session:
            clause = session.scalars(select(t.Resolution).order_by(t.Resolution.id)).first()
        register.edit(store, clause.id, "text", "that the strategy be approved as amended", who="Chris Lee", now=NOW)
    newer = [(meta, parsed.model_copy(update={"parser_version": "test-2"})) for meta, parsed in a_batch()]
    expected = one_at_a_time(one, newer)
    with batch.write() as session:
        got = register.ingest_batch(session, newer, now=NOW)
    assert summary(got) == summary(expected)
    assert rows(batch) == rows(one)
    with batch() as session:
        assert session.get(t.Resolution, clause.id).text == "that the strategy be approved as amended"


def test_new_documents_take_a_few_statements_a_batch(two_stores):
    _, store = two_stores
    docs = [(meta_for(on(f"2024-{m:02d}-15", minutes()), f"{m}.txt"), on(f"2024-{m:02d}-15", minutes())) for m in range(1, 13)]
    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with store.write() as session:
        got = register.ingest_batch(session, docs, now=NOW)
    assert summary(got) == ["stored"] * len(docs)
    assert len(statements) <= 30  # one at a time: ~20 a document
    assert rows(store)["documents"] and len(rows(store)["items"]) == len(docs)


def test_a_failing_document_falls_back_alone_and_its_batch_mates_are_stored(two_stores):
    _, store = two_stores
    docs = [(meta_for(on(f"2024-{m:02d}-15", minutes()), f"{m}.txt"), on(f"2024-{m:02d}-15", minutes())) for m in range(1, 6)]
    docs.insert(2, (meta_for(broken(), "broken.txt"), broken()))
    with store.write() as session:
        got = register.ingest_batch(session, docs, now=NOW)
    assert summary(got) == ["stored", "stored", "error", "stored", "stored", "stored"]
    assert "text" in str(got[2]).lower()  # the NOT NULL column named
    with store() as session:
        names = set(session.scalars(select(t.SourceDocument.name)))
        clauses = session.scalar(select(text("count(*)")).select_from(t.Resolution))
    assert names == {f"{m}.txt" for m in range(1, 6)}
    assert clauses == 5 * 3  # nothing of the broken document's three good clauses


def test_the_sink_reports_an_unreadable_contract_and_stores_the_rest(tmp_path):
    from govbot.bulk.worker import Outcome

    store = open_store(url=f"sqlite:///{tmp_path / 'r.sqlite'}")
    good = on("2024-01-15", minutes())
    outcomes = [
        Outcome("a.txt", "a" * 64, contract=good.to_contract(), format="text", size=10),
        Outcome("b.txt", "b" * 64, contract={"items": [{"resolutions": [{"label": "a"}]}]}, format="text", size=10),
        Outcome("c.txt", "c" * 64, contract=on("2024-02-15", minutes()).to_contract(), format="text", size=10),
    ]
    sink = RegisterSink(store, Config(), PARSER_VERSION)
    try:
        results = sink.write(outcomes, reparse=False)
        assert [r[0] for r in results] == ["stored", "error", "stored"]
        assert results[1][1].startswith("could not be stored (ValidationError")
        assert sink.status("a" * 64) == ("older", "a.txt")  # stored by the test parser's version
        assert sink.status("b" * 64) is None
    finally:
        sink.close()
    with store() as session:
        stored = session.scalars(select(t.SourceDocument).order_by(t.SourceDocument.name)).all()
        assert [d.parse_json for d in stored] == [good.to_contract(), on("2024-02-15", minutes()).to_contract()]
        assert all(d.ingested_at is not None for d in stored)
    store.dispose()


def test_sinks_results_line_up_with_batches_of_one_document_each(tmp_path):
    """The sink gives one result per outcome, in order, whatever path each took."""
    store = open_store(url=f"sqlite:///{tmp_path / 'r.sqlite'}")
    from govbot.bulk.worker import Outcome

    docs = a_batch()
    outcomes = [Outcome(meta.name, meta.sha256, contract=parsed.to_contract(), format="text") for meta, parsed in docs]
    sink = RegisterSink(store, Config(), PARSER_VERSION)
    try:
        results = sink.write(outcomes, reparse=False)
    finally:
        sink.close()
        store.dispose()
    assert [r[0] for r in results] == [
        "stored", "stored", "stored", "updated", "unchanged", "error", "stored", "stored", "stored", "stored"]
    assert all((reason is None) == (status != "error") for status, reason in results)


def test_dates_stay_dates(two_stores):
    """A batch writes milestone dates as dates (the contract carries them as text)."""
    _, store = two_stores
    with store.write() as session:
        register.ingest_batch(session, [(meta_for(report(), "r.pdf"), report())], now=NOW)
    with store() as session:
        starts = set(session.scalars(select(t.Milestone.start)))
    assert dt.date(2025, 4, 1) in starts
