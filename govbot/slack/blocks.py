"""Pure Block Kit builders: plain data in, dicts out. All text passes through escape().

Field limits are Slack's (section text 3000, header 150, button text 75, value 2000);
over-long text is cut, never rejected by Slack.
"""
from __future__ import annotations

from typing import Iterable, Optional

from govbot.slack.escape import escape, truncate

# action_ids the listeners answer to
DRAFT_RECORD = "draft_record"
MARK_DONE = "mark_done"
CONFIRM_CONSULTATION = "confirm_consultation"
SIGN_RECORD = "sign_record"
SIGN_VIEW = "sign_record_view"  # the modal's callback_id
DECLARATION_BLOCK = "declaration"
DECLARATION_ACTION = "declare"


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": truncate(text, 3000)}


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": truncate(text, 150) or " ", "emoji": False}


def header(text: str) -> dict:
    return {"type": "header", "text": plain(str(text))}


def section(text: str, *, fields: Iterable[str] = (), block_id: Optional[str] = None) -> dict:
    """A section of mrkdwn that the caller has already escaped (use `line()` to build it)."""
    block = {"type": "section", "text": mrkdwn(text or " ")}
    fields = [mrkdwn(truncate(f, 2000)) for f in fields][:10]
    if fields:
        block["fields"] = fields
    if block_id:
        block["block_id"] = block_id
    return block


def context(*texts: str) -> dict:
    return {"type": "context", "elements": [mrkdwn(truncate(t, 2000)) for t in texts if t][:10] or [mrkdwn(" ")]}


def divider() -> dict:
    return {"type": "divider"}


def button(label: str, action_id: str, value: str, style: Optional[str] = None) -> dict:
    element = {"type": "button", "text": {"type": "plain_text", "text": truncate(label, 75)},
               "action_id": action_id, "value": truncate(str(value), 2000)}
    if style:
        element["style"] = style
    return element


def actions(*elements: dict, block_id: Optional[str] = None) -> Optional[dict]:
    elements = [e for e in elements if e]
    if not elements:
        return None
    block = {"type": "actions", "elements": elements[:25]}
    if block_id:
        block["block_id"] = block_id[:255]
    return block


def line(label: str, value: object) -> str:
    """`*Label:* value`, with the value escaped (it comes from a document or a user)."""
    return f"*{escape(label)}:* {escape(value)}" if value not in (None, "", []) else ""


def lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def compact(blocks: Iterable[Optional[dict]], limit: int = 50) -> list[dict]:
    """Drop empty entries and keep within Slack's 50 blocks per message (100 in a view)."""
    out = [b for b in blocks if b]
    if len(out) > limit:
        out = out[: limit - 1] + [context(f"… and {len(out) - limit + 1} more blocks not shown")]
    return out
