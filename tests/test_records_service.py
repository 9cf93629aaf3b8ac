"""Decision records against a real register (SQLite, and PostgreSQL where available):
drafting from a delegation, the sign-off workflow with its refusals logged, the audit log
in the database, and the public register."""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text, update

from tests.databases import private_postgres_schema
from govbot.config import PROJECT_ROOT, load_config
from govbot.domain import Delegation, Item, Milestone, Obligation, ParsedDocument, Resolution
from govbot.service import records as svc
from govbot.service import register
from govbot.store import tables as t
from govbot.store.db import open_store
from govbot.store.records import AuditLogRow, DecisionRecordVersion
from govbot.store.writer import DocumentMeta

NOW = dt.datetime(2025, 7, 1, 9, 0, tzinfo=dt.timezone.utc)
OFFICER, DIRECTOR, FINANCE, MEMBER = "Chris Lee", "Alex Morgan", "Priya Shah", "Councillor Jo Evans"
CONDITION = "following completion of a full procurement options appraisal"
FILLED = {"decision": "To use a dynamic purchasing system and award route contracts.",
          "reasons": "The options appraisal found it gives best value.", "alternatives": "Block contracts: rejected.",
          "conflicts": "none", "key_decision": "no", "exempt": "no", "financial_implications": "Within budget.",
          "legal_implications": "Procurement Act 2023.", "equality_implications": "EqIA in progress.",
          "contact": "transport@example.gov.uk"}


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each test (migrating takes about a second)."""
    path = tmp_path_factory.mktemp("records") / "template.sqlite"
    open_store(url=f"sqlite:///{path}").dispose()
    return path


def _sqlite_store(migrated_sqlite, tmp_path):
    target = tmp_path / "register.sqlite"
    shutil.copyfile(migrated_sqlite, target)
    return open_store(url=f"sqlite:///{target}", migrate=False)


@pytest.fixture
def store(migrated_sqlite, tmp_path):
    s = _sqlite_store(migrated_sqlite, tmp_path)
    yield s
    s.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request, migrated_sqlite, tmp_path):
    """For the tests that matter most on both databases: SQLite, and PostgreSQL if reachable."""
    if request.param == "sqlite":
        s = _sqlite_store(migrated_sqlite, tmp_path)
        yield s
        s.dispose()
        return
    with private_postgres_schema() as url:
        s = open_store(url=url)
        yield s
        s.dispose()


@pytest.fixture
def config():
    return load_config(PROJECT_ROOT / "config.yaml")


def minutes() -> ParsedDocument:
    """Council-like minutes written for these tests (not a real council's text)."""
    clause = (f"that {CONDITION}, delegated authority be given to the Director of Children's Services and the "
              "Director of Finance and Public Value, in consultation with the Cabinet Member for SEND, to award "
              "the resulting contracts within the approved budget")
    return ParsedDocument(
        body="Cabinet", meeting_date="2025-03-12", page_type="minutes", parser_version="test-1",
        items=[Item(number="41", title="Home to School Transport: Commissioning Strategy", report_ref="CS/25/07",
                    resolutions=[Resolution(label="a", text="that the Strategy be agreed", kinds=["approve"]),
                                 Resolution(label="d", text=clause, kinds=["delegate"])],
                    delegations=[Delegation(resolution_label="d", power="to award the resulting contracts within the approved budget",
                                            delegates=["Director of Children's Services", "Director of Finance and Public Value"],
                                            consultees=["Cabinet Member for SEND"], condition=CONDITION)],
                    obligations=[Obligation(kind="impact_assessment", due="2025-09-30",
                                            text="An Equality Impact Assessment would be completed")])],
        timeline=[Milestone(name="Procurement options appraisal", start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30))])


def ingest_sample(store, config) -> str:
    with store.write() as session:
        register.ingest_parsed(session, DocumentMeta(name="cabinet.txt", sha256="ab" * 32), minutes(), config=config, now=NOW)
    with store.write() as session:
        delegation = session.scalars(select(t.Delegation)).one()
        milestone = session.scalars(select(t.Milestone)).one()
        linked = session.scalars(select(t.MilestoneLink).where(t.MilestoneLink.delegation_id == delegation.id)).first()
        if linked is None:  # link the condition to its milestone, as a person would
            session.execute(insert(t.MilestoneLink), [dict(milestone_id=milestone.id, delegation_id=delegation.id,
                                                           method="manual", created_at=NOW)])
        return delegation.id


@pytest.fixture
def action_id(store, config) -> str:
    return ingest_sample(store, config)


def milestone_done(store, on: dt.date) -> None:
    with store.write() as session:
        session.execute(update(t.Milestone).values(done_on=on))


def ready_to_sign(store, config, action_id) -> str:
    view = svc.draft_record(store, config, action_id, dt.date(2025, 7, 1), now=NOW)
    svc.amend(store, config, view.id, FILLED, OFFICER, dt.date(2025, 7, 1), now=NOW)
    svc.confirm(store, config, view.id, MEMBER, dt.date(2025, 7, 2), now=NOW)
    milestone_done(store, dt.date(2025, 6, 30))
    return view.id


def log(store) -> list:
    return svc.audit_entries(store)


# --- drafting --------------------------------------------------------------------------------


def test_draft_fills_what_the_register_knows(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    rec = view.record
    assert view.state == "drafted" and view.id.startswith("E") and rec.reference == view.id
    assert [(m.name, m.post) for m in rec.decision_makers] == [
        (DIRECTOR, "Director of Children's Services"), (FINANCE, "Director of Finance and Public Value")]
    assert [(c.name, c.post) for c in rec.consultation] == [(MEMBER, "Cabinet Member for SEND")]
    auth = rec.authority
    assert (auth.body, auth.meeting_date, auth.item_number, auth.clause_label, auth.report_ref) == (
        "Cabinet", dt.date(2025, 3, 12), "41", "d", "CS/25/07")
    assert auth.clause_text.startswith(f"that {CONDITION}, delegated authority be given")
    assert rec.condition.text == CONDITION and rec.condition.milestone == "Procurement options appraisal"
    assert rec.condition.met is False and rec.condition.as_of == dt.date(2025, 5, 1)
    assert rec.impact_assessment.text == "An Equality Impact Assessment would be completed"
    assert rec.impact_assessment.status.startswith("open")
    assert rec.regime == "executive"
    assert {"decision", "reasons", "alternatives", "conflicts", "key_decision", "exempt", "contact"} <= set(rec.todo_fields())
    assert "Report CS/25/07 to Cabinet, 12 March 2025" in rec.background_papers


def test_condition_met_once_the_milestone_is_done(store, config, action_id):
    milestone_done(store, dt.date(2025, 6, 27))
    view = svc.draft_record(store, config, action_id, dt.date(2025, 7, 1), now=NOW)
    assert view.record.condition.met is True


def test_drafting_again_returns_the_live_record(store, config, action_id):
    first = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    again = svc.draft_record(store, config, action_id, dt.date(2025, 5, 2), now=NOW)
    assert again.id == first.id and "already has a drafted decision record" in again.notes[0]


def test_draft_unknown_action_and_unknown_person(store, config, action_id):
    with pytest.raises(svc.RecordError, match="no delegated action with id AZZZZZ"):
        svc.draft_record(store, config, "AZZZZZ", dt.date(2025, 5, 1))
    with pytest.raises(svc.RecordRefused, match="Pat Nobody is not a person in config.yaml"):
        svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), as_person="Pat Nobody", now=NOW)
    with pytest.raises(svc.RecordRefused, match="Alex Morgan may not draft this record"):
        svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), as_person=DIRECTOR, now=NOW)
    assert [(e.action, e.outcome) for e in log(store)] == [("draft", "refused"), ("draft", "refused")]


def test_draft_renders_docx_and_markdown(store, config, action_id, tmp_path):
    import docx

    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    rendered = svc.render_record(view, config, tmp_path / "r.docx", markdown=True, pdf=False)
    text = "\n".join(p.text for p in docx.Document(str(rendered.paths[0])).paragraphs)
    assert "Procurement options appraisal (planned to finish 30 June 2025). NOT met as of 1 May 2025." in text
    assert "TO COMPLETE: the decision taken under this authority" in text
    assert rendered.paths[1].read_text(encoding="utf-8").startswith(f"# Officer Decision Record {view.id}")


# --- the workflow, with refusals logged --------------------------------------------------------


def test_the_whole_sign_off(any_store, config):
    store = any_store
    action_id = ingest_sample(store, config)
    record_id = ready_to_sign(store, config, action_id)
    signed = svc.sign(store, config, record_id, FINANCE, dt.date(2025, 7, 3), now=NOW)
    assert signed.state == "signed" and signed.record.signature.name == FINANCE
    assert signed.record.decision_date == dt.date(2025, 7, 3)
    assert signed.record.publication_due == dt.date(2025, 7, 10)  # 5 working days
    assert signed.record.condition.met is True
    published = svc.publish(store, config, record_id, OFFICER, dt.date(2025, 8, 22), now=NOW)
    assert published.state == "published" and published.record.publication_date == dt.date(2025, 8, 22)
    # call-in: 5 working days after Fri 22 Aug skips the August bank holiday (Mon 25 Aug)
    assert published.record.effective_from == dt.date(2025, 9, 2)
    with store() as session:
        state = session.get(t.Delegation, action_id).record_state
    assert state == "published"
    assert [(e.action, e.outcome) for e in log(store)] == [
        ("draft", "done"), ("amend", "done"), ("confirm", "done"), ("sign", "done"), ("publish", "done")]
    assert svc.verify_audit(store) == (5, [])


def test_signing_refusal_lists_every_gap_and_is_logged(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    with pytest.raises(svc.RecordRefused) as refused:
        svc.sign(store, config, view.id, DIRECTOR, dt.date(2025, 5, 1), now=NOW)
    problems = refused.value.problems
    assert any("the reasons for the decision are missing (reg. 13" in p for p in problems)
    assert any(f"condition '{CONDITION}' is not met" in p for p in problems)
    assert any("consultation with Councillor Jo Evans" in p and "their confirmation" in p for p in problems)
    entry = log(store)[-1]
    assert (entry.action, entry.outcome, entry.who) == ("sign", "refused", DIRECTOR)
    assert "the reasons for the decision are missing" in entry.detail
    assert svc.get_record(store, view.id).state == "drafted"


def test_override_lets_an_unmet_condition_through(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    svc.amend(store, config, view.id, FILLED, OFFICER, dt.date(2025, 5, 1), now=NOW)
    svc.confirm(store, config, view.id, MEMBER, dt.date(2025, 5, 2), now=NOW)
    register.override_condition(store, action_id, "appraisal reported to Cabinet Member early", OFFICER, dt.date(2025, 5, 2))
    signed = svc.sign(store, config, view.id, DIRECTOR, dt.date(2025, 5, 3), now=NOW)
    assert signed.record.condition.met is False
    assert signed.record.condition.override_reason.startswith("appraisal reported to Cabinet Member early (recorded by Chris Lee")


@pytest.mark.parametrize("step, person, words", [
    ("sign", OFFICER, "Chris Lee may not sign this record (only a delegate may)"),
    ("confirm", DIRECTOR, "Alex Morgan may not confirm this record (only a consultee may)"),
    ("publish", OFFICER, "the record is consultation confirmed; publish needs it signed"),
    ("publish", DIRECTOR, "Alex Morgan may not publish this record (only a governance officer may)"),
    ("withdraw", MEMBER, "Councillor Jo Evans may not withdraw this record"),
])
def test_permissions_are_enforced_and_logged(store, config, action_id, step, person, words):
    record_id = ready_to_sign(store, config, action_id)
    call = {"sign": lambda: svc.sign(store, config, record_id, person, dt.date(2025, 7, 3), now=NOW),
            "confirm": lambda: svc.confirm(store, config, record_id, person, dt.date(2025, 7, 3), now=NOW),
            "publish": lambda: svc.publish(store, config, record_id, person, dt.date(2025, 7, 3), now=NOW),
            "withdraw": lambda: svc.withdraw(store, config, record_id, person, dt.date(2025, 7, 3), reason="x", now=NOW)}
    with pytest.raises(svc.RecordRefused) as refused:
        call[step]()
    assert words in str(refused.value)
    assert (log(store)[-1].action, log(store)[-1].outcome) == (step, "refused")
    assert svc.verify_audit(store)[1] == []


def test_amend_keeps_history_and_clears_sign_off(store, config, action_id):
    record_id = ready_to_sign(store, config, action_id)
    svc.sign(store, config, record_id, DIRECTOR, dt.date(2025, 7, 3), now=NOW)
    amended = svc.amend(store, config, record_id, {"reasons": "Revised reasons."}, DIRECTOR, dt.date(2025, 7, 4), now=NOW)
    assert amended.state == "drafted" and amended.record.signature is None
    assert amended.record.consultation[0].confirmed_at is None
    assert amended.record.reasons == "Revised reasons."
    steps = [(v["version"], v["action"], v["state"]) for v in svc.history(store, record_id)]
    assert steps == [(1, "draft", "drafted"), (2, "amend", "drafted"), (3, "confirm", "consultation confirmed"),
                     (4, "sign", "signed"), (5, "amend", "drafted")]
    with store() as session:
        v4 = session.scalar(select(DecisionRecordVersion).where(DecisionRecordVersion.version == 4))
    assert v4.fields["reasons"] == FILLED["reasons"] and v4.fields["signature"]["name"] == DIRECTOR


def test_amend_refuses_bad_values_and_protected_fields(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    with pytest.raises(svc.RecordError, match="signature is set by govbot"):
        svc.amend(store, config, view.id, {"signature": "forged"}, OFFICER, dt.date(2025, 5, 1))
    with pytest.raises(svc.RecordError, match="has no field 'colour'"):
        svc.amend(store, config, view.id, {"colour": "red"}, OFFICER, dt.date(2025, 5, 1))
    with pytest.raises(svc.RecordError, match="exempt_paragraph"):
        svc.amend(store, config, view.id, {"exempt_paragraph": "9"}, OFFICER, dt.date(2025, 5, 1))
    assert svc.get_record(store, view.id).version == 1


def test_withdraw_needs_a_reason_and_ends_the_record(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    with pytest.raises(svc.RecordRefused, match="a reason for withdrawing"):
        svc.withdraw(store, config, view.id, OFFICER, dt.date(2025, 5, 2), reason=" ")
    done = svc.withdraw(store, config, view.id, OFFICER, dt.date(2025, 5, 2), reason="drafted in error")
    assert done.state == "withdrawn"
    again = svc.draft_record(store, config, action_id, dt.date(2025, 5, 3), now=NOW)
    assert again.id != view.id and again.state == "drafted"


# --- the audit log in the database -------------------------------------------------------------


def allow_tampering(store) -> None:
    """What someone with the database's keys could do first: drop the append-only triggers."""
    with store.write() as session:
        if store.dialect == "postgresql":
            session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            session.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            session.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))


def _tamper(store, sql: str, **params) -> list[str]:
    allow_tampering(store)
    with store.write() as session:
        session.execute(text(sql), params)
    return [p.kind for p in svc.verify_audit(store)[1]]


def test_audit_verify_catches_tampering_in_the_database(any_store, config):
    store = any_store
    action_id = ingest_sample(store, config)
    record_id = ready_to_sign(store, config, action_id)
    svc.sign(store, config, record_id, DIRECTOR, dt.date(2025, 7, 3), now=NOW)
    assert svc.verify_audit(store) == (4, [])
    assert _tamper(store, "UPDATE audit_log SET who = 'Someone Else' WHERE seq = 2") == ["altered"]
    _tamper(store, "UPDATE audit_log SET who = :who WHERE seq = 2", who=OFFICER)
    assert svc.verify_audit(store)[1] == []
    assert _tamper(store, "DELETE FROM audit_log WHERE seq = 4") == ["truncated"]


def test_audit_verify_catches_a_deleted_middle_entry_and_reordering(store, config, action_id):
    ready_to_sign(store, config, action_id)
    assert _tamper(store, "DELETE FROM audit_log WHERE seq = 2") == ["deleted"]
    allow_tampering(store)
    with store.write() as session:
        rows = session.scalars(select(AuditLogRow).order_by(AuditLogRow.pk)).all()
        first = {c: getattr(rows[0], c) for c in ("seq", "at", "who", "action", "entity", "digest", "outcome", "detail", "prev_hash", "hash")}
        last = {c: getattr(rows[-1], c) for c in first}
        session.execute(update(AuditLogRow).where(AuditLogRow.pk == rows[0].pk).values(seq=-1))
        session.execute(update(AuditLogRow).where(AuditLogRow.pk == rows[-1].pk).values(**first))
        session.execute(update(AuditLogRow).where(AuditLogRow.pk == rows[0].pk).values(**last))
    assert "reordered" in [p.kind for p in svc.verify_audit(store)[1]]


# --- the public register -------------------------------------------------------------------------


def test_publish_register_html_csv_json_with_exempt_withheld(any_store, config, tmp_path):
    store = any_store
    action_id = ingest_sample(store, config)
    record_id = ready_to_sign(store, config, action_id)
    svc.amend(store, config, record_id, {"exempt": "yes", "exempt_paragraph": "3",
                                         "exempt_detail": "Bid prices: <b>£1.2m</b>", "title": "Routes <&> {{ 7*7 }}"},
              OFFICER, dt.date(2025, 7, 2), now=NOW)
    svc.confirm(store, config, record_id, MEMBER, dt.date(2025, 7, 2), now=NOW)
    svc.sign(store, config, record_id, DIRECTOR, dt.date(2025, 7, 3), now=NOW)  # due Thu 10 July
    svc.publish(store, config, record_id, OFFICER, dt.date(2025, 7, 14), now=NOW)
    files = svc.publish_register(store, config, tmp_path / "public", today=dt.date(2025, 7, 20))
    html = files.html.read_text(encoding="utf-8")
    assert "Routes &lt;&amp;&gt; {{ 7*7 }}" in (tmp_path / "public" / "records" / f"{record_id}.html").read_text(encoding="utf-8")
    assert "Routes &lt;&amp;&gt; {{ 7*7 }}" in html and "<span class=\"late\">late</span>" in html
    assert "paragraph 3 of Part 1 of Schedule 12A" in html
    public = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "public").rglob("*") if p.is_file())
    assert "Bid prices" not in public
    rows = list(csv.DictReader(files.csv.open(encoding="utf-8")))
    assert [(r["reference"], r["publication_due"], r["late"], r["effective_from"]) for r in rows] == [
        (record_id, "2025-07-10", "True", "2025-07-22")]
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data["records"][0]["timeliness"].endswith("(2 working days late)")
    [appendix] = files.confidential
    assert appendix.parent == tmp_path / "public-confidential"
    assert "Bid prices: <b>£1.2m</b>" in appendix.read_text(encoding="utf-8")
    assert "paragraph 3 of Part 1 of Schedule 12A" in appendix.read_text(encoding="utf-8")


def test_register_shows_on_time_and_withdrawn_records(store, config, action_id, tmp_path):
    record_id = ready_to_sign(store, config, action_id)
    svc.sign(store, config, record_id, DIRECTOR, dt.date(2025, 7, 3), now=NOW)
    svc.publish(store, config, record_id, OFFICER, dt.date(2025, 7, 4), now=NOW)
    entry = svc.publish_register(store, config, tmp_path / "p", today=dt.date(2025, 7, 20)).entries[0]
    assert (entry.late, entry.status) == (False, "published")
    svc.withdraw(store, config, record_id, OFFICER, dt.date(2025, 7, 21), reason="superseded")
    entry = svc.publish_register(store, config, tmp_path / "p", today=dt.date(2025, 7, 22)).entries[0]
    assert entry.status == "withdrawn on 2025-07-21: superseded"


def test_override_by_amending_reaches_the_register(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    svc.amend(store, config, view.id, dict(FILLED, **{"condition.override_reason": "appraisal reported early"}),
              OFFICER, dt.date(2025, 5, 1), now=NOW)
    [action] = register.actions(store, today=dt.date(2025, 5, 1), config=config)
    assert (action.override_reason, action.override_by) == ("appraisal reported early", OFFICER)
    svc.confirm(store, config, view.id, MEMBER, dt.date(2025, 5, 2), now=NOW)
    assert svc.sign(store, config, view.id, DIRECTOR, dt.date(2025, 5, 2), now=NOW).state == "signed"


def test_redrafting_shows_the_condition_as_of_today(store, config, action_id):
    svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    milestone_done(store, dt.date(2025, 6, 30))
    again = svc.draft_record(store, config, action_id, dt.date(2025, 7, 1), now=NOW)
    assert (again.record.condition.met, again.record.condition.as_of) == (True, dt.date(2025, 7, 1))


def test_concurrent_writers_keep_one_unbroken_chain(any_store, config):
    from concurrent.futures import ThreadPoolExecutor

    store = any_store
    action_id = ingest_sample(store, config)
    record_id = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW).id

    def refused_signing(n):
        for _ in range(5):
            with pytest.raises(svc.RecordRefused):
                svc.sign(store, config, record_id, OFFICER, dt.date(2025, 5, 1), now=NOW)
        return n

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(refused_signing, range(4))) == [0, 1, 2, 3]
    count, problems = svc.verify_audit(store)
    assert (count, problems) == (21, [])
    assert [e.seq for e in log(store)] == list(range(1, 22))


def test_records_migration_matches_the_tables(any_store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from govbot.store.base import Base
    from govbot.store.records import RECORD_TABLES

    def table_of(change) -> str:
        change = change[0] if isinstance(change, list) else change  # modify_* come grouped
        for part in change[1:]:
            if hasattr(part, "name") and hasattr(part, "columns") and not hasattr(part, "table"):
                return part.name  # a Table
            if getattr(part, "table", None) is not None:
                return part.table.name  # an Index or a constraint
        return change[2] if len(change) > 2 and isinstance(change[2], str) else ""

    with any_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert [d for d in diff if table_of(d) in RECORD_TABLES] == []
    with any_store() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0


def test_the_database_refuses_to_change_or_delete_audit_entries(any_store, config):
    from sqlalchemy.exc import DatabaseError

    store = any_store
    svc.draft_record(store, config, ingest_sample(store, config), dt.date(2025, 5, 1), now=NOW)
    for sql in ("UPDATE audit_log SET who = 'Mallory'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="the audit log is append-only"):
            with store.write() as session:
                session.execute(text(sql))
    assert svc.verify_audit(store) == (1, [])


def test_allowed_steps_for_buttons(store, config, action_id):
    view = svc.draft_record(store, config, action_id, dt.date(2025, 5, 1), now=NOW)
    assert svc.allowed(config, view, "jo.evans@example.gov.uk") == ["confirm"]
    assert svc.allowed(config, view, DIRECTOR) == ["amend", "withdraw"]
    assert svc.allowed(config, view, "Democratic Services Manager") == ["amend", "withdraw"]
    assert svc.allowed(config, view, "Pat Nobody") == []
