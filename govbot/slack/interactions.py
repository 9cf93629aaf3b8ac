"""What the buttons and modals do, over govbot.service: Mark done, Draft, Confirm, Sign.

Functions return a Reply (refusals and answers), a modal view dict to open, or for modal
submissions `(errors, reply)`: errors by block id keep the modal open.
"""
from __future__ import annotations

from typing import Optional, Union

from govbot.service import register
from govbot.slack import blocks as bk
from govbot.slack.commands import Asker, CommandError
from govbot.slack.deps import Deps
from govbot.slack.handlers import mark_done
from govbot.slack.permissions import who_needs_to_be_known
from govbot.slack.reply import Reply

Submitted = tuple[Optional[dict], Optional[Reply]]


def mark_done_form(deps: Deps, asker: Asker, obligation_id: str) -> Union[Reply, dict]:
    refusal = who_needs_to_be_known(deps, asker, "mark done", f"obligation:{obligation_id}")
    if refusal:
        return refusal
    rows = register.obligations_by_id(deps.store, [obligation_id], today=deps.as_of(), config=deps.config)
    if not rows:
        return Reply(f"No obligation {obligation_id} in the register.")
    return bk.mark_done_modal(rows[0])


def mark_done_submitted(deps: Deps, asker: Asker, view: dict) -> Submitted:
    evidence = _input(view, bk.EVIDENCE_BLOCK, bk.EVIDENCE_ACTION)
    if not evidence.strip():
        return {bk.EVIDENCE_BLOCK: "Say what shows it was done: a note or a link."}, None
    try:
        reply = mark_done(deps, asker, view["private_metadata"], evidence)
    except CommandError as exc:
        return {bk.EVIDENCE_BLOCK: str(exc)[:150]}, None
    return None, reply


def _input(view: dict, block: str, action: str) -> str:
    return ((view.get("state", {}).get("values", {}).get(block, {}).get(action) or {}).get("value")) or ""


# --- decision records (filled in over the records service) ----------------------------------


def _no_records():
    raise CommandError("decision records are not available in this installation yet")


def sign_form(deps: Deps, asker: Asker, ref: str):
    _no_records()


def sign_submitted(deps: Deps, asker: Asker, view: dict) -> Submitted:
    _no_records()


def confirm(deps: Deps, asker: Asker, ref: str) -> Reply:
    _no_records()


def draft(deps: Deps, asker: Asker, ref: str):
    _no_records()
