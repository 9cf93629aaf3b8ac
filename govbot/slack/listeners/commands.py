"""The /govbot slash command: answer quick queries in the ack, queue slow work.

A query normally answers inside the ack. Should one run long (a huge register, a busy
database), a holding ack goes back once `deps.ack_budget` seconds have passed, and the
answer follows through response_url: Slack never waits more than 3 seconds.
"""
from __future__ import annotations

import logging
import threading

from slack_bolt import Ack, App
from slack_sdk import WebClient

from govbot.slack.commands import run_command
from govbot.slack.deps import Deps
from govbot.slack.escape import escape, unescape
from govbot.slack.reply import Job, Reply
from govbot.slack.sink import SlackSink

log = logging.getLogger("govbot.slack")
HOLDING = "Looking that up in the register… the answer will follow here."
EXEMPT_BY_DM = "I have sent this to you in a direct message: it may include exempt information."


class OneAck:
    """ack() at most once, from whichever thread gets there first (the reply or the timer)."""

    def __init__(self, ack: Ack):
        self._ack, self._lock, self._done = ack, threading.Lock(), False

    def first(self, **kwargs) -> bool:
        with self._lock:
            if self._done:
                return False
            self._done = True
        self._ack(**kwargs)
        return True


def queue(deps: Deps, job: Job, sink: SlackSink) -> None:
    """Hand a job to the runner; if it fails the user is told why in one line."""
    def failed(exc: Exception) -> None:
        sink.send(Reply(f"Sorry, that did not work: {escape(exc)}"))
    deps.jobs.submit(lambda runner: job.task(runner, sink), on_error=job.on_error or failed)


def answer(deps: Deps, once: OneAck, outcome, sink: SlackSink) -> None:
    """Ack with the reply, or with a holding line while the job runs off the request path."""
    if isinstance(outcome, Job):
        if not once.first(text=outcome.ack_text, response_type="ephemeral"):
            sink.send(Reply(outcome.ack_text))
        queue(deps, outcome, sink)
    elif outcome.dm:
        if not once.first(text=EXEMPT_BY_DM, response_type="ephemeral"):
            sink.send(Reply(EXEMPT_BY_DM))
        deps.jobs.submit(lambda runner: sink.send(outcome))
    elif not once.first(**outcome.payload()):
        deps.jobs.submit(lambda runner: sink.send(outcome))


def register(app: App, deps: Deps) -> None:
    @app.command("/govbot")
    def govbot_command(ack: Ack, command: dict, client: WebClient):
        sink = SlackSink(client, command["user_id"], command.get("response_url"))
        once = OneAck(ack)
        timer = threading.Timer(deps.ack_budget, lambda: once.first(text=HOLDING, response_type="ephemeral"))
        timer.daemon = True
        timer.start()
        try:
            # Slack escapes &, < and > in what the user typed; the handlers escape again on output
            outcome = run_command(deps, command["user_id"], unescape(command.get("text", "")))
        except Exception as exc:  # a bug must still get an answer, not a timeout
            log.exception("/govbot %s failed", command.get("text", ""))
            outcome = Reply(f"Sorry, that did not work: {escape(exc)}")
        finally:
            timer.cancel()
        answer(deps, once, outcome, sink)
