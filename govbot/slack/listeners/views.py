"""Modal submissions: the sign-off declaration and the Mark done evidence.

Problems go back in the ack as `response_action="errors"` against the field, so the
modal stays open and says what to fix; success closes it and confirms by DM.
"""
from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from govbot.slack import blocks as bk
from govbot.slack import interactions as rec
from govbot.slack.commands import Asker
from govbot.slack.deps import Deps
from govbot.slack.sink import SlackSink


def register(app: App, deps: Deps) -> None:
    @app.view(bk.SIGN_VIEW)
    def sign_submitted(ack: Ack, body: dict, view: dict, client: WebClient):
        _finish(deps, ack, body, client, rec.sign_submitted(deps, _asker(deps, body), view))

    @app.view(bk.MARK_DONE_VIEW)
    def mark_done_submitted(ack: Ack, body: dict, view: dict, client: WebClient):
        _finish(deps, ack, body, client, rec.mark_done_submitted(deps, _asker(deps, body), view))


def _asker(deps: Deps, body: dict) -> Asker:
    return Asker(body["user"]["id"], deps.person(body["user"]["id"]))


def _finish(deps: Deps, ack: Ack, body: dict, client: WebClient, outcome) -> None:
    """outcome: (errors by block id, None) or (None, reply to DM)."""
    errors, reply = outcome
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    sink = SlackSink(client, body["user"]["id"])
    deps.jobs.submit(lambda runner: sink.send(reply))
