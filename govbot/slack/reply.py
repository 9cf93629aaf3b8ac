"""A reply to a command: fallback text plus Block Kit, shown to Slack or printed by `ask`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from govbot.slack.escape import unescape


@dataclass
class Reply:
    text: str  # the notification/fallback text (mrkdwn, escaped)
    blocks: list[dict] = field(default_factory=list)
    in_channel: bool = False  # slash-command replies are private (ephemeral) unless this is set
    dm: bool = False  # send to the user's DM instead (exempt matters are never shown in a channel)

    def payload(self) -> dict:
        data = {"text": self.text, "blocks": self.blocks}
        data["response_type"] = "in_channel" if self.in_channel else "ephemeral"
        return data

    def plain(self) -> str:
        """The reply as terminal text: what `govbot ask` prints."""
        lines = []
        for block in self.blocks or [{"type": "section", "text": {"text": self.text}}]:
            lines.extend(_block_lines(block))
        return "\n".join(lines).strip() + "\n"


@dataclass
class Job:
    """Slow work for the job runner: `ack_text` goes back at once, `task(runner)` later."""

    ack_text: str
    task: Callable  # task(runner, reply_to: Sink) -> None
    on_error: Optional[Callable] = None


def _text(obj) -> str:
    return unescape(obj.get("text", "")) if isinstance(obj, dict) else ""


def _block_lines(block: dict) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text(block["text"])
        return ["", title, "=" * len(title)]
    if kind == "divider":
        return ["-" * 40]
    if kind == "context":
        return ["  " + " · ".join(_mrkdwn_plain(_text(e)) for e in block.get("elements", []))]
    if kind == "actions":
        return ["  " + "  ".join(f"[{_text(e.get('text', {}))}]" for e in block.get("elements", []))]
    lines = []
    if block.get("text"):
        lines.append(_mrkdwn_plain(_text(block["text"])))
    for f in block.get("fields", []):
        lines.append("  " + _mrkdwn_plain(_text(f)).replace("\n", ": ", 1))
    return lines


_EMOJI = re.compile(r":[a-z0-9_+-]+: ?")
_ITALIC = re.compile(r"^_(.*)_$")


def _mrkdwn_plain(text: str) -> str:
    """Bold markers and emoji codes off; the text itself was escaped, and unescaped above."""
    text = _EMOJI.sub("", text.replace("*", ""))
    return "\n".join(_ITALIC.sub(r"\1", part) for part in text.split("\n"))
