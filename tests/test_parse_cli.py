"""`govbot parse FILE...` end to end: real files through ingest and the parser."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from govbot.cli import app

DRAFTING = Path(__file__).parent / "drafting"


def test_parse_json_matches_the_drafting_examples(tmp_path):
    runner = CliRunner()
    files = sorted(DRAFTING.glob("*.txt"))
    result = runner.invoke(app, ["parse", *map(str, files), "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    for path in files:
        got = json.loads((tmp_path / f"{path.stem}.json").read_text(encoding="utf-8"))
        want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        _check(got, want)


def _check(got: dict, want: dict) -> None:
    for key in ("meeting_date", "body", "page_type"):
        if key in want:
            assert got[key] == want[key], key
    items = {i["number"]: i for i in got["items"]}
    for w in want["items"]:
        g = items[w["number"]]
        for key in ("report_ref", "mover", "seconder", "attendees"):
            if key in w:
                assert g[key] == w[key], (w["number"], key)
        if "resolutions" in w:
            assert [{k: r[k] for k in ("label", "kinds", "text")} for r in g["resolutions"]] == w["resolutions"]
        if "labels" in w:
            assert [r["label"] for r in g["resolutions"]] == w["labels"]
        if "delegations" in w:
            assert [{k: d[k] for k in ("resolution_label", "delegates", "consultees", "power", "condition")}
                    for d in g["delegations"]] == w["delegations"]
        if "obligation_kinds" in w:
            assert sorted(o["kind"] for o in g["obligations"]) == sorted(w["obligation_kinds"])
        for kind, due in w.get("dues", {}).items():
            assert {o["kind"]: o["due"] for o in g["obligations"]}[kind] == due


def test_parse_prints_one_json_object(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(DRAFTING / "district_decision_page.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert parsed["items"][0]["delegations"][0]["delegates"] == ["Head of Transport and Parking"]


def test_a_bad_file_is_one_line_and_the_rest_still_parse(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["parse", str(empty), str(DRAFTING / "district_decision_page.txt"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert (tmp_path / "out" / "district_decision_page.json").exists()
    assert "Traceback" not in result.output
