"""mrkdwn escaping, the pure Block Kit builders, and `govbot ask` (the handlers offline)."""
from __future__ import annotations

import datetime as dt

import pytest
from slack_sdk.models.blocks import Block
from typer.testing import CliRunner

from govbot.slack import blocks as bk
from govbot.slack.escape import escape, truncate, unescape
from govbot.slack.reply import Reply
from tests.slack.fixtures import *  # noqa: F401,F403


@pytest.mark.parametrize("raw, safe", [
    ("<!channel> please", "&lt;!channel&gt; please"),
    ("<@U0DIRCYP> see this", "&lt;@U0DIRCYP&gt; see this"),
    ("<https://evil.example|your payslip>", "&lt;https://evil.example|your payslip&gt;"),
    ("Finance & Public Value", "Finance &amp; Public Value"),
    ("&lt;!here&gt; pre-escaped", "&amp;lt;!here&amp;gt; pre-escaped"),
    ("hello @channel and @Here", "hello @\u200bchannel and @\u200bHere"),
])
def test_escape_leaves_nothing_slack_would_act_on(raw, safe):
    assert escape(raw) == safe
    assert "<" not in escape(raw) and ">" not in escape(raw)
    assert unescape(escape(raw)) == raw


def test_truncate_never_leaves_half_an_entity():
    assert truncate(escape("a & b & c"), 8) == "a &amp;…"
    assert truncate(escape("a & b & c"), 7) == "a …"
    assert truncate(escape("ab & c"), 6) == "ab …"


def test_builders_escape_document_text_and_stay_within_slack_limits():
    long_power = "<!channel> " + "award the contract " * 400
    block = bk.section(bk.line("Power", long_power))
    Block.parse(block).validate_json()
    assert len(block["text"]["text"]) <= 3000 and "<!channel>" not in block["text"]["text"]
    Block.parse(bk.header("x" * 500)).validate_json()
    Block.parse(bk.actions(bk.button("y" * 200, bk.MARK_DONE, "O1"))).validate_json()
    many = bk.compact([bk.divider()] * 80)
    assert len(many) == 50 and many[-1]["type"] == "context"


def test_reply_as_plain_text_for_the_terminal():
    reply = Reply("t", [bk.header("Your overdue actions"), bk.section("*A1* &lt;b&gt; & co"),
                        bk.actions(bk.button("Sign", bk.SIGN_RECORD, "E1"))])
    assert reply.plain() == "Your overdue actions\n====================\nA1 <b> & co\n  [Sign]\n"


def test_govbot_ask_prints_the_directors_overdue_actions(slack_config, filled_register, tmp_path, monkeypatch):
    import yaml

    from govbot.cli import app

    config_file = tmp_path / "config.yaml"
    data = slack_config.model_dump(by_alias=True, exclude={"base_dir"})
    config_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("GOVBOT_CONFIG", str(config_file))
    result = CliRunner().invoke(app, ["ask", "/govbot actions mine overdue", "--as",
                                      "Director of Children's Services", "--today", "2025-11-03"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Your overdue actions\n")
    assert "awaiting condition" in result.output and ":hourglass" not in result.output
    assert "Procurement options appraisal" in result.output and "[Mark done]" in result.output
    assert "&lt;" not in result.output and "*" not in result.output

    unknown = CliRunner().invoke(app, ["ask", "actions", "--as", "Director of Nothing"])
    assert unknown.exit_code == 1 and "not in the roles directory" in unknown.output


def test_ask_runs_slow_commands_inline_and_writes_their_files(slack_config, filled_register, tmp_path):
    from govbot.slack.ask import ask

    out = ask(slack_config, "/govbot timeline CS/25/07", who="Chris Lee", today=dt.date(2025, 11, 3),
              out_dir=tmp_path)
    assert "Drawing the timeline" in out and (tmp_path / "timeline-CS-25-07.png").read_bytes()[:4] == b"\x89PNG"


def test_manifest_creates_the_app_govbot_serves():
    """The manifest's command, events, scopes and request URLs match what the app listens to."""
    from pathlib import Path

    import yaml

    import govbot.slack

    manifest = yaml.safe_load((Path(govbot.slack.__file__).parent / "manifest.yaml").read_text())
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/govbot" and command["url"].endswith("/slack/events")
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_home_opened", "file_shared", "message.im"}
    assert settings["interactivity"]["is_enabled"] and settings["interactivity"]["request_url"].endswith("/slack/events")
    assert {"commands", "chat:write", "im:write", "files:read", "files:write"} <= set(manifest["oauth_config"]["scopes"]["bot"])
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
