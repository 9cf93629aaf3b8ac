"""The records commands end to end on the project's sample minutes, and on the seed page."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import docx
import pytest
from typer.testing import CliRunner

from govbot.cli import app
from govbot.config import PROJECT_ROOT, load_config
from govbot.service import records as svc
from govbot.service import register
from govbot.store.db import open_store

runner = CliRunner()
FILLED = ["decision=Approve a dynamic purchasing system.", "reasons=Best value.", "alternatives=Block contracts: rejected.",
          "conflicts=none", "key_decision=no", "exempt=no", "financial_implications=Within budget.",
          "legal_implications=Procurement Act 2023.", "equality_implications=EqIA under way.", "contact=Transport team",
          "condition.override_reason=Options appraisal reported to the Cabinet Member"]


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The sample minutes ingested once (parsing is the slow part); each test gets a copy."""
    path = tmp_path_factory.mktemp("cli") / "template.sqlite"
    config = load_config(PROJECT_ROOT / "config.yaml")
    store = open_store(url=f"sqlite:///{path}")
    try:
        assert register.ingest_path(store, config, PROJECT_ROOT / "samples" / "cabinet_minutes_2025-03-12.txt").ok
        [action] = [a for a in register.actions(store, today=dt.date(2025, 5, 1), config=config) if a.resolution_label == "d"]
    finally:
        store.dispose()
    return path, action.id


@pytest.fixture
def db(tmp_path, monkeypatch, ingested):
    template, action_id = ingested
    shutil.copyfile(template, tmp_path / "g.sqlite")
    monkeypatch.setenv("GOVBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'g.sqlite'}")
    monkeypatch.chdir(tmp_path)
    return tmp_path, action_id


def test_draft_writes_docx_and_markdown_and_says_pdf_needs_libreoffice(db, monkeypatch):
    folder, action_id = db
    monkeypatch.setenv("PATH", str(folder))  # no LibreOffice here, whatever the machine has
    result = run("draft", action_id, "--out", folder / "r.docx", "--markdown", "--pdf", "--as-of", "2025-05-01")
    assert result.exit_code == 0, result.output
    assert "decision makers: Alex Morgan, Priya Shah" in result.output
    assert "PDF needs LibreOffice, which is not installed; the DOCX is at" in " ".join(result.output.split())
    text = "\n".join(p.text for p in docx.Document(str(folder / "r.docx")).paragraphs)
    assert "that following completion of a full procurement options appraisal, delegated authority" in text
    assert (folder / "r.md").read_text(encoding="utf-8").count("TO COMPLETE") >= 8


def test_sign_off_from_the_command_line(db):
    folder, action_id = db
    run("draft", action_id, "--as-of", "2025-05-01")
    [docx_file] = folder.glob("decision_record_*.docx")
    record_id = docx_file.stem.split("_")[-1]
    refused = run("record", "sign", record_id, "--as", "Alex Morgan", "--as-of", "2025-05-02")
    assert refused.exit_code == 1
    assert "cannot sign this record:" in refused.output and "  - the reasons for the decision are missing" in refused.output
    assert "Traceback" not in refused.output
    sets = [x for pair in (("--set", s) for s in FILLED) for x in pair]
    assert run("record", "amend", record_id, "--as", "Democratic Services Manager", *sets, "--as-of", "2025-05-02").exit_code == 0
    assert run("record", "confirm", record_id, "--as", "jo.evans@example.gov.uk", "--as-of", "2025-05-02").exit_code == 0
    signed = run("record", "sign", record_id, "--as", "Director of Finance and Public Value", "--as-of", "2025-05-06")
    assert signed.exit_code == 0, signed.output
    published = run("record", "publish", record_id, "--as", "Chris Lee", "--as-of", "2025-05-07")
    assert "published 2025-05-07; effective from 2025-05-15" in published.output
    assert "audit log intact: 6 entries" in run("audit", "verify").output
    shown = run("record", "show", record_id)
    assert "v5" in shown.output and "sign by Priya Shah -> signed" in shown.output
    out = run("publish-register", "--out", folder / "pub", "--as-of", "2025-05-20")
    assert "1 published record(s), 0 late" in out.output and (folder / "pub" / "index.html").is_file()


def test_audit_verify_fails_loudly_on_tampering(db):
    folder, action_id = db
    run("draft", action_id, "--as-of", "2025-05-01")
    with sqlite3.connect(folder / "g.sqlite") as conn:  # someone with the file, and the will
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET who = 'Mallory' WHERE seq = 1")
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert "entry 1 was altered: its content no longer matches its hash" in result.output


def test_bad_requests_are_one_line_errors(db):
    folder, action_id = db
    assert "no decision record with id E0000" in run("record", "sign", "E0000", "--as", "Chris Lee").output
    assert "no delegated action with id A0000" in run("draft", "A0000").output
    result = run("record", "amend", "E0000", "--as", "Chris Lee", "--set", "nonsense")
    assert result.exit_code == 1 and "expected FIELD=VALUE" in result.output


def test_seed_clause_c_drafts_the_same_way(shared_corpus, tmp_path):
    seed = shared_corpus / "dev" / "raw" / "s000.txt"
    if not seed.is_file():
        pytest.skip(f"the seed page is not at {seed}")
    config = load_config(PROJECT_ROOT / "config.yaml")
    store = open_store(url=f"sqlite:///{tmp_path / 'seed.sqlite'}")
    try:
        assert register.ingest_path(store, config, seed).ok
        [action] = [a for a in register.actions(store, today=dt.date(2025, 5, 1), config=config) if a.resolution_label == "c"]
        view = svc.draft_record(store, config, action.id, dt.date(2025, 5, 1))
    finally:
        store.dispose()
    rec = view.record
    assert rec.delegate_names() == ["Alex Morgan", "Priya Shah"]
    assert rec.consultee_names() == ["Councillor Jo Evans"]
    assert rec.authority.clause_label == "c" and "procurement options appraisal" in rec.authority.clause_text
    assert rec.condition is not None and "procurement options appraisal" in rec.condition.text
