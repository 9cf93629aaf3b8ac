"""Buttons: Draft record, Mark done, Confirm consultation, Sign, Publish.

Each acks at once. Buttons that open a modal do so straight away (a trigger_id lasts 3
seconds); drafting goes to the job runner; the rest answer through response_url.
"""
from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from govbot.slack import blocks as bk
from govbot.slack import interactions as rec
from govbot.slack.commands import Asker, CommandError
from govbot.slack.deps import Deps
from govbot.slack.escape import escape
from govbot.slack.listeners.commands import queue
from govbot.slack.reply import Job, Reply
from govbot.slack.sink import SlackSink

log = logging.getLogger("govbot.slack")


def _asker(deps: Deps, body: dict) -> Asker:
    user = body["user"]["id"]
    return Asker(user, deps.person(user))


def _value(body: dict) -> str:
    return body["actions"][0].get("value", "")


def _say(respond: Respond, reply: Reply) -> None:
    respond(replace_original=False, **reply.payload())


def register(app: App, deps: Deps) -> None:
    @app.action(bk.MARK_DONE)
    def mark_done(ack: Ack, body: dict, client: WebClient, respond: Respond):
        ack()
        outcome = rec.mark_done_form(deps, _asker(deps, body), _value(body))
        if isinstance(outcome, Reply):
            _say(respond, outcome)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=outcome)

    @app.action(bk.SIGN_RECORD)
    def sign(ack: Ack, body: dict, client: WebClient, respond: Respond):
        ack()
        outcome = rec.sign_form(deps, _asker(deps, body), _value(body))
        if isinstance(outcome, Reply):
            _say(respond, outcome)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=outcome)

    @app.action(bk.CONFIRM_CONSULTATION)
    def confirm(ack: Ack, body: dict, respond: Respond):
        ack()
        _say(respond, _safely(lambda: rec.confirm(deps, _asker(deps, body), _value(body))))

    @app.action(bk.PUBLISH_RECORD)
    def publish(ack: Ack, body: dict, respond: Respond):
        ack()
        _say(respond, _safely(lambda: rec.publish(deps, _asker(deps, body), _value(body))))

    @app.action(bk.DRAFT_RECORD)
    def draft(ack: Ack, body: dict, client: WebClient, respond: Respond):
        ack()
        asker = _asker(deps, body)
        outcome = _safely(lambda: rec.draft(deps, asker, _value(body)))
        if isinstance(outcome, Job):
            _say(respond, Reply(outcome.ack_text))
            queue(deps, outcome, SlackSink(client, asker.user_id, body.get("response_url")))
        else:
            _say(respond, outcome)


def _safely(fn):
    try:
        return fn()
    except CommandError as exc:
        return Reply(escape(str(exc)))
