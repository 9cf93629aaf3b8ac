"""Events: the App Home tab; files shared with the bot (ingest); commands typed in its DM."""
from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from govbot.slack import handlers, ingest
from govbot.slack.ask import strip_command
from govbot.slack.commands import run_command
from govbot.slack.deps import Deps
from govbot.slack.escape import unescape
from govbot.slack.listeners.commands import queue
from govbot.slack.reply import Job, Reply
from govbot.slack.sink import SlackSink

log = logging.getLogger("govbot.slack")


def register(app: App, deps: Deps) -> None:
    @app.middleware
    def once_per_event(body: dict, next):
        """Slack re-sends an event it thinks was missed (X-Slack-Retry-Num); act on it once."""
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not deps.first_time(f"event:{event_id}"):
            return BoltResponse(status=200, body="")
        return next()

    @app.event("app_home_opened")
    def home_opened(event: dict, client: WebClient):
        if event.get("tab", "home") != "home":
            return
        client.views_publish(user_id=event["user"], view=handlers.home(deps, event["user"]))

    @app.event("file_shared")
    def file_shared(event: dict, body: dict, client: WebClient):
        """Files shared with the bot in its DM; not files in channels, nor the bot's own uploads."""
        user = event.get("user_id") or event.get("user")
        file_id = event.get("file_id") or (event.get("file") or {}).get("id")
        bot_user = (body.get("authorizations") or [{}])[0].get("user_id")
        in_dm = str(event.get("channel_id") or "D").startswith("D")
        if user and file_id and in_dm and user != bot_user and deps.first_time(f"file:{file_id}"):
            ingest.start(deps, SlackSink(client, user), user, {"id": file_id})

    @app.event("message")
    def message(event: dict, client: WebClient):
        """In the bot's DM: a file to ingest (it also comes as file_shared), or a command
        typed without /govbot ("actions mine"), answered in the DM."""
        user = event.get("user")
        if not user or event.get("bot_id") or event.get("channel_type") not in (None, "im"):
            return
        files = event.get("files") or []
        for file in files:
            if file.get("id") and deps.first_time(f"file:{file['id']}"):
                ingest.start(deps, SlackSink(client, user), user, file)
        if not files and event.get("subtype") is None and (event.get("text") or "").strip():
            sink = SlackSink(client, user)
            outcome = run_command(deps, user, strip_command(unescape(event["text"])))
            if isinstance(outcome, Job):
                sink.send(Reply(outcome.ack_text))
                queue(deps, outcome, sink)
            else:
                sink.send(outcome)
