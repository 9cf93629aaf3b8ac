"""Decision records from Slack: Draft record (DOCX uploaded), Confirm consultation, the Sign
modal with its declaration, `record ID`, and refusals that say why and are audited."""
from __future__ import annotations

import json

from slack_sdk.models.views import View
from sqlalchemy import select

from govbot.service import records, register
from govbot.slack import blocks as bk
from govbot.store.records import AuditLogRow
from tests.slack.fixtures import *  # noqa: F401,F403
from tests.slack.fixtures import CABINET_MEMBER, DIRECTOR, FINANCE, OFFICER, STRANGER, TODAY

FILLED = {
    "decision_date": "2025-11-03", "decision": "To extend the highways maintenance contract by twelve months.",
    "reasons": "Continuity of service while the new contract is procured.",
    "alternatives": "Re-procure at once: rejected, not enough time.", "conflicts": "none",
    "key_decision": False, "exempt": False, "financial_implications": "Within the approved budget.",
    "legal_implications": "Permitted by the contract's extension clause.",
    "equality_implications": "None: the service continues unchanged.", "contact": "Priya Shah, 01234 567890",
}


def ready_action(app) -> str:
    deps = app.app.govbot_deps
    return [a for a in register.actions(deps.store, today=TODAY, config=deps.config) if a.status == "ready"][0].id


def last_audit(app) -> AuditLogRow:
    with app.app.govbot_deps.store() as session:
        return session.scalar(select(AuditLogRow).order_by(AuditLogRow.seq.desc()))


def drafted(app, action_id: str) -> str:
    deps = app.app.govbot_deps
    view = records.draft_record(deps.store, deps.config, action_id, TODAY, as_person="Chris Lee")
    return view.id


def test_draft_record_button_uploads_the_docx_to_the_officers_dm(app):
    action = ready_action(app)
    assert app.click(bk.DRAFT_RECORD, action, user=OFFICER).status == 200
    assert "Drafting the decision record" in app.mock.wait_for("webhook/action")[0].field("text")
    done = app.mock.wait_for("files.completeUploadExternal")[0]
    assert done.field("channel_id") == f"D{OFFICER}"
    upload = app.mock.wait_for("upload")[0]
    assert upload.body[:2] == b"PK"  # a Word document (zip)
    name = app.mock.wait_for("files.getUploadURLExternal")[0].field("filename")
    assert name.startswith("decision-record-E") and name.endswith(".docx")
    message = app.mock.wait_for("chat.postMessage")[0]
    text = json.dumps(message.field("blocks"))
    assert "Decision record E" in text and "drafted" in text and "To complete before signing" in text


def test_a_director_may_not_draft_and_hears_why(app):
    action = ready_action(app)
    app.command(f"draft {action}", user=DIRECTOR)
    said = app.mock.wait_for("webhook/cmd")[0].field("text")
    assert "Not done" in said and "only a governance officer may" in said
    entry = last_audit(app)
    assert (entry.who, entry.action, entry.outcome) == ("Alex Morgan", "draft", "refused")
    assert app.mock.received("files.completeUploadExternal") == []


def test_only_the_named_consultee_can_confirm(app):
    record_id = drafted(app, ready_action(app))
    app.click(bk.CONFIRM_CONSULTATION, record_id, user=DIRECTOR)
    refused = app.mock.wait_for("webhook/action")[0].field("text")
    assert "Not done" in refused and "consultee" in refused
    assert last_audit(app).outcome == "refused"
    app.click(bk.CONFIRM_CONSULTATION, record_id, user=CABINET_MEMBER)
    confirmed = app.mock.wait_for("webhook/action", 2)[1]
    assert "consultation confirmed" in confirmed.field("text")


def test_only_a_delegate_gets_the_sign_modal(app):
    record_id = drafted(app, ready_action(app))
    app.click(bk.SIGN_RECORD, record_id, user=DIRECTOR)
    said = app.mock.wait_for("webhook/action")[0].field("text")
    assert "Not done" in said and "only a delegate may" in said
    entry = last_audit(app)
    assert (entry.who, entry.action, entry.outcome, entry.entity) == ("Alex Morgan", "sign", "refused", f"record:{record_id}")
    assert app.mock.received("views.open") == []


def test_sign_modal_shows_the_record_and_a_declaration_and_signing_needs_it_ticked(app):
    deps = app.app.govbot_deps
    action = ready_action(app)
    record_id = drafted(app, action)
    records.amend(deps.store, deps.config, record_id, FILLED, "Chris Lee", TODAY)
    records.confirm(deps.store, deps.config, record_id, "Councillor Jo Evans", TODAY)

    app.click(bk.SIGN_RECORD, action, user=FINANCE)  # the action's id finds its live record
    view = app.mock.wait_for("views.open")[0].field("view")
    View(**view).validate_json()
    text = json.dumps(view)
    assert view["callback_id"] == bk.SIGN_VIEW and view["private_metadata"] == record_id
    assert "Continuity of service" in text and "I, Priya Shah, took this decision" in text

    unticked = {bk.DECLARATION_BLOCK: {bk.DECLARATION_ACTION: {"type": "checkboxes", "selected_options": []}}}
    answer = app.submit(bk.SIGN_VIEW, record_id, unticked, user=FINANCE).json()
    assert answer["response_action"] == "errors" and "Tick the declaration" in answer["errors"][bk.DECLARATION_BLOCK]

    ticked = {bk.DECLARATION_BLOCK: {bk.DECLARATION_ACTION: {"type": "checkboxes",
                                                             "selected_options": [{"value": "declared"}]}}}
    assert app.submit(bk.SIGN_VIEW, record_id, ticked, user=FINANCE).status == 200
    dm = app.mock.wait_for("chat.postMessage")[0]
    assert dm.field("channel") == f"D{FINANCE}" and "You signed decision record" in dm.field("text")
    assert str(records.get_record(deps.store, record_id).state) == "signed"


def test_signing_an_incomplete_record_keeps_the_modal_open_with_the_reasons(app):
    record_id = drafted(app, ready_action(app))
    ticked = {bk.DECLARATION_BLOCK: {bk.DECLARATION_ACTION: {"type": "checkboxes",
                                                             "selected_options": [{"value": "declared"}]}}}
    answer = app.submit(bk.SIGN_VIEW, record_id, ticked, user=FINANCE).json()
    assert answer["response_action"] == "errors" and "cannot sign" in answer["errors"][bk.DECLARATION_BLOCK]


def test_record_command_goes_by_dm_unless_marked_not_exempt(app):
    deps = app.app.govbot_deps
    record_id = drafted(app, ready_action(app))
    answer = app.command(f"record {record_id}", user=CABINET_MEMBER).json()
    assert "direct message" in answer["text"]  # exempt not yet decided: never in a channel
    dm = app.mock.wait_for("chat.postMessage")[0]
    assert dm.field("channel") == f"D{CABINET_MEMBER}"
    assert "Confirm consultation" in json.dumps(dm.field("blocks"))  # what the consultee may do

    records.amend(deps.store, deps.config, record_id, {"exempt": False}, "Chris Lee", TODAY)
    shown = app.command(f"record {record_id}", user=FINANCE).json()
    assert f"Decision record {record_id}" in json.dumps(shown["blocks"])


def test_record_is_refused_to_people_who_are_not_parties(app):
    record_id = drafted(app, ready_action(app))
    answer = app.command(f"record {record_id}", user=STRANGER).json()
    assert "Not done" in answer["text"] and "before it is published" in answer["text"]
    assert last_audit(app).outcome == "refused"


def test_timeline_command_uploads_a_png_off_the_request_path(app):
    answer = app.command("timeline CS/25/07", user=OFFICER).json()
    assert "Drawing the timeline" in answer["text"]
    app.mock.wait_for("files.completeUploadExternal")
    png = app.mock.wait_for("upload")[0].body
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    comment = app.mock.received("files.completeUploadExternal")[0].field("initial_comment")
    assert "3 milestones, 2 late" in comment


def test_timeline_for_an_unknown_report_says_so(app):
    app.command("timeline zz-99-01", user=OFFICER)
    assert "no Appendix A timeline for" in app.mock.wait_for("webhook/cmd")[0].field("text")


def test_only_a_governance_officer_may_publish_a_signed_record(app):
    deps = app.app.govbot_deps
    record_id = drafted(app, ready_action(app))
    records.amend(deps.store, deps.config, record_id, FILLED, "Chris Lee", TODAY)
    records.confirm(deps.store, deps.config, record_id, "Councillor Jo Evans", TODAY)
    records.sign(deps.store, deps.config, record_id, "Priya Shah", TODAY)

    app.click(bk.PUBLISH_RECORD, record_id, user=FINANCE)
    refused = app.mock.wait_for("webhook/action")[0]
    assert "Not done" in refused.field("text") and "governance officer" in refused.field("text")
    assert (last_audit(app).action, last_audit(app).outcome) == ("publish", "refused")

    shown = app.command(f"record {record_id}", user=OFFICER).json()  # not exempt: shown in place
    assert "Publish" in json.dumps(shown["blocks"])
    app.click(bk.PUBLISH_RECORD, record_id, user=OFFICER)
    published = app.mock.wait_for("webhook/action", 2)[1]
    assert "Published decision record" in published.field("text")
    assert str(records.get_record(deps.store, record_id).state) == "published"
