"""`govbot timeline` on the command line: import, text, JSON, PNG and ICS; clear errors."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from govbot.cli import app


def run(monkeypatch, tmp_path, *args):
    monkeypatch.setenv("GOVBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'register.sqlite'}")
    return CliRunner().invoke(app, ["timeline", *args], env={"COLUMNS": "200"})


def test_import_then_show_as_json_png_and_ics(monkeypatch, tmp_path):
    csv = tmp_path / "cs.csv"
    csv.write_text("name,start,end\nProcurement options appraisal,April 2025,June 2025\n"
                   "Dynamic purchasing system in place,January 2026,January 2026\n", encoding="utf-8")
    done = run(monkeypatch, tmp_path, "import", "CS/25/07", str(csv), "--who", "jo")
    assert done.exit_code == 0, done.output
    assert "CS/25/07: timeline imported (2 added" in done.output
    png, ics = tmp_path / "cs.png", tmp_path / "cs.ics"
    shown = run(monkeypatch, tmp_path, "CS-25-07", "--as-of", "2026-11-25", "--format", "json",
                "--png", str(png), "--ics", str(ics))
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert [(m["name"], m["start"], m["end"], m["status"]) for m in data["milestones"]] == [
        ("Procurement options appraisal", "2025-04-01", "2025-06-30", "late"),
        ("Dynamic purchasing system in place", "2026-01-01", "2026-01-31", "late")]
    assert png.read_bytes()[:4] == b"\x89PNG" and b"BEGIN:VCALENDAR" in ics.read_bytes()
    text = run(monkeypatch, tmp_path, "CS/25/07", "--as-of", "2025-05-01")
    assert "in progress" in text.output and "Procurement options appraisal" in text.output


def test_errors_are_one_line_and_exit_non_zero(monkeypatch, tmp_path):
    missing = run(monkeypatch, tmp_path, "XX/99/1")
    assert missing.exit_code == 1 and "no Appendix A timeline for 'XX/99/1'" in missing.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: A\n  end: whenever\n", encoding="utf-8")
    failed = run(monkeypatch, tmp_path, "import", "CS/25/07", str(bad))
    assert failed.exit_code == 1 and "field 'end': 'whenever' is not a date" in failed.output
    assert "Traceback" not in failed.output
    usage = run(monkeypatch, tmp_path, "import", "CS/25/07")
    assert usage.exit_code == 1 and "timeline import takes REF and FILE" in usage.output
