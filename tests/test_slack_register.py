"""/govbot over the register: actions, decision, find, due, done, App Home, Mark done modal."""
from __future__ import annotations

import json

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from govbot.slack import blocks as bk
from tests.slack.fixtures import *  # noqa: F401,F403
from tests.slack.fixtures import CABINET_MEMBER, DIRECTOR, FINANCE, OFFICER, STRANGER


def blocks_of(answer) -> list[dict]:
    assert answer.status == 200, answer.body
    reply = answer.json()
    for block in reply.get("blocks", []):
        Block.parse(block).validate_json()  # Slack would reject what fails here
    return reply["blocks"]


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_actions_mine_lists_the_directors_delegation_with_its_status_and_reason(app):
    blocks = blocks_of(app.command("actions mine", user=DIRECTOR))
    text = text_of(blocks)
    assert "Your delegated actions" in text
    assert "awaiting condition" in text and "Procurement options appraisal" in text
    assert "highways" not in text.lower()  # Priya Shah's alone, not the director's


def test_actions_overdue_as_the_director(app):
    text = text_of(blocks_of(app.command("actions mine overdue", user=DIRECTOR)))
    assert "Procurement options appraisal" in text and "late, due 2025-06-30" in text
    assert "Equality Impact Assessment" in text  # overdue on the item the director acts on
    everyone = text_of(blocks_of(app.command("actions overdue", user=STRANGER)))
    assert "All overdue actions" in everyone


def test_actions_for_a_mentioned_user_and_a_role_title(app):
    by_mention = text_of(blocks_of(app.command(f"actions <@{FINANCE}|priya>", user=OFFICER)))
    assert "Priya Shah's delegated actions" in by_mention and "highways maintenance" in by_mention
    by_role = text_of(blocks_of(app.command("actions Section 151 Officer", user=OFFICER)))
    assert "Priya Shah's delegated actions" in by_role


def test_actions_mine_from_someone_unknown_says_why(app):
    reply = app.command("actions mine", user=STRANGER).json()
    assert "roles directory" in reply["text"]


def test_ready_action_offers_draft_record(app):
    blocks = blocks_of(app.command(f"actions <@{FINANCE}>", user=OFFICER))
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Draft record"]
    assert buttons[0]["action_id"] == bk.DRAFT_RECORD and buttons[0]["value"].startswith("A")


def test_decision_shows_clauses_delegations_obligations_and_timeline(app):
    text = text_of(blocks_of(app.command("decision CS/25/07", user=OFFICER)))
    assert "Home to School Transport: Commissioning Strategy" in text
    assert "RESOLVED" in text and "(d) that following completion" in text
    assert "Appendix A timeline" in text and "Service specification" in text
    assert "Mark done" in text


def test_unknown_decision_is_one_line(app):
    reply = app.command("decision XX/99/99", user=OFFICER).json()
    assert "no decision found" in reply["text"] and "Traceback" not in reply["text"]


def test_document_text_cannot_ping_mention_or_link(app):
    """Resolution and obligation text holding <!channel>, a link and a mention arrive inert."""
    for words in ("find public consultation", "decision CM/25/02", "due 30 days"):
        text = text_of(blocks_of(app.command(words, user=OFFICER)))
        assert "&lt;!channel&gt;" in text, words
        for live in ("<!channel>", "<https://evil", "<@U0DIRCYP>"):
            assert live not in text, (words, live)


def test_due_lists_obligations_within_n_days(app):
    soon = text_of(blocks_of(app.command("due 30 days", user=OFFICER)))
    assert "report on the consultation" in soon and "Already overdue" in soon
    assert "Service specification" not in soon  # ends 31 Dec, beyond 30 days
    assert "Service specification" in text_of(blocks_of(app.command("due 60", user=OFFICER)))
    assert "how many days" in app.command("due soonish", user=OFFICER).json()["text"]


def test_done_needs_evidence_then_marks_the_obligation(app, slack_config):
    from govbot.service import register

    store = app.app.govbot_deps.store
    overdue = register.obligations(store, today=app.app.govbot_deps.as_of(), status="overdue", config=slack_config)[0]
    assert "evidence is required" in app.command(f"done {overdue.id}", user=DIRECTOR).json()["text"]
    answer = app.command(f"done {overdue.id} EqIA at https://example.gov.uk/eqia", user=DIRECTOR).json()
    assert "done on 2025-11-03 by Alex Morgan" in text_of(answer["blocks"])


def test_strangers_cannot_mark_done_and_the_refusal_is_audited(app):
    from sqlalchemy import select

    from govbot.store.records import AuditLogRow

    reply = app.command("done OB2SYQ it is done", user=STRANGER).json()
    assert "Not done" in reply["text"] and "roles directory" in reply["text"]
    with app.app.govbot_deps.store() as session:
        row = session.scalar(select(AuditLogRow).order_by(AuditLogRow.seq.desc()))
    assert (row.who, row.action, row.outcome) == (f"slack:{STRANGER}", "mark done", "refused")


def test_app_home_shows_the_users_own_actions_and_deadlines(app):
    assert app.event({"type": "app_home_opened", "user": DIRECTOR, "channel": "D0DIR", "tab": "home"}).status == 200
    call = app.mock.wait_for("views.publish")[0]
    assert call.field("user_id") == DIRECTOR
    view = call.field("view")
    View(**view).validate_json()
    text = text_of(view)
    assert "Your delegated actions" in text and "Procurement options appraisal" in text
    assert "Equality Impact Assessment" in text and "highways" not in text.lower()


def test_app_home_for_an_unknown_user_says_how_to_be_added(app):
    app.event({"type": "app_home_opened", "user": STRANGER, "channel": "D0X", "tab": "home"})
    assert "roles directory" in text_of(app.mock.wait_for("views.publish")[0].field("view"))


def test_mark_done_button_opens_a_modal_and_its_submission_marks_done(app, slack_config):
    from govbot.service import register

    store = app.app.govbot_deps.store
    ob = register.obligations(store, today=app.app.govbot_deps.as_of(), status="overdue", config=slack_config)[0]
    assert app.click(bk.MARK_DONE, ob.id, user=CABINET_MEMBER).status == 200
    view = app.mock.wait_for("views.open")[0].field("view")
    View(**view).validate_json()
    assert view["callback_id"] == bk.MARK_DONE_VIEW and view["private_metadata"] == ob.id

    empty = {bk.EVIDENCE_BLOCK: {bk.EVIDENCE_ACTION: {"type": "plain_text_input", "value": ""}}}
    answer = app.submit(bk.MARK_DONE_VIEW, ob.id, empty, user=CABINET_MEMBER).json()
    assert answer["response_action"] == "errors" and bk.EVIDENCE_BLOCK in answer["errors"]

    filled = {bk.EVIDENCE_BLOCK: {bk.EVIDENCE_ACTION: {"type": "plain_text_input", "value": "Reported 29 Sep"}}}
    assert app.submit(bk.MARK_DONE_VIEW, ob.id, filled, user=CABINET_MEMBER).status == 200
    dm = app.mock.wait_for("chat.postMessage")[0]
    assert "done on 2025-11-03 by Councillor Jo Evans" in text_of(dm.field("blocks"))
