"""The /govbot slash command: answer quick queries in the ack, queue slow work."""
from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from govbot.slack.commands import run_command
from govbot.slack.deps import Deps
from govbot.slack.escape import escape, unescape
from govbot.slack.reply import Job, Reply
from govbot.slack.sink import SlackSink

log = logging.getLogger("govbot.slack")


def queue(deps: Deps, job: Job, sink: SlackSink) -> None:
    """Hand a job to the runner; if it fails the user is told why in one line."""
    def failed(exc: Exception) -> None:
        sink.send(Reply(f"Sorry, that did not work: {escape(exc)}"))
    deps.jobs.submit(lambda runner: job.task(runner, sink), on_error=job.on_error or failed)


def answer(deps: Deps, ack: Ack, outcome, sink: SlackSink) -> None:
    """Ack with the reply, or with a holding line while the job runs off the request path."""
    if isinstance(outcome, Job):
        ack(text=outcome.ack_text, response_type="ephemeral")
        queue(deps, outcome, sink)
    elif outcome.dm:
        ack(text="I have sent this to you in a direct message: it includes exempt information.",
            response_type="ephemeral")
        deps.jobs.submit(lambda runner: sink.send(outcome))
    else:
        ack(**outcome.payload())


def register(app: App, deps: Deps) -> None:
    @app.command("/govbot")
    def govbot_command(ack: Ack, command: dict, client: WebClient):
        sink = SlackSink(client, command["user_id"], command.get("response_url"))
        try:
            # Slack escapes &, < and > in what the user typed; the handlers escape again on output
            outcome = run_command(deps, command["user_id"], unescape(command.get("text", "")))
        except Exception as exc:  # a bug must still get an answer within 3 s, not a timeout
            log.exception("/govbot %s failed", command.get("text", ""))
            outcome = Reply(f"Sorry, that did not work: {escape(exc)}")
        answer(deps, ack, outcome, sink)
