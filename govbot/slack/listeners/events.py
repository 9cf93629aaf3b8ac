"""Events: App Home, and report/minutes files shared with the bot."""
from __future__ import annotations

import logging

from slack_bolt import App

from govbot.slack.deps import Deps

log = logging.getLogger("govbot.slack")


def register(app: App, deps: Deps) -> None:
    pass
