"""What a reminder says, as plain data, and how it is written for Slack and for email.

A Message is built when a reminder is planned and stored with it (as JSON), so the
preview shows exactly what will be sent and a retry sends the same words. Slack blocks
reuse the Slack app's builders and escaping (`govbot.slack.blocks`, imported when blocks
are built: importing the Slack package loads the whole bolt app), and the buttons carry
the action ids its listeners answer (`DRAFT_RECORD`, `MARK_DONE` there; a test keeps
the two in step).
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import asdict, dataclass, field
from typing import Optional

from govbot.tracker.calendar import LONDON

# = govbot.slack.blocks.DRAFT_RECORD, MARK_DONE, PUBLISH_RECORD
DRAFT_RECORD, MARK_DONE, PUBLISH_RECORD = "draft_record", "mark_done", "publish_record"
BUTTON_LABELS = {DRAFT_RECORD: "Draft record", MARK_DONE: "Mark done", PUBLISH_RECORD: "Publish"}


@dataclass(frozen=True)
class Entry:
    """One thing a reminder is about: what is due, why, by when, and the next step."""

    ref: str  # register id: OB…, DL…, MS…, DR…
    what: str
    why: str  # the resolution clause and the milestone behind it
    by: Optional[str]  # ISO date, or None
    status: str
    status_why: str
    where: str  # "Cabinet, 12 Mar 2025, minute 41: … (CS/25/07)"
    action_id: Optional[str] = None  # DRAFT_RECORD | MARK_DONE | PUBLISH_RECORD
    action_value: Optional[str] = None

    @property
    def next_step(self) -> str:
        if self.action_id:
            return f"{BUTTON_LABELS.get(self.action_id, self.action_id)} ({self.action_value})"
        return ""


@dataclass(frozen=True)
class Message:
    title: str
    intro: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Message":
        return cls(data["title"], data["intro"], tuple(Entry(**e) for e in data.get("entries", ())))


def _when(iso: Optional[str]) -> str:
    """A date as the council writes it: 12 Mar 2025."""
    if not iso:
        return "no date"
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"


# --- Slack ------------------------------------------------------------------------------------


def slack_blocks(message: Message, limit: int = 12) -> list[dict]:
    from govbot.slack import blocks as bk
    from govbot.slack.escape import escape, truncate

    blocks = [bk.header(message.title), bk.section(escape(message.intro))]
    for entry in message.entries[:limit]:
        body = bk.lines(
            f"*{escape(entry.ref)}* {bk.status_text(entry.status)} — {escape(truncate(entry.what, 600))}",
            bk.line("By", _when(entry.by)),
            bk.line("Why", truncate(entry.why, 900)),
            f"_{escape(entry.status_why)}_" if entry.status_why else "",
        )
        blocks += [bk.section(body), bk.context(escape(entry.where))]
        if entry.action_id:
            style = "primary" if entry.action_id in (DRAFT_RECORD, PUBLISH_RECORD) else None
            button = bk.button(BUTTON_LABELS.get(entry.action_id, entry.action_id), entry.action_id,
                               entry.action_value or entry.ref, style)
            blocks.append(bk.actions(button, block_id=f"reminder:{entry.ref}"))
    if len(message.entries) > limit:
        blocks.append(bk.context(f"… and {len(message.entries) - limit} more: `/govbot actions mine`"))
    return bk.compact(blocks)


def slack_text(message: Message) -> str:
    """The notification text (and what screen readers and old clients show)."""
    from govbot.slack.escape import escape, truncate

    return truncate(escape(f"{message.title}: {message.intro}"), 3000)


# --- email --------------------------------------------------------------------------------------


def email_text(message: Message) -> str:
    out = [message.title, "", message.intro, ""]
    for entry in message.entries:
        out += [f"* {entry.ref} [{entry.status}] {entry.what}",
                f"  By: {_when(entry.by)}",
                f"  Why: {entry.why}"]
        if entry.status_why:
            out.append(f"  ({entry.status_why})")
        out.append(f"  {entry.where}")
        if entry.next_step:
            out.append(f"  Next step: {entry.next_step} - in Slack, or `govbot` on the command line")
        out.append("")
    out.append("Sent by govbot. Times are Europe/London.")
    return "\n".join(out)


def email_html(message: Message) -> str:
    e = html.escape
    items = []
    for entry in message.entries:
        step = f"<br><b>Next step:</b> {e(entry.next_step)}" if entry.next_step else ""
        note = f"<br><i>{e(entry.status_why)}</i>" if entry.status_why else ""
        items.append(
            f"<li><b>{e(entry.ref)}</b> [{e(entry.status)}] {e(entry.what)}"
            f"<br><b>By:</b> {e(_when(entry.by))}<br><b>Why:</b> {e(entry.why)}{note}"
            f"<br><small>{e(entry.where)}</small>{step}</li>"
        )
    return (f"<html><body><h2>{e(message.title)}</h2><p>{e(message.intro)}</p>"
            f"<ul>{''.join(items)}</ul><p><small>Sent by govbot. Times are Europe/London.</small></p></body></html>")


def london_clock(moment: dt.datetime) -> str:
    return moment.astimezone(LONDON).strftime("%a %d %b %Y %H:%M")
