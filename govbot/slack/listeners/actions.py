"""Buttons: Draft record, Mark done, Confirm consultation, Sign."""
from __future__ import annotations

from slack_bolt import App

from govbot.slack.deps import Deps


def register(app: App, deps: Deps) -> None:
    pass
