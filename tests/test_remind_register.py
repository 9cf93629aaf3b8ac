"""Reminders read from a real register: a signed decision record must be published in
time; work marked done after planning is not nagged about; unknown role titles are
reported, never guessed."""
from __future__ import annotations

import datetime as dt

from govbot.config import load_config
from govbot.reminders.dispatch import Dispatcher
from govbot.service import records, register
from govbot.service import reminders as svc
from tests.test_remind_dispatch import T, UTC, Clock, filled, make_config, only_slack, rows, slack  # noqa: F401

FILLED = {"decision": "To extend the highways maintenance contract by twelve months.",
          "reasons": "Continuity of service while the new framework is procured.", "alternatives": "Re-tender now: rejected.",
          "conflicts": "none", "key_decision": "no", "exempt": "no", "financial_implications": "Within budget.",
          "legal_implications": "Permitted extension.", "equality_implications": "None identified.",
          "contact": "highways@example.gov.uk"}


def test_a_signed_record_is_chased_for_publication_then_escalated(tmp_path):
    config = load_config()  # the shipped roles: directors, the Cabinet Member, governance officers
    store = filled(f"sqlite:///{tmp_path / 'r.sqlite'}", config)
    highways = next(a for a in register.actions(store, today=dt.date(2025, 7, 1), config=config)
                    if "highways" in a.power)
    now = dt.datetime(2025, 7, 1, 9, 0, tzinfo=UTC)
    view = records.draft_record(store, config, highways.id, dt.date(2025, 7, 1), now=now)
    records.amend(store, config, view.id, FILLED, "Chris Lee", dt.date(2025, 7, 1), now=now)
    records.confirm(store, config, view.id, "Councillor Jo Evans", dt.date(2025, 7, 2), now=now)
    records.sign(store, config, view.id, "Priya Shah", dt.date(2025, 7, 3), now=now)
    # Signed Thu 3 July: published within 5 working days, by Thu 10 July.
    day_before = svc.preview(store, config, dt.date(2025, 7, 9))
    chase = [p for p in day_before if p.subject == f"record:{view.id}"]
    assert {(p.person, p.lead, p.deadline) for p in chase} == {
        ("Chris Lee", 1, dt.date(2025, 7, 10)), ("Sam Patel", 1, dt.date(2025, 7, 10))}
    (entry,) = chase[0].message.entries
    assert "published as soon as reasonably practicable" in entry.why
    assert (entry.action_id, entry.action_value) == ("publish_record", view.id)
    escalated = [p for p in svc.preview(store, config, dt.date(2025, 7, 17)) if p.kind == "escalation"
                 and p.subject == f"escalation:record:{view.id}"]
    assert {p.person for p in escalated} == {"Sam Patel"}
    records.publish(store, config, view.id, "Chris Lee", dt.date(2025, 7, 9), now=now)
    assert not [p for p in svc.preview(store, config, dt.date(2025, 7, 17)) if view.id in p.subject]
    store.dispose()


def test_work_marked_done_before_its_reminder_goes_is_skipped_with_the_reason(tmp_path, slack):
    config = make_config(channels=["slack"])
    store = filled(f"sqlite:///{tmp_path / 'r.sqlite'}", config)
    dispatcher = Dispatcher(store, config, only_slack(slack), clock=Clock(T))
    early = T - dt.timedelta(hours=1)  # 07:31 in London: planned for 08:30, not yet due
    dispatcher.dispatch_due(early)
    lead = next(r for r in rows(store) if r.kind == "lead" and r.person == "Priya Shah")
    assert lead.state == "planned"
    register.mark_done(store, lead.subject.split(":")[1], "EqIA published on the council website", "Priya Shah",
                       dt.date(2025, 9, 16))
    dispatcher.dispatch_due(T)
    lead = next(r for r in rows(store) if r.id == lead.id)
    assert lead.state == "skipped" and lead.skipped_reason.startswith("no longer due: done")
    assert not [c for c in slack.received("chat.postMessage") if "Due in 14 days" in c.field("text")]
    store.dispose()


def test_unknown_role_titles_are_reported_not_guessed(tmp_path):
    config = make_config()
    store = filled(f"sqlite:///{tmp_path / 'r.sqlite'}", config)
    register.edit(store, register.actions(store, today=T.date())[0].id, "delegates", ["the relevant Executive Director"],
                  "Chris Lee", config=config)
    snap = svc.snapshot(store, config, T.date())
    assert any("role title depends on the matter" in p for p in snap.problems)
    store.dispose()


def test_each_person_may_choose_their_channels_and_digest_time(tmp_path):
    config = make_config(digest_times={"Priya Shah": "07:15"})
    config.roles[0].channels = ["email"]  # Alex Morgan: email only
    store = filled(f"sqlite:///{tmp_path / 'r.sqlite'}", config)
    planned = svc.preview(store, config, T.date())
    assert {p.channel for p in planned if p.person == "Alex Morgan"} == {"email"}
    assert {p.due_at for p in planned if p.person == "Priya Shah"} == {dt.datetime(2025, 9, 16, 6, 15, tzinfo=UTC)}
    store.dispose()
