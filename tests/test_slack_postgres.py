"""The Slack commands on PostgreSQL: the narrowed queries and the audited refusals."""
from __future__ import annotations

import json

import pytest

from tests.databases import private_postgres_schema
from tests.slack.fixtures import *  # noqa: F401,F403
from tests.slack.fixtures import DIRECTOR, OFFICER, STRANGER, make_app, serve
from tests.slack.register_data import fill

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_config(slack_config, monkeypatch):
    with private_postgres_schema("slack") as url:
        monkeypatch.setenv("GOVBOT_DATABASE_URL", url)
        yield slack_config


def test_commands_and_refusals_on_postgresql(pg_config, mock_slack):
    fill(pg_config).dispose()
    app = make_app(pg_config, mock_slack)
    loop, server = serve(app, mock_slack)
    try:
        overdue = json.dumps(loop.command("actions overdue", user=OFFICER).json()["blocks"])
        assert "Procurement options appraisal" in overdue and "Equality Impact Assessment" in overdue
        assert "report on the consultation" in json.dumps(loop.command("due 30", user=OFFICER).json()["blocks"])
        assert "RESOLVED" in json.dumps(loop.command("decision CS/25/07", user=OFFICER).json()["blocks"])
        for user in (STRANGER, STRANGER):  # two audited refusals chain on PostgreSQL too
            assert "Not done" in loop.command("done OB2SYQ done", user=user).json()["text"]
        from govbot.service.records import verify_audit

        count, problems = verify_audit(app.govbot_deps.store)
        assert count == 2 and problems == []
        assert "Your delegated actions" in json.dumps(loop.command("actions mine", user=DIRECTOR).json()["blocks"])
    finally:
        server.shutdown()
        server.server_close()
        app.govbot_deps.jobs.shutdown()
        app.govbot_deps.store.dispose()
