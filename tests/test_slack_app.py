"""The Slack app over real HTTP on loopback: request signing, help, retries, Socket Mode wiring."""
from __future__ import annotations

import json
import time

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk.models.blocks import Block

from govbot.slack.app import SlackSetupError, build_app, web_client
from govbot.slack.server import socket_mode_handler
from tests.slack.fixtures import *  # noqa: F401,F403
from tests.slack.fixtures import OFFICER, SECRET, STRANGER, make_app, signed_headers, slash_command


def test_signed_help_command_is_answered_in_the_ack(loopback):
    answer = loopback.command("help", user=OFFICER)
    assert answer.status == 200
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    text = json.dumps(reply["blocks"])
    assert "/govbot actions [mine|@user|ROLE|overdue]" in text
    assert "Chris Lee" in text  # the roles directory knows who asked
    for block in reply["blocks"]:
        Block.parse(block).validate_json()


def test_unknown_word_is_escaped_in_the_answer(loopback):
    reply = loopback.command("<!channel> <@U0DIRCYP>", user=STRANGER).json()
    assert "<!channel>" not in reply["text"] and "&lt;!channel&gt;" in reply["text"]


@pytest.mark.parametrize("tamper", ["body", "signature", "old", "missing"])
def test_unsigned_or_stale_requests_get_401(loopback, tamper):
    body = slash_command("help", user=OFFICER, response_url=loopback.webhook())
    headers = signed_headers(body, "application/x-www-form-urlencoded")
    if tamper == "body":
        body = body.replace("help", "find")
    elif tamper == "signature":
        headers = signed_headers(body, "application/x-www-form-urlencoded", secret="not-the-secret")
    elif tamper == "old":  # signed correctly, but 5 minutes and 1 second ago
        headers = signed_headers(body, "application/x-www-form-urlencoded", timestamp=int(time.time()) - 301)
    else:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert loopback.post(body, headers).status == 401


def test_other_paths_are_404(loopback):
    other = loopback.url.replace("/slack/events", "/admin")
    from tests.slack.fixtures import Loopback
    assert Loopback(loopback.app, loopback.mock, other).command("help").status == 404


def test_rate_limited_call_is_retried_after_retry_after(mock_slack):
    mock_slack.fail("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    client = web_client(token="xoxb-test-token", base_url=mock_slack.url.rstrip("/"))  # slash restored
    response = client.chat_postMessage(channel="C0GOV", text="hello")
    assert response["ok"] is True
    assert len(mock_slack.received("chat.postMessage")) == 2


def test_no_token_check_at_startup_when_the_api_is_local(slack_config, mock_slack):
    make_app(slack_config, mock_slack)
    assert mock_slack.received("auth.test") == []


def test_missing_signing_secret_is_a_clear_error(slack_config, mock_slack):
    client = web_client(token="xoxb-test-token", base_url=mock_slack.url)
    with pytest.raises(SlackSetupError, match="SLACK_SIGNING_SECRET"):
        build_app(slack_config, client)


def test_socket_mode_handler_dispatches_a_slash_command_to_the_app(slack_config, mock_slack, monkeypatch):
    """Socket Mode wiring without connecting: the handler feeds requests to the same app."""
    from slack_sdk.socket_mode.request import SocketModeRequest

    client = web_client(token="xoxb-test-token", base_url=mock_slack.url)
    app = build_app(slack_config, client, socket_mode=True)
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-test")
    handler = socket_mode_handler(app)
    sent = []
    handler.client.send_socket_mode_response = sent.append
    body = {"command": "/govbot", "text": "help", "user_id": OFFICER, "channel_id": "C0GOV",
            "team_id": "T0COUNCIL", "response_url": mock_slack.url + "webhook/s", "trigger_id": "t"}
    handler.handle(handler.client, SocketModeRequest(type="slash_commands", envelope_id="env-1", payload=body))
    assert handler.app is app and sent and sent[0].envelope_id == "env-1"
    assert "Chris Lee" in json.dumps(sent[0].payload)
    handler.client.close()
    app.govbot_deps.jobs.shutdown()


def test_in_process_dispatch_matches_http(slack_config, mock_slack):
    app = make_app(slack_config, mock_slack)
    body = slash_command("help", user=OFFICER, response_url=mock_slack.url + "webhook/x")
    headers = {k.lower(): [v] for k, v in signed_headers(body, "application/x-www-form-urlencoded").items()}
    response = app.dispatch(BoltRequest(body=body, headers=headers))
    assert response.status == 200 and "Chris Lee" in response.body
    app.govbot_deps.jobs.shutdown()


@pytest.mark.slow
def test_govbot_serve_answers_signed_requests_without_reaching_slack(mock_slack, tmp_path):
    """The CLI server: tokens from the environment, the Web API pointed at the stand-in."""
    import os
    import signal
    import subprocess
    import sys

    from tests.slack.fixtures import PROJECT, Loopback

    env = dict(os.environ, SLACK_BOT_TOKEN="xoxb-test-token", SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=mock_slack.url, GOVBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'r.sqlite'}")
    server = subprocess.Popen([sys.executable, "-m", "govbot", "serve", "--port", "0"], cwd=PROJECT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()
        assert first.startswith("govbot: listening on http://127.0.0.1:"), first + server.stderr.read()
        loop = Loopback(None, mock_slack, first.split(" on ", 1)[1].strip())
        assert "Chris Lee" in json.dumps(loop.command("help", user=OFFICER).json()["blocks"])
        assert {c.method for c in mock_slack.calls} <= {"auth.test"}  # only ever the stand-in
        assert _reminder_lease_holder(tmp_path / "r.sqlite"), "serve runs the reminder dispatcher too"
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0


def _reminder_lease_holder(db, timeout=20.0):
    """Who holds the reminder dispatcher's lease in the register at `db` (polled)."""
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(db) as conn:
                row = conn.execute("SELECT holder FROM reminder_leases").fetchone()
            if row:
                return row[0]
        except sqlite3.OperationalError:  # tables not made yet
            pass
        time.sleep(0.1)
    return None


def test_a_query_that_runs_long_gets_a_holding_ack_and_the_answer_follows(loopback, monkeypatch):
    import threading

    from govbot.slack import commands
    from govbot.slack.reply import Reply

    release = threading.Event()

    def slow_query(deps, asker, rest):
        release.wait(30)
        return Reply("the answer")

    monkeypatch.setitem(commands.COMMANDS, "slowquery", slow_query)
    loopback.app.govbot_deps.ack_budget = 0.05
    answer = loopback.command("slowquery", user=OFFICER)
    assert answer.status == 200 and "Looking that up" in answer.json()["text"]
    release.set()
    assert loopback.mock.wait_for("webhook/cmd")[0].field("text") == "the answer"
