"""Modal submissions: the sign-off declaration."""
from __future__ import annotations

from slack_bolt import App

from govbot.slack.deps import Deps


def register(app: App, deps: Deps) -> None:
    pass
