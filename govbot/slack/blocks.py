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
PUBLISH_RECORD = "publish_record"
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


# --- the register's rows ------------------------------------------------------------------

STATUS_EMOJI = {
    "ready": ":large_green_circle:", "awaiting condition": ":hourglass_flowing_sand:",
    "record drafted": ":memo:", "signed": ":black_nib:", "published": ":white_check_mark:",
    "lapsed": ":no_entry:", "open": ":white_circle:", "due soon": ":large_yellow_circle:",
    "overdue": ":red_circle:", "done": ":white_check_mark:", "waived": ":heavy_minus_sign:",
    "planned": ":white_circle:", "in progress": ":large_blue_circle:", "late": ":red_circle:",
}


def when(day) -> str:
    """A date as the council writes it: 12 Mar 2025."""
    return f"{day.day} {day:%b %Y}" if day else ""


def status_text(status: object) -> str:
    status = str(status or "")
    return f"{STATUS_EMOJI.get(status, '')} *{escape(status)}*".strip()


def where_text(where) -> str:
    """Cabinet, 12 Mar 2025, minute 41: Home to School Transport (CS/25/07)."""
    parts = [escape(where.body or "Meeting"), when(where.meeting_date)]
    if where.minute:
        parts.append(f"minute {escape(where.minute)}")
    text = ", ".join(p for p in parts if p)
    if where.title:
        text += f": {escape(truncate(where.title, 120))}"
    if where.report_ref:
        text += f" ({escape(where.report_ref)})"
    return text


def action_blocks(row, *, buttons: bool = True) -> list[dict]:
    """A delegated action: what may be done, by whom, on whose advice, and where it stands."""
    label = f" ({escape(row.resolution_label)})" if row.resolution_label else ""
    body = lines(
        f"*{escape(row.id)}*{label} {status_text(row.status)} — {escape(truncate(row.power or 'delegated authority', 600))}",
        line("Delegated to", "; ".join(row.delegates)),
        line("In consultation with", "; ".join(row.consultees)),
        line("Condition", row.condition),
        f"_{escape(row.why)}_" if row.why else "",
    )
    blocks = [section(body), context(where_text(row.where))]
    if buttons:
        blocks.append(actions(*action_buttons(row), block_id=f"action:{row.id}"))
    return [b for b in blocks if b]


def action_buttons(row) -> list[dict]:
    status = str(row.status or "")
    if status == "ready":
        return [button("Draft record", DRAFT_RECORD, row.id, "primary")]
    if status == "record drafted":
        out = [button("Sign", SIGN_RECORD, row.id, "primary")]
        if row.consultees:
            out.insert(0, button("Confirm consultation", CONFIRM_CONSULTATION, row.id))
        return out
    return []


def obligation_blocks(row, *, buttons: bool = True) -> list[dict]:
    body = lines(
        f"*{escape(row.id)}* {status_text(row.status)} — {escape(truncate(row.text, 800))}",
        f"_{escape(row.why)}_" if row.why else "",
    )
    blocks = [section(body), context(f"{escape(row.kind.replace('_', ' '))} · {where_text(row.where)}")]
    if buttons and str(row.status) not in ("done", "waived"):
        blocks.append(actions(button("Mark done", MARK_DONE, row.id), block_id=f"obligation:{row.id}"))
    return blocks


def resolution_blocks(row) -> list[dict]:
    label = f"({escape(row.label)}) " if row.label else ""
    return [section(f"*{escape(row.id)}* {label}{escape(truncate(row.text, 2000))}"),
            context(where_text(row.where))]


def milestone_line(row) -> str:
    dates = " – ".join(when(d) for d in (row.start, row.end) if d)
    return f"{status_text(row.status)} {escape(row.name)}" + (f" ({dates})" if dates else "")


def listing(title: str, rows: list, build, *, empty: str, limit: int = 10, note: str = "",
            exact: bool = True) -> list[dict]:
    """A header, up to `limit` rows (each built by `build`) and a line saying how many more
    (`exact=False`: the rows were fetched with limit + 1, so only that there are more)."""
    blocks = [header(title)]
    if note:
        blocks.append(context(note))
    if not rows:
        return blocks + [section(escape(empty))]
    for row in rows[:limit]:
        blocks.extend(build(row))
    if len(rows) > limit:
        more = f"{len(rows) - limit} more" if exact else "more"
        blocks.append(context(f"… and {more} not shown. Narrow the question to see them."))
    return blocks


# --- modals and App Home --------------------------------------------------------------------

MARK_DONE_VIEW = "mark_done_view"
EVIDENCE_BLOCK = "evidence"
EVIDENCE_ACTION = "evidence_text"


def mark_done_modal(row) -> dict:
    return {
        "type": "modal", "callback_id": MARK_DONE_VIEW, "private_metadata": row.id,
        "title": {"type": "plain_text", "text": "Mark obligation done"},
        "submit": {"type": "plain_text", "text": "Mark done"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(f"*{escape(row.id)}* — {escape(truncate(row.text, 2500))}"),
            context(where_text(row.where)),
            {"type": "input", "block_id": EVIDENCE_BLOCK,
             "label": {"type": "plain_text", "text": "Evidence (a note or a link)"},
             "element": {"type": "plain_text_input", "action_id": EVIDENCE_ACTION, "multiline": True,
                         "max_length": 2000}},
        ],
    }


def home_view(person_name: str, actions_rows: list, obligation_rows: list, *, today, known: bool) -> dict:
    """The App Home tab: the user's own delegated actions and the deadlines that follow."""
    blocks = [header(f"Your delegated actions — {when(today)}")]
    if not known:
        blocks.append(section("Your Slack account is not in govbot's roles directory. "
                              "Ask democratic services to add your Slack id to config.yaml."))
        return {"type": "home", "blocks": blocks}
    blocks.append(context(f"As {escape(person_name)}. Statuses are as of today; `/govbot help` lists the commands."))
    if not actions_rows:
        blocks.append(section("No delegated actions name you."))
    for row in actions_rows[:15]:
        blocks.extend(action_blocks(row))
    if len(actions_rows) > 15:
        blocks.append(context(f"… and {len(actions_rows) - 15} more: `/govbot actions mine`"))
    blocks += [divider(), header("Deadlines")]
    if not obligation_rows:
        blocks.append(section("Nothing due on the decisions delegated to you."))
    for row in obligation_rows[:15]:
        blocks.extend(obligation_blocks(row))
    return {"type": "home", "blocks": compact(blocks, 100)}


# --- decision records -------------------------------------------------------------------------

DECLARATION = ("I, {name}, took this decision under the delegated authority shown, have read this "
               "record, and have declared any conflict of interest.")


def truncate_plain(text: str, limit: int) -> str:
    return truncate(text, limit)


def _authority(a) -> str:
    parts = [a.body, when(a.meeting_date), f"minute {a.item_number}" if a.item_number else "",
             f"clause ({a.clause_label})" if a.clause_label else "", a.report_ref or ""]
    return ", ".join(p for p in parts if p)


def _consultation(record) -> str:
    return "; ".join(f"{c.name} ({c.post}): " + ("confirmed" if c.confirmed_at else "awaiting confirmation")
                     for c in record.consultation) or "none named"


def record_fields(record) -> list[str]:
    makers = "; ".join(f"{m.name} ({m.post})" for m in record.decision_makers)
    condition = ""
    if record.condition is not None:
        met = {True: "met", False: "not met", None: "cannot tell"}[record.condition.met]
        condition = f"{record.condition.text} ({met})"
    exempt = {True: f"yes (paragraph {record.exempt_paragraph})" if record.exempt_paragraph else "yes",
              False: "no"}.get(record.exempt, str(record.exempt)) if isinstance(record.exempt, bool) else str(record.exempt)
    return [f for f in (
        line("Decision makers", makers), line("Decision", record.decision), line("Reasons", record.reasons),
        line("Alternatives considered", record.alternatives), line("Consultation", _consultation(record)),
        line("Authority", _authority(record.authority)), line("Condition", condition),
        line("Exempt information", exempt),
        line("Publish by", when(record.publication_due)) if record.publication_due else "",
    ) if f]


def record_blocks(view, allowed: list[str]) -> list[dict]:
    """A decision record, where it is in sign-off, and the buttons this person may use."""
    record = view.record
    blocks = [header(f"Decision record {view.id}"),
              section(f"*{escape(str(record.title))}*\n{status_text(view.state)} · version {view.version}")]
    blocks += [section(f) for f in record_fields(record)]
    todo = record.todo_fields()
    if todo:
        blocks.append(context(f"To complete before signing: {escape(', '.join(t.replace('_', ' ') for t in todo))}"))
    buttons = []
    if "confirm" in allowed:
        buttons.append(button("Confirm consultation", CONFIRM_CONSULTATION, view.id))
    if "sign" in allowed:
        buttons.append(button("Sign", SIGN_RECORD, view.id, "primary"))
    if "publish" in allowed:
        buttons.append(button("Publish", PUBLISH_RECORD, view.id, "primary"))
    blocks.append(actions(*buttons, block_id=f"record:{view.id}"))
    return blocks


def sign_modal(view, name: str) -> dict:
    """The sign-off modal: the record as it stands and a declaration to tick."""
    record = view.record
    blocks = [section(f"*{escape(str(record.title))}*\nDecision record {escape(view.id)}, version {view.version}")]
    blocks += [section(f) for f in record_fields(record)]
    blocks.append({
        "type": "input", "block_id": DECLARATION_BLOCK,
        "label": {"type": "plain_text", "text": "Declaration"},
        "element": {"type": "checkboxes", "action_id": DECLARATION_ACTION, "options": [
            {"text": {"type": "mrkdwn", "text": escape(DECLARATION.format(name=name))}, "value": "declared"}]},
    })
    return {"type": "modal", "callback_id": SIGN_VIEW, "private_metadata": view.id,
            "title": {"type": "plain_text", "text": "Sign decision record"},
            "submit": {"type": "plain_text", "text": "Sign"},
            "close": {"type": "plain_text", "text": "Cancel"},
            "blocks": compact(blocks, 100)}
