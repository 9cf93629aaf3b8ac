"""`govbot remind preview|run|log`, run as a user runs them: typer's runner, a real SQLite
file, the Slack stand-in and a local SMTP server."""
from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from govbot.cli import app
from govbot.service import reminders as svc
from tests.slack.mock_web_api import BOT_TOKEN
from tests.test_remind_dispatch import ROLES, filled, mailbox, slack  # noqa: F401  (fixtures)

runner = CliRunner()


@pytest.fixture
def council(tmp_path, monkeypatch):
    """A config.yaml pointing at a filled register; returns the store."""
    url = f"sqlite:///{tmp_path / 'govbot.sqlite'}"
    config = {"roles": ROLES, "monitoring_officer": "Monitoring Officer", "governance_officers": ["Monitoring Officer"],
              "slack": {"governance_channel": "C0GOV"}, "database": {"sqlite_path": str(tmp_path / "govbot.sqlite")},
              "email": {"from": "govbot@example.gov.uk", "smtp_host": "127.0.0.1", "smtp_port": 1}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    monkeypatch.setenv("GOVBOT_CONFIG", str(path))
    from govbot.config import load_config

    store = filled(url, load_config())
    yield store, path
    store.dispose()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_preview_shows_who_gets_what_and_sends_nothing(council):
    store, _ = council
    result = run("remind", "preview", "--as-of", "2025-09-16")
    assert result.exit_code == 0, result.output
    for words in ("preview: nothing is sent", "Alex Morgan", "Priya Shah", "digest", "lead 14d", "08:30"):
        assert words in result.stdout
    assert not svc.reminder_log(store)  # nothing recorded, nothing sent


def test_preview_for_one_person_by_role_title_as_json(council):
    result = run("remind", "preview", "--as-of", "2025-09-16", "--person", "Section 151 Officer", "--json")
    assert result.exit_code == 0, result.output
    planned = json.loads(result.stdout)
    assert planned and {p["person"] for p in planned} == {"Priya Shah"}
    lead = next(p for p in planned if p["kind"] == "lead" and p["channel"] == "slack")
    assert lead["when"] == "2025-09-16T07:30:00+00:00" and lead["deadline"] == "2025-09-30" and lead["lead"] == 14
    (entry,) = lead["message"]["entries"]
    assert entry["action_id"] == "mark_done" and "Service specification" in entry["why"]


def test_preview_bad_input_is_one_line(council):
    bad_date = run("remind", "preview", "--as-of", "16/09/2025")
    assert bad_date.exit_code == 1 and "--as-of: not a date (YYYY-MM-DD)" in bad_date.stderr
    assert "Traceback" not in bad_date.output
    nobody = run("remind", "preview", "--as-of", "2025-09-16", "--person", "Chief Dragon Officer")
    assert nobody.exit_code == 1 and "not in the roles directory" in nobody.stderr


def test_run_once_delivers_what_is_due_and_log_shows_it(council, slack, mailbox, monkeypatch):
    store, path = council
    config = yaml.safe_load(path.read_text())
    config["email"]["smtp_port"] = mailbox.port
    config["reminders"] = {"weekly_summary": {}}
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", slack.url)
    # `--once` dispatches by the real clock: whatever falls due today in London (this
    # register's deadlines are long past, so the digests of overdue work, if a working day).
    first = run("remind", "run", "--once")
    assert first.exit_code == 0, first.output
    again = run("remind", "run", "--once")
    assert "sent 0" in again.stdout and "failed 0" in again.stdout
    posts = slack.received("chat.postMessage")
    sent = [r for r in svc.reminder_log(store) if r.state == "sent"]
    assert len(posts) == len([r for r in sent if r.channel == "slack"])
    assert len(mailbox.messages) == len([r for r in sent if r.channel == "email"])
    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: names unwrapped
    log = run("remind", "log", "--state", "sent")
    assert log.exit_code == 0 and all(r.person in log.stdout for r in sent)
