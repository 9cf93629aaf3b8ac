"""The one service layer every front end (CLI, Slack, scheduler) calls.

Front ends never parse documents or talk SQL themselves: they call these functions.
- parsing: read a file and parse it, without storing anything.
"""
from govbot.service.parsing import ParseFailure, parse_path
from govbot.service import records  # noqa: F401  (decision records: draft, sign off, publish)
from govbot.service import reminders  # noqa: F401  (reminders: snapshot, preview, dispatcher)

__all__ = ["ParseFailure", "parse_path"]
