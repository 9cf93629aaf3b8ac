"""`govbot bulk`: years of minutes in, each stored once or reported, resumable, re-parsable.

Real worker processes, a real SQLite register (PostgreSQL when GOVBOT_TEST_POSTGRES_URL
is set), a synthetic corpus from benchmarks/synth_corpus.py.
"""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from tests.databases import private_postgres_schema

from govbot.config import Config
from govbot.service.bulk import bulk_ingest
from govbot.store import tables as t
from govbot.store.db import open_store

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "benchmarks"))
from synth_corpus import generate  # noqa: E402


def _corpus(folder: Path, per_year: int = 4, formats=("pdf", "docx", "html", "txt")) -> list[Path]:
    return generate(folder, seed=3, years=range(2019, 2021), per_year=per_year, formats=formats)


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "minutes"
    files = _corpus(folder)
    return folder, files


@pytest.fixture
def store(tmp_path):
    store = open_store(url=f"sqlite:///{tmp_path / 'register.sqlite'}")
    yield store
    store.dispose()


def _count(store, table) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def _errors(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _whole(store) -> bool:
    """Every stored document has all its items: nothing is half-stored."""
    with store.session() as session:
        for doc in session.scalars(select(t.SourceDocument)):
            items = session.scalar(select(func.count()).select_from(t.Item).where(t.Item.document_id == doc.id))
            if items != len(doc.parse_json["items"]):
                return False
    return True


def test_a_mixed_corpus_is_stored_once_and_skipped_the_second_time(corpus, store, tmp_path):
    folder, files = corpus
    (folder / "2020" / "scan-0099.pdf").write_bytes(b"\x00\x01 not a pdf at all")
    report = tmp_path / "errors.csv"
    first = bulk_ingest([folder], Config(), store=store, workers=2, errors_csv=report)
    assert (first.stored, first.errors, first.files) == (len(files), 1, len(files) + 1)
    assert first.resolutions > 0 and first.delegations > 0 and first.pages >= len(files)
    rows = _errors(report)
    assert [r["path"] for r in rows] == [str(folder / "2020" / "scan-0099.pdf")]
    assert "PDF" in rows[0]["reason"]
    assert _count(store, t.SourceDocument) == len(files)
    assert _whole(store)

    again = bulk_ingest([folder], Config(), store=store, workers=2)
    assert (again.stored, again.unchanged, again.errors) == (0, len(files), 1)
    assert _count(store, t.SourceDocument) == len(files)


def test_zip_archives_and_duplicates_are_each_accounted_for(corpus, store, tmp_path):
    folder, files = corpus
    archive = tmp_path / "minutes.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            z.write(f, f.relative_to(folder))
    report = tmp_path / "errors.csv"
    summary = bulk_ingest([archive, folder / "2019"], Config(), store=store, workers=1, errors_csv=report)
    in_2019 = [f for f in files if f.parent.name == "2019"]
    assert summary.stored == len(files)
    assert summary.duplicates == len(in_2019)  # the same files, loose beside the archive
    assert {r["path"] for r in _errors(report)} == {str(f) for f in in_2019}
    assert all("same content as" in r["reason"] for r in _errors(report))
    assert _count(store, t.SourceDocument) == len(files)


def test_reparse_reruns_older_parser_versions_and_keeps_corrections(corpus, store):
    from govbot.service.register import edit

    folder, files = corpus
    bulk_ingest([folder], Config(), store=store, workers=2)
    with store.session() as session:
        resolution = session.scalars(select(t.Resolution).order_by(t.Resolution.id)).first()
    edit(store, resolution.id, "text", "that the strategy be approved as amended at the meeting", who="Chris Lee")
    with store.write() as session:
        session.execute(update(t.SourceDocument).values(parser_version="0.0-old"))
        session.execute(update(t.SourceFile).values(parser_version="0.0-old"))

    stale = bulk_ingest([folder], Config(), store=store, workers=2)
    assert (stale.older, stale.stored, stale.updated) == (len(files), 0, 0)

    redone = bulk_ingest([folder], Config(), store=store, workers=2, reparse=True)
    assert (redone.updated, redone.stored, redone.errors) == (len(files), 0, 0)
    with store.session() as session:
        versions = set(session.scalars(select(t.SourceDocument.parser_version)))
        kept = session.get(t.Resolution, resolution.id)
    assert "0.0-old" not in versions
    assert kept.text == "that the strategy be approved as amended at the meeting"
    assert _count(store, t.SourceDocument) == len(files)


def test_a_reports_appendix_a_timeline_reaches_the_register(store, tmp_path):
    """Bulk stores what `govbot parse` reads: the sample report's Appendix A milestones too."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.pdf").write_bytes((PROJECT / "samples" / "cabinet_report_CS-25-07.pdf").read_bytes())
    summary = bulk_ingest([folder], Config(), store=store, workers=1)
    assert summary.stored == 1
    with store.session() as session:
        names = set(session.scalars(select(t.Milestone.name)))
    assert {"Procurement options appraisal", "Service specifications", "Equality Impact Assessment"} <= names


@pytest.mark.slow
def test_samples_folder_goes_in_through_the_command(tmp_path):
    env = dict(os.environ, GOVBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'r.sqlite'}")
    run = subprocess.run([sys.executable, "-m", "govbot", "bulk", "samples/", "--workers", "1",
                          "--errors", str(tmp_path / "e.csv")],
                         cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 1), run.stderr
    assert "stored" in run.stdout and "Traceback" not in run.stderr
    samples = [p for p in (PROJECT / "samples").iterdir() if not p.name.startswith(".")]
    store = open_store(url=env["GOVBOT_DATABASE_URL"])
    stored = _count(store, t.SourceFile)  # files: a report's DOCX and PDF are one document
    store.dispose()
    reported = _errors(tmp_path / "e.csv")
    assert stored + len(reported) == len(samples)
    assert stored >= 3  # the minutes text and the report as DOCX and PDF
    assert all(r["reason"].startswith("skipped") for r in reported if r["path"].endswith(".py"))


def _run_and_interrupt(tmp_path, folder: Path, how: int) -> tuple[int, int]:
    """Start `govbot bulk` in a subprocess, interrupt it once some batches are committed."""
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    env = dict(os.environ, GOVBOT_DATABASE_URL=url)
    command = [sys.executable, "-m", "govbot", "bulk", str(folder), "--workers", "1", "--batch", "2"]
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    store = open_store(url=url)
    try:
        while process.poll() is None:
            try:
                if _count(store, t.SourceDocument) >= 2:
                    break
            except Exception:
                pass  # the tables may not exist yet
            time.sleep(0.02)
        process.send_signal(how)
        process.communicate(timeout=120)
        return process.returncode, _count(store, t.SourceDocument)
    finally:
        if process.poll() is None:
            process.kill()
        store.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_an_interrupted_run_resumes_without_duplicates(tmp_path, how):
    folder = tmp_path / "minutes"
    files = _corpus(folder, per_year=20, formats=("txt", "html"))
    code, kept = _run_and_interrupt(tmp_path, folder, how)
    assert code == (130 if how == signal.SIGINT else -signal.SIGKILL) or kept == len(files)
    store = open_store(url=f"sqlite:///{tmp_path / 'r.sqlite'}")
    assert _whole(store)  # nothing half-stored
    summary = bulk_ingest([folder], Config(), store=store, workers=2)
    assert summary.unchanged == kept and summary.stored == len(files) - kept
    with store.session() as session:
        hashes = list(session.scalars(select(t.SourceDocument.sha256)))
    assert len(hashes) == len(set(hashes)) == len(files)
    assert _whole(store)
    store.dispose()


@pytest.mark.slow
def test_dask_cluster_parses_and_the_parent_writes(corpus, store):
    from distributed import LocalCluster

    folder, files = corpus
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        summary = bulk_ingest([folder], Config(), store=store, dask=cluster.scheduler_address)
    assert (summary.stored, summary.errors) == (len(files), 0)
    assert _count(store, t.SourceDocument) == len(files)


@pytest.mark.postgres
def test_bulk_into_postgresql(corpus):
    with private_postgres_schema("bulk") as url:
        store = open_store(url=url)
        folder, files = corpus
        summary = bulk_ingest([folder], Config(), store=store, workers=2)
        assert summary.stored == len(files)
        again = bulk_ingest([folder], Config(), store=store, workers=2)
        assert again.unchanged == len(files)
        assert _count(store, t.SourceDocument) == len(files)
        store.dispose()


@pytest.mark.slow
def test_every_real_kent_item_is_stored_or_reported(shared_corpus, store, tmp_path):
    items = shared_corpus / "bulk" / "items"
    report = tmp_path / "errors.csv"
    summary = bulk_ingest([items], Config(), store=store, workers=2, errors_csv=report)
    assert summary.files == 275
    assert summary.stored + summary.updated + summary.duplicates + summary.errors == 275
    assert len(_errors(report)) == summary.errors + summary.duplicates
    assert summary.with_resolutions >= 195  # 198 items print a RESOLVED line; 201 found
    assert summary.with_delegations >= 19  # 23 follow the "delegate authority to" pattern; 20 found
    assert _whole(store)
