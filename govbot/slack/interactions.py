"""What the buttons, modals and record commands do, over govbot.service: Mark done, draft,
record, timeline, Confirm consultation, Sign, Publish.

Functions return a Reply (refusals and answers), a modal view dict to open, or for modal
submissions `(errors, reply)`: errors by block id keep the modal open.
"""
from __future__ import annotations

from typing import Optional, Union

from govbot.records.checks import RecordRefused
from govbot.records.workflow import Parties, allowed_actions, next_state
from govbot.service import records, register, slack_jobs
from govbot.slack import blocks as bk
from govbot.slack.commands import Asker, CommandError, command
from govbot.slack.deps import Deps
from govbot.slack.escape import escape
from govbot.slack.handlers import mark_done
from govbot.slack.permissions import refuse, who_needs_to_be_known
from govbot.slack.reply import Job, Reply

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


# --- decision records ---------------------------------------------------------------------


def _record_id(deps: Deps, ref: str) -> str:
    """A record id (E...), or a delegated action id (A...) meaning its live record."""
    ref = ref.strip()
    if not ref.upper().startswith("A"):
        return ref
    live = [v for v in records.records_for(deps.store, ref) if str(v.state) != "withdrawn"]
    if not live:
        raise CommandError(f"{ref} has no decision record yet: draft one first (/govbot draft {ref})")
    return live[-1].id


def _view(deps: Deps, ref: str) -> records.RecordView:
    try:
        return records.get_record(deps.store, _record_id(deps, ref))
    except records.RecordError as exc:
        raise CommandError(str(exc)) from None


def _parties(deps: Deps, view: records.RecordView) -> Parties:
    return records._parties(deps.config, view.record)


def _left(view: records.RecordView) -> int:
    return sum(1 for c in view.record.consultation if c.confirmed_at is None)


def may_see(deps: Deps, asker: Asker, view: records.RecordView) -> bool:
    """The parties see any record; others only a published one without exempt information."""
    if asker.person and _parties(deps, view).roles_of(asker.person.name):
        return True
    return str(view.state) == "published" and view.record.exempt is False


def record_reply(deps: Deps, asker: Asker, view: records.RecordView) -> Reply:
    """The record and the buttons for what this person may do next. Only an explicitly
    non-exempt record is shown in a channel; anything else goes to the person's DM."""
    name = asker.person.name if asker.person else ""
    allowed = [str(a) for a in allowed_actions(view.state, name, _parties(deps, view), consultees_left=_left(view))]
    reply = Reply(f"Decision record {escape(view.id)}: {escape(view.state)}",
                  bk.compact(bk.record_blocks(view, allowed)))
    reply.dm = view.record.exempt is not False
    return reply


@command("record")
def record(deps: Deps, asker: Asker, rest: str):
    if not rest:
        raise CommandError("Give the record id: /govbot record E1A2B3 (or a delegated action id)")
    view = _view(deps, rest.split()[0])
    if not may_see(deps, asker, view):
        return refuse(deps, asker, "view record", f"record:{view.id}",
                      "only the decision makers, the consultees and governance officers may see a record "
                      "before it is published")
    return record_reply(deps, asker, view)


@command("draft")
def draft_command(deps: Deps, asker: Asker, rest: str):
    if not rest:
        raise CommandError("Give the delegated action id: /govbot draft A1B2C3 (see /govbot actions)")
    return draft(deps, asker, rest.split()[0])


def draft(deps: Deps, asker: Asker, action_id: str):
    """A Job: draft in the pool, upload the DOCX to the officer's DM with the record's buttons."""
    refusal = who_needs_to_be_known(deps, asker, "draft", f"delegation:{action_id}")
    if refusal:
        return refusal
    person, today = asker.person.name, deps.as_of()

    def task(runner, sink):
        out = runner.compute(slack_jobs.draft_docx, deps.config, action_id, person, today)
        if "refused" in out:
            sink.send(Reply(f":no_entry: Not done: {escape(out['refused'])}."))
            return
        note = "; ".join(out["notes"])
        sink.upload(out["filename"], out["docx"], f"Decision record {out['record_id']} (draft)",
                    f"Draft decision record {out['record_id']}: {out['title']}" + (f" ({note})" if note else ""))
        sink.send(record_reply(deps, asker, records.get_record(deps.store, out["record_id"])))

    return Job(f"Drafting the decision record for {escape(action_id)}: I will send it to you in a DM.", task)


@command("timeline", "gantt")
def timeline(deps: Deps, asker: Asker, rest: str):
    if not rest:
        raise CommandError("Give the report reference: /govbot timeline CS/25/07")
    ref, today = rest.split()[0], deps.as_of()

    def task(runner, sink):
        out = runner.compute(slack_jobs.timeline_png, deps.config, ref, today)
        if "missing" in out:
            sink.send(Reply(escape(out["missing"])))
            return
        late = f", {out['late']} late" if out["late"] else ""
        sink.upload(f"timeline-{out['ref'].replace('/', '-')}.png", out["png"], f"{out['ref']} Appendix A timeline",
                    f"{out['ref']}: {out['milestones']} milestones{late}, as of {bk.when(today)}")

    return Job(f"Drawing the timeline for {escape(ref)}…", task)


def confirm(deps: Deps, asker: Asker, ref: str) -> Reply:
    refusal = who_needs_to_be_known(deps, asker, "confirm", f"record:{ref}")
    if refusal:
        return refusal
    try:
        view = records.confirm(deps.store, deps.config, _record_id(deps, ref), asker.person.name, deps.as_of())
    except records.RecordRefused as exc:  # the records service has written it to the audit log
        return Reply(f":no_entry: Not done: {escape(exc)}.")
    except records.RecordError as exc:
        raise CommandError(str(exc)) from None
    reply = record_reply(deps, asker, view)
    reply.text = f"Consultation confirmed on {escape(view.id)}: now {escape(view.state)}"
    return reply


def sign_form(deps: Deps, asker: Asker, ref: str) -> Union[Reply, dict]:
    """The sign-off modal, if this person may sign now; else why not (audited)."""
    refusal = who_needs_to_be_known(deps, asker, "sign", f"record:{ref}")
    if refusal:
        return refusal
    view = _view(deps, ref)
    try:
        next_state(view.state, "sign", asker.person.name, _parties(deps, view), consultees_left=_left(view))
    except RecordRefused as exc:
        return refuse(deps, asker, "sign", f"record:{view.id}", "; ".join(exc.problems))
    return bk.sign_modal(view, asker.person.name)


def sign_submitted(deps: Deps, asker: Asker, view: dict) -> Submitted:
    state = view.get("state", {}).get("values", {}).get(bk.DECLARATION_BLOCK, {}).get(bk.DECLARATION_ACTION) or {}
    if not state.get("selected_options"):
        return {bk.DECLARATION_BLOCK: "Tick the declaration to sign."}, None
    if asker.person is None:
        refuse(deps, asker, "sign", f"record:{view.get('private_metadata')}", "not in the roles directory")
        return {bk.DECLARATION_BLOCK: "Your Slack account is not in govbot's roles directory."}, None
    try:
        signed = records.sign(deps.store, deps.config, view["private_metadata"], asker.person.name, deps.as_of())
    except (records.RecordRefused, records.RecordError) as exc:  # refusals are audited by the service
        return {bk.DECLARATION_BLOCK: bk.truncate_plain(str(exc), 2000)}, None
    reply = record_reply(deps, asker, signed)
    due = signed.record.publication_due
    reply.text = (f":black_nib: You signed decision record {escape(signed.id)}."
                  + (f" It must be published by {bk.when(due)}." if due else ""))
    reply.blocks.insert(0, bk.section(reply.text))
    reply.dm = True
    return None, reply


def publish(deps: Deps, asker: Asker, ref: str) -> Reply:
    """A governance officer publishes a signed record (the exempt detail stays unpublished)."""
    refusal = who_needs_to_be_known(deps, asker, "publish", f"record:{ref}")
    if refusal:
        return refusal
    try:
        view = records.publish(deps.store, deps.config, _record_id(deps, ref), asker.person.name, deps.as_of())
    except records.RecordRefused as exc:  # the records service has written it to the audit log
        return Reply(f":no_entry: Not done: {escape(exc)}.")
    except records.RecordError as exc:
        raise CommandError(str(exc)) from None
    reply = record_reply(deps, asker, view)
    effective = view.record.effective_from
    reply.text = (f":white_check_mark: Published decision record {escape(view.id)}"
                  + (f"; after call-in it takes effect on {bk.when(effective)}." if effective else "."))
    reply.blocks.insert(0, bk.section(reply.text))
    return reply
