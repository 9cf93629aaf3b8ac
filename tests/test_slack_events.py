"""Events: a report or minutes file shared with the bot is downloaded with the bot token and
added to the register (governance officers only); Slack's retries act once."""
from __future__ import annotations

from sqlalchemy import select

from govbot.store.records import AuditLogRow
from tests.slack.fixtures import *  # noqa: F401,F403
from tests.slack.fixtures import BOT_TOKEN, DIRECTOR, OFFICER

MINUTES = b"""Example County Council
Cabinet
Minutes of the meeting held on Wednesday, 9 April 2025

12 Parks Maintenance Contract

RESOLVED that the Director of Finance and Public Value be authorised to extend the parks maintenance contract by six months.
"""


def shared(user: str, file_id: str = "F0MIN") -> dict:
    return {"type": "file_shared", "file_id": file_id, "user_id": user, "file": {"id": file_id},
            "channel_id": f"D{user}", "event_ts": "1.000001"}


def test_file_shared_by_an_officer_is_downloaded_with_the_bot_token_and_ingested(loopback):
    loopback.mock.share("F0MIN", "cabinet_minutes_2025-04-09.txt", MINUTES)
    assert loopback.event(shared(OFFICER)).status == 200
    download = loopback.mock.wait_for("files")[0]
    assert download.headers["authorization"] == f"Bearer {BOT_TOKEN}"
    dm = loopback.mock.wait_for("chat.postMessage")[0]
    assert dm.field("channel") == f"D{OFFICER}"
    assert "cabinet_minutes_2025-04-09.txt: stored D" in dm.field("text")


def test_a_retried_event_and_the_matching_message_act_once(loopback):
    loopback.mock.share("F0MIN", "cabinet_minutes_2025-04-09.txt", MINUTES)
    loopback.event(shared(OFFICER), event_id="Ev42")
    assert loopback.event(shared(OFFICER), event_id="Ev42", retry=1).status == 200
    message = {"type": "message", "subtype": "file_share", "user": OFFICER, "channel": f"D{OFFICER}",
               "channel_type": "im", "ts": "2.0", "files": [loopback.mock.shared["F0MIN"]]}
    loopback.event(message, event_id="Ev43")
    loopback.mock.wait_for("chat.postMessage")
    loopback.event({"type": "app_home_opened", "user": OFFICER, "tab": "home"}, event_id="Ev44")
    loopback.mock.wait_for("views.publish")  # later work is done, so earlier work would have been too
    assert len(loopback.mock.received("files")) == 1


def test_a_director_sharing_a_file_is_told_only_governance_officers_may(loopback):
    loopback.mock.share("F0MIN", "cabinet_minutes_2025-04-09.txt", MINUTES)
    loopback.event(shared(DIRECTOR))
    dm = loopback.mock.wait_for("chat.postMessage")[0]
    assert dm.field("channel") == f"D{DIRECTOR}" and "only governance officers" in dm.field("text")
    assert loopback.mock.received("files") == []
    with loopback.app.govbot_deps.store() as session:
        row = session.scalar(select(AuditLogRow).order_by(AuditLogRow.seq.desc()))
    assert (row.who, row.action, row.outcome) == ("Alex Morgan", "ingest a document", "refused")


def test_a_file_over_the_size_limit_is_refused_in_one_line(loopback):
    loopback.app.govbot_deps.config.limits.max_file_mb = 0.0001  # ~100 bytes
    loopback.mock.share("F0BIG", "huge.txt", MINUTES)
    loopback.event(shared(OFFICER, "F0BIG"))
    text = loopback.mock.wait_for("chat.postMessage")[0].field("text")
    assert "huge.txt: not added: larger than the" in text and "Traceback" not in text


def test_a_command_typed_in_the_bots_dm_is_answered_there(app):
    app.event({"type": "message", "user": DIRECTOR, "channel": f"D{DIRECTOR}", "channel_type": "im",
               "text": "actions mine", "ts": "3.0"}, event_id="Ev77")
    dm = app.mock.wait_for("chat.postMessage")[0]
    assert dm.field("channel") == f"D{DIRECTOR}" and "Your delegated actions" in str(dm.field("blocks"))


def test_files_in_channels_and_the_bots_own_uploads_are_not_ingested(loopback):
    loopback.mock.share("F0MIN", "cabinet_minutes_2025-04-09.txt", MINUTES)
    in_channel = dict(shared(OFFICER), channel_id="C0GOV")
    loopback.event(in_channel, event_id="Ev90")
    loopback.event(dict(shared("U0BOT"), file_id="F0MIN"), event_id="Ev91")  # our own chart upload
    loopback.event({"type": "app_home_opened", "user": OFFICER, "tab": "home"}, event_id="Ev92")
    loopback.mock.wait_for("views.publish")
    assert loopback.mock.received("files") == [] and loopback.mock.received("files.info") == []
