"""Listeners split by kind, as bolt splits them; each module has register(app, deps)."""
from slack_bolt import App

from govbot.slack.deps import Deps
from govbot.slack.listeners import actions, commands, events, views


def register_listeners(app: App, deps: Deps) -> None:
    commands.register(app, deps)
    actions.register(app, deps)
    views.register(app, deps)
    events.register(app, deps)
