"""The Slack app: /govbot commands, buttons, the sign-off modal and App Home, over bolt.

`build_app(config)` makes the bolt App (no module globals); `serve()` runs it over HTTP
or Socket Mode; `ask()` runs the same command handlers offline and returns plain text.
Listeners only call govbot.service; they parse nothing and talk no SQL.
"""
from govbot.slack.app import build_app

__all__ = ["build_app"]
