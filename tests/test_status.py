"""Status rules as of a date: milestones, obligations, delegated actions, statutory windows."""
from __future__ import annotations

import datetime as dt

import pytest

from govbot.config import Statutory, load_config, PROJECT_ROOT
from govbot.domain import ActionStatus, MilestoneStatus, ObligationStatus, RecordState
from govbot.tracker.status import (
    ActionState,
    ConditionState,
    MilestoneState,
    ObligationState,
    Override,
    action_status,
    call_in_window,
    condition_unmet,
    key_decision_notice_window,
    milestone_status,
    obligation_due,
    obligation_status,
    record_publication_window,
    statutory_windows,
)

D = dt.date
APPRAISAL = "Procurement options appraisal"


# --- milestones ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, expected",
    [
        (D(2025, 3, 31), MilestoneStatus.planned),
        (D(2025, 4, 1), MilestoneStatus.in_progress),  # the start day
        (D(2025, 6, 30), MilestoneStatus.in_progress),  # the end day is still on time
        (D(2025, 7, 1), MilestoneStatus.late),
    ],
)
def test_milestone_through_its_dates(today, expected):
    status, why = milestone_status(D(2025, 4, 1), D(2025, 6, 30), None, today)
    assert status == expected
    assert why


def test_milestone_late_says_by_how_much():
    assert milestone_status(None, D(2026, 1, 31), None, D(2026, 11, 25)) == (
        MilestoneStatus.late,
        "due 2026-01-31, not done: 298 days late",
    )


def test_milestone_done_even_after_its_end_date():
    assert milestone_status(D(2025, 4, 1), D(2025, 6, 30), D(2025, 7, 10), D(2025, 8, 1)) == (
        MilestoneStatus.done,
        "done on 2025-07-10",
    )


def test_milestone_done_later_is_not_done_as_of_an_earlier_date():
    status, _ = milestone_status(D(2025, 4, 1), D(2025, 6, 30), D(2025, 7, 10), D(2025, 7, 5))
    assert status == MilestoneStatus.late


def test_milestone_without_dates_is_planned():
    assert milestone_status(None, None, None, D(2030, 1, 1)) == (MilestoneStatus.planned, "no dates set")
    assert MilestoneState("Market testing").status(D(2030, 1, 1)).status == MilestoneStatus.planned


# --- obligations --------------------------------------------------------------------------


def test_month_only_january_2026_deadline_has_passed_by_november():
    status, why = obligation_status(ObligationState(due="2026-01"), D(2026, 11, 25))
    assert status == ObligationStatus.overdue
    assert why == "due January 2026 (by 2026-01-31): 298 days overdue"


def test_month_only_due_runs_to_the_end_of_the_month():
    assert obligation_status(ObligationState(due="2026-01"), D(2026, 1, 31)) == (
        ObligationStatus.due_soon,
        "due January 2026 (by 2026-01-31), today",
    )
    assert obligation_status(ObligationState(due="2026-01"), D(2026, 2, 1)).status == ObligationStatus.overdue


@pytest.mark.parametrize(
    "today, expected",
    [
        (D(2025, 9, 15), ObligationStatus.open),  # 15 days before
        (D(2025, 9, 16), ObligationStatus.due_soon),  # 14 days before
        (D(2025, 9, 30), ObligationStatus.due_soon),  # the due day
        (D(2025, 10, 1), ObligationStatus.overdue),
    ],
)
def test_obligation_due_soon_window(today, expected):
    assert obligation_status(ObligationState(due="2025-09-30"), today, due_soon_days=14).status == expected


def test_obligation_without_a_due_date_is_never_overdue():
    assert obligation_status(ObligationState(), D(2099, 1, 1)) == (ObligationStatus.open, "no due date")


def test_obligation_done_needs_evidence():
    done = ObligationState(due="2025-09-30", done_on=D(2025, 9, 1), evidence="https://example.gov.uk/eqia.pdf")
    assert obligation_status(done, D(2025, 10, 5)) == (
        ObligationStatus.done,
        "done on 2025-09-01: https://example.gov.uk/eqia.pdf",
    )
    bare = ObligationState(due="2025-09-30", done_on=D(2025, 9, 1), evidence="  ")
    status, why = obligation_status(bare, D(2025, 10, 5))
    assert status == ObligationStatus.overdue
    assert "without evidence" in why


def test_obligation_waived_needs_a_reason_and_who():
    waived = ObligationState(due="2025-09-30", waived_on=D(2025, 9, 2), waived_reason="superseded", waived_by="Sam Patel")
    assert obligation_status(waived, D(2025, 12, 1)) == (
        ObligationStatus.waived,
        "waived by Sam Patel on 2025-09-02: superseded",
    )
    no_reason = ObligationState(due="2025-09-30", waived_by="Sam Patel")
    status, why = obligation_status(no_reason, D(2025, 12, 1))
    assert status == ObligationStatus.overdue
    assert "waiver lacks a reason" in why


def test_obligation_done_after_the_as_of_date_is_not_done_yet():
    later = ObligationState(due="2025-09-30", done_on=D(2025, 10, 3), evidence="report")
    assert obligation_status(later, D(2025, 10, 1)).status == ObligationStatus.overdue


def test_obligation_falls_due_with_its_milestone():
    spec = MilestoneState("Service specifications", D(2025, 7, 1), D(2025, 10, 31))
    ob = ObligationState(milestone=spec)
    assert obligation_due(ob) == (D(2025, 10, 31), "2025-10-31 (with milestone 'Service specifications')")
    status, why = obligation_status(ob, D(2025, 11, 3))
    assert status == ObligationStatus.overdue
    assert "Service specifications" in why
    # Its own due date wins over the milestone's.
    assert obligation_due(ObligationState(due="2025-08", milestone=spec))[0] == D(2025, 8, 31)


def test_obligation_with_unreadable_due_is_open_and_says_so():
    assert obligation_status(ObligationState(due="after the summer"), D(2025, 1, 1)) == (
        ObligationStatus.open,
        "due date 'after the summer' not understood",
    )


# --- delegated actions --------------------------------------------------------------------


def _appraisal(done_on=None):
    return ConditionState(APPRAISAL, done_on=done_on, due=D(2025, 6, 30), start=D(2025, 4, 1))


CONDITION = "following completion of a full procurement options appraisal"


def test_action_waits_for_its_condition_milestone():
    action = ActionState(condition=CONDITION, conditions=(_appraisal(),))
    assert action_status(action, D(2025, 3, 20)) == (
        ActionStatus.awaiting_condition,
        "waits for milestone 'Procurement options appraisal' (planned, due 2025-06-30)",
    )
    assert action_status(action, D(2025, 7, 2)).why == (
        "waits for milestone 'Procurement options appraisal' (late, due 2025-06-30)"
    )


def test_action_ready_once_the_milestone_is_done():
    action = ActionState(condition=CONDITION, conditions=(_appraisal(D(2025, 6, 20)),))
    assert action_status(action, D(2025, 6, 19)).status == ActionStatus.awaiting_condition
    assert action_status(action, D(2025, 6, 20)) == (
        ActionStatus.ready,
        "condition met: 'Procurement options appraisal' done on 2025-06-20",
    )


def test_action_with_two_milestones_waits_for_both():
    market = ConditionState("Market testing questionnaire", done_on=D(2025, 5, 1), due=D(2025, 5, 31))
    action = ActionState(condition=CONDITION, conditions=(market, _appraisal()))
    status, why = action_status(action, D(2025, 6, 1))
    assert status == ActionStatus.awaiting_condition
    assert APPRAISAL in why and "Market testing" not in why


def test_action_without_a_condition_is_ready():
    assert action_status(ActionState(), D(2025, 1, 1)) == (
        ActionStatus.ready,
        "no condition: may be exercised now",
    )


def test_condition_with_no_linked_milestone_is_unmet_until_overridden():
    action = ActionState(condition=CONDITION)
    status, why = action_status(action, D(2025, 6, 1))
    assert status == ActionStatus.awaiting_condition
    assert "no milestone linked" in why
    overridden = ActionState(condition=CONDITION, override=Override("appraisal reported to Cabinet", "Sam Patel"))
    assert action_status(overridden, D(2025, 6, 1)) == (
        ActionStatus.ready,
        "condition overridden by Sam Patel: appraisal reported to Cabinet",
    )
    assert condition_unmet(overridden, D(2025, 6, 1)) is None


def test_override_dated_later_does_not_count_yet():
    action = ActionState(condition=CONDITION, override=Override("done", "Sam Patel", on=D(2025, 6, 10)))
    assert action_status(action, D(2025, 6, 1)).status == ActionStatus.awaiting_condition
    assert action_status(action, D(2025, 6, 10)).status == ActionStatus.ready


@pytest.mark.parametrize(
    "state, expected",
    [
        (RecordState.drafted, ActionStatus.record_drafted),
        ("consultation confirmed", ActionStatus.record_drafted),
        (RecordState.signed, ActionStatus.signed),
        ("published", ActionStatus.published),
        (RecordState.withdrawn, ActionStatus.ready),
    ],
)
def test_action_follows_its_decision_record(state, expected):
    action = ActionState(conditions=(_appraisal(D(2025, 6, 20)),), condition=CONDITION, record_state=state)
    assert action_status(action, D(2025, 7, 1)).status == expected


def test_draft_record_with_condition_unmet_says_so():
    action = ActionState(condition=CONDITION, conditions=(_appraisal(),), record_state="drafted", record_on=D(2025, 6, 1))
    assert action_status(action, D(2025, 6, 2)) == (
        ActionStatus.record_drafted,
        "decision record drafted on 2025-06-01; condition not yet met: waits for milestone "
        "'Procurement options appraisal' (in progress, due 2025-06-30)",
    )


def test_withdrawn_record_is_mentioned():
    action = ActionState(record_state=RecordState.withdrawn)
    assert "withdrawn" in action_status(action, D(2025, 7, 1)).why


def test_authority_lapses_at_expiry_without_a_signed_record():
    action = ActionState(expires_on=D(2026, 3, 31), record_state="drafted")
    assert action_status(action, D(2026, 3, 31)).status == ActionStatus.record_drafted
    assert action_status(action, D(2026, 4, 1)) == (
        ActionStatus.lapsed,
        "authority expired on 2026-03-31 without a signed decision record (a draft record exists)",
    )
    signed = ActionState(expires_on=D(2026, 3, 31), record_state="signed", record_on=D(2026, 3, 30))
    assert action_status(signed, D(2026, 6, 1)).status == ActionStatus.signed


def test_rescinded_resolution_lapses_the_action():
    action = ActionState(record_state="drafted", rescinded_on=D(2025, 9, 1))
    assert action_status(action, D(2025, 8, 31)).status == ActionStatus.record_drafted
    assert action_status(action, D(2025, 9, 1)) == (
        ActionStatus.lapsed,
        "the resolution was rescinded on 2025-09-01 (a draft record exists)",
    )
    assert action_status(ActionState(rescinded=True), D(2025, 1, 1)).status == ActionStatus.lapsed


def test_decision_taken_before_rescission_or_expiry_stands():
    signed = ActionState(record_state="signed", record_on=D(2025, 8, 1), rescinded_on=D(2025, 9, 1))
    assert action_status(signed, D(2025, 10, 1)) == (
        ActionStatus.signed,
        "decision record signed on 2025-08-01, not yet published; the resolution was later rescinded",
    )
    too_late = ActionState(record_state="signed", record_on=D(2025, 9, 5), rescinded_on=D(2025, 9, 1))
    assert action_status(too_late, D(2025, 10, 1)).status == ActionStatus.lapsed
    after_expiry = ActionState(record_state="published", record_on=D(2026, 4, 2), expires_on=D(2026, 3, 31))
    assert action_status(after_expiry, D(2026, 4, 3)).status == ActionStatus.lapsed


def test_unknown_record_state_is_ignored_and_said():
    status, why = action_status(ActionState(record_state="draft"), D(2025, 1, 1))
    assert status == ActionStatus.ready
    assert why.endswith("unknown record state 'draft' ignored")


def test_record_state_reached_after_the_as_of_date_does_not_count():
    action = ActionState(record_state="published", record_on=D(2025, 8, 1))
    assert action_status(action, D(2025, 7, 1)).status == ActionStatus.ready


# --- statutory windows ----------------------------------------------------------------------


def test_record_publication_window():
    decided = D(2025, 12, 19)  # Friday before Christmas: 22, 23, 24, 29, 30
    on_time = record_publication_window(decided, None, D(2025, 12, 30), 5)
    assert (on_time.due, on_time.late, on_time.passed) == (D(2025, 12, 30), False, False)
    missed = record_publication_window(decided, None, D(2026, 1, 2), 5)
    assert missed.late and missed.why == "record not published: deadline 2025-12-30 passed 3 days ago"
    late = record_publication_window(decided, D(2026, 1, 5), D(2026, 2, 1), 5)
    assert late.late and late.done_on == D(2026, 1, 5)
    assert late.why.endswith("(3 working days late)")  # 31 Dec, 2 Jan, 5 Jan
    met = record_publication_window(decided, D(2025, 12, 23), D(2026, 2, 1), 5)
    assert not met.late and met.passed


def test_call_in_window_never_late_and_gives_effective_date():
    w = call_in_window(D(2025, 12, 18), D(2025, 12, 22), 5)
    assert (w.due, w.effective_from, w.late, w.passed) == (D(2025, 12, 29), D(2025, 12, 30), False, False)
    assert "until 2025-12-29" in w.why
    closed = call_in_window(D(2025, 12, 18), D(2025, 12, 30), 5)
    assert closed.passed and not closed.late


def test_key_decision_notice_window():
    w = key_decision_notice_window(D(2025, 5, 29), None, D(2025, 4, 30), 28)
    assert w.due == D(2025, 4, 30) and not w.late
    assert key_decision_notice_window(D(2025, 5, 29), None, D(2025, 5, 1), 28).late
    assert key_decision_notice_window(D(2025, 5, 29), D(2025, 5, 2), D(2025, 6, 1), 28).late
    assert not key_decision_notice_window(D(2025, 5, 29), D(2025, 4, 29), D(2025, 6, 1), 28).late


def test_statutory_windows_use_the_project_config():
    statutory = load_config(PROJECT_ROOT / "config.yaml").statutory
    windows = statutory_windows(
        statutory, D(2025, 12, 22), decision_on=D(2025, 12, 15), record_published_on=D(2025, 12, 18), key_decision=True,
        notice_published_on=D(2025, 11, 1),
    )
    by_name = {w.name: w for w in windows}
    assert set(by_name) == {"record publication", "call-in", "key decision notice"}
    assert by_name["record publication"].due == D(2025, 12, 22) and not by_name["record publication"].late
    assert by_name["call-in"].due == D(2025, 12, 29)
    assert by_name["key decision notice"].due == D(2025, 11, 16) and not by_name["key decision notice"].late


def test_statutory_windows_follow_the_configured_periods():
    custom = Statutory(record_publication_working_days=2, call_in_working_days=10, key_decision_notice_clear_days=5)
    windows = statutory_windows(custom, D(2025, 3, 3), decision_on=D(2025, 3, 3))
    assert [w.name for w in windows] == ["record publication"]
    assert windows[0].due == D(2025, 3, 5)


# --- building inputs from the register's own objects -----------------------------------------


def test_inputs_from_domain_objects():
    from govbot.domain import Delegation, Milestone, Obligation

    appraisal = Milestone(name=APPRAISAL, start=D(2025, 4, 1), end=D(2025, 6, 30))
    delegation = Delegation(delegates=["Director of Children's Services"], power="award", condition=CONDITION)
    action = ActionState.of(delegation, [appraisal])
    assert action_status(action, D(2025, 5, 1)) == (
        ActionStatus.awaiting_condition,
        "waits for milestone 'Procurement options appraisal' (in progress, due 2025-06-30)",
    )
    ob = ObligationState.of(Obligation(kind="impact_assessment", text="An Impact Assessment", due="2026-01"))
    assert obligation_status(ob, D(2026, 11, 25)).status == ObligationStatus.overdue
    assert MilestoneState.of(appraisal).status(D(2025, 7, 1)).status == MilestoneStatus.late


def test_override_without_a_reason_does_not_meet_the_condition():
    action = ActionState(condition=CONDITION, override=Override("  ", "Sam Patel"))
    assert action_status(action, D(2025, 6, 1)).status == ActionStatus.awaiting_condition


def test_done_by_is_named():
    ob = ObligationState(done_on=D(2025, 9, 1), done_by="Alex Morgan", evidence="EqIA v2")
    assert obligation_status(ob, D(2025, 9, 2)).why == "done on 2025-09-01 by Alex Morgan: EqIA v2"
