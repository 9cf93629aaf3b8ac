"""The register's commands, run as a user runs them (typer's runner, a real SQLite file)."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from typer.testing import CliRunner

from govbot.cli import app
from govbot.config import load_config
from govbot.service import register
from govbot.store.db import open_store
from test_store import minutes, put, report, sqlite_template  # noqa: F401 (a fixture)

runner = CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch, sqlite_template):
    shutil.copyfile(sqlite_template, tmp_path / "govbot.sqlite")
    url = f"sqlite:///{tmp_path / 'govbot.sqlite'}"
    monkeypatch.setenv("GOVBOT_DATABASE_URL", url)
    store = open_store(url=url)
    put(store, minutes(), config=load_config())
    put(store, report(), name="cabinet_report_CS-25-07.docx")
    yield store
    store.dispose()


def run(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def test_actions_json_as_of_a_date(db):
    result = run("actions", "--as-of", "2026-11-25", "--format", "json")
    assert result.exit_code == 0
    (action,) = json.loads(result.stdout)
    assert action["status"] == "awaiting condition"
    assert action["people"] == ["Alex Morgan", "Priya Shah"]
    assert action["milestones"][0]["name"] == "Procurement options appraisal"


def test_obligations_text_and_status_filter(db):
    result = run("obligations", "--as-of", "2026-11-25", "--status", "overdue")
    assert result.exit_code == 0 and "overdue" in result.stdout and "Equality" in result.stdout
    early = run("obligations", "--as-of", "2025-04-01", "--status", "overdue", "--format", "json")
    assert json.loads(early.stdout) == []


def test_done_waive_and_milestone_done(db):
    obligations = register.obligations(db, today=dt.date(2026, 11, 25))
    first, second = obligations[0].id, obligations[1].id
    result = run("done", first.lower(), "--evidence", "https://example.gov.uk/eia", "--as", "Chris Lee", "--on", "2026-11-20")
    assert result.exit_code == 0 and "done" in result.stdout
    result = run("waive", second, "--reason", "replaced by the framework", "--as", "Sam Patel")
    assert result.exit_code == 0 and "waived" in result.stdout
    milestone = register.milestones(db, today=dt.date(2026, 11, 25), report_ref="CS/25/07")[1]
    assert run("milestone", "done", milestone.id, "--on", "2025-07-01").exit_code == 0
    (action,) = json.loads(run("actions", "--format", "json").stdout)
    assert action["status"] == "ready"


def test_edit_keeps_who_and_rejects_bad_fields(db):
    (action,) = register.actions(db, today=dt.date(2026, 11, 25))
    result = run("edit", action.id, "condition", "none", "--as", "Chris Lee")
    assert result.exit_code == 0 and "corrected by Chris Lee" in result.stdout
    (action,) = register.actions(db, today=dt.date(2026, 11, 25))
    assert action.condition is None
    bad = run("edit", action.id, "colour", "red", "--as", "Chris Lee")
    assert bad.exit_code == 1 and "no field 'colour'" in bad.stderr
    assert run("edit", "AZZZZZ", "power", "x", "--as", "Chris Lee").exit_code == 1


def test_search_and_bad_ids_give_one_line_errors(db):
    result = run("search", "purchasing", "--format", "json")
    assert [r["label"] for r in json.loads(result.stdout)] == ["b"]
    bad = run("done", "O00000", "--evidence", "x")
    assert bad.exit_code == 1 and bad.stderr.strip().startswith("error: no obligation")
    assert run("actions", "--as-of", "yesterday").exit_code == 1


def test_ingest_reports_each_file_and_fails_on_a_bad_one(tmp_path, monkeypatch, sample_minutes):
    monkeypatch.setenv("GOVBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    missing = tmp_path / "nope.pdf"
    result = run("ingest", str(sample_minutes), str(missing))
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("cabinet_minutes_2025-03-12.txt: stored D")
    assert "nope.pdf" in lines[1] and "error" in lines[1]
    again = run("ingest", str(sample_minutes))
    assert again.exit_code == 0 and ": unchanged D" in again.stdout
