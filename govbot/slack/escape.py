"""Escaping for Slack mrkdwn: user and document text must never ping, mention or link.

Slack reads `<...>` as a control sequence (`<!channel>`, `<@U123>`, `<https://x|label>`),
so `&`, `<` and `>` are escaped as the Slack docs require. Bare `@channel`/`@here`/
`@everyone` are broken with a zero-width space in case a client turns names into links.
"""
from __future__ import annotations

import re

_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
ZWSP = "\u200b"


def escape(text: object) -> str:
    """Text safe to put inside mrkdwn: no mentions, broadcasts or forged links."""
    if text is None:
        return ""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@" + ZWSP + m.group(1), out)


def unescape(text: str) -> str:
    """Back to plain text, for the terminal (`govbot ask`)."""
    return text.replace(ZWSP, "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")


def truncate(text: str, limit: int) -> str:
    """Slack rejects over-long fields; cut with an ellipsis rather than fail.

    Works on escaped text too: an entity cut in half (`&am`) is dropped, not left broken.
    """
    if len(text) <= limit:
        return text
    return _PARTIAL_ENTITY.sub("", text[: max(0, limit - 1)]) + "…"
