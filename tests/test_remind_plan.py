"""Reminder planning, pure: digests on working days at each person's London time, lead
times before deadlines, escalation to the monitoring officer, the weekly summary, and
whether a reminder that fell due while govbot was down is still worth sending."""
from __future__ import annotations

import datetime as dt

from govbot.config import ReminderPolicy
from govbot.reminders.message import MARK_DONE, Entry, Message, email_html, email_text, slack_blocks
from govbot.reminders.plan import Recipient, Snapshot, Subject, plan_day, plan_window, skip_reason
from govbot.tracker.calendar import london_at

POLICY = ReminderPolicy(digest_time="08:30", lead_days=[14, 7, 1], escalate_overdue_days=7,
                        weekly_summary={"day": "mon", "time": "09:00"})
DIRECTOR = Recipient("Alex Morgan", "U0DIR", "alex@example.gov.uk", ("slack", "email"), "07:45")
OFFICER = Recipient("Sam Patel", "U0MO", "sam@example.gov.uk", ("slack",), "08:30")


def obligation(due: dt.date | None, status="open", open_=True, ref="OB1") -> Subject:
    entry = Entry(ref, "An Equality Impact Assessment be completed", "Resolution (d): that … be agreed; milestone 'Service specification'",
                  due.isoformat() if due else None, status, f"due {due}", "Cabinet, 12 Mar 2025, minute 41 (CS/25/07)",
                  MARK_DONE, ref)
    return Subject(f"obligation:{ref}", "obligation", entry, due, open_, ("Alex Morgan",))


def snap(today: dt.date, *subjects: Subject) -> Snapshot:
    return Snapshot(today, subjects, {r.name: r for r in (DIRECTOR, OFFICER)}, "Sam Patel", "#governance")


def kinds(planned) -> set:
    return {(p.person, p.kind, p.lead, p.channel) for p in planned}


def test_digest_goes_on_working_days_at_each_persons_london_time():
    due = dt.date(2026, 1, 30)
    subject = obligation(due, "due soon")
    tuesday = dt.date(2025, 12, 23)
    planned = plan_day(POLICY, snap(tuesday, subject), tuesday)
    digests = [p for p in planned if p.kind == "digest"]
    assert {(p.person, p.channel, p.address) for p in digests} == {
        ("Alex Morgan", "slack", "U0DIR"), ("Alex Morgan", "email", "alex@example.gov.uk")}
    assert all(p.due_at == dt.datetime(2025, 12, 23, 7, 45, tzinfo=dt.timezone.utc) for p in digests)  # GMT
    # Christmas Day, Boxing Day and a Saturday: no digest.
    for holiday in (dt.date(2025, 12, 25), dt.date(2025, 12, 26), dt.date(2025, 12, 27)):
        assert not [p for p in plan_day(POLICY, snap(holiday, subject), holiday) if p.kind == "digest"]


def test_digest_time_follows_british_summer_time():
    day = dt.date(2026, 6, 10)
    planned = plan_day(POLICY, snap(day, obligation(dt.date(2026, 6, 20), "due soon")), day)
    assert {p.due_at for p in planned if p.kind == "digest"} == {dt.datetime(2026, 6, 10, 6, 45, tzinfo=dt.timezone.utc)}


def test_nothing_to_report_means_no_digest():
    day = dt.date(2026, 6, 10)
    far = obligation(dt.date(2026, 12, 1), "open")  # open, months away: not digest material
    assert not [p for p in plan_day(POLICY, snap(day, far), day) if p.kind == "digest"]


def test_lead_reminders_fall_on_working_days_before_the_deadline():
    due = dt.date(2026, 3, 16)  # a Monday: 14 days before is Mon 2 Mar, 7 before Mon 9, 1 before Sun 15 -> Fri 13
    subject = obligation(due, "due soon")
    found = {}
    for day in plan_days(dt.date(2026, 2, 25), due):
        for p in plan_day(POLICY, snap(day, subject), day, digests=False):
            if p.kind == "lead" and p.channel == "slack":
                found[p.lead] = day
    assert found == {14: dt.date(2026, 3, 2), 7: dt.date(2026, 3, 9), 1: dt.date(2026, 3, 13)}


def plan_days(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def test_done_things_get_no_reminders():
    due = dt.date(2026, 3, 16)
    done = obligation(due, "done", open_=False)
    planned = plan_day(POLICY, snap(dt.date(2026, 3, 2), done), dt.date(2026, 3, 2))
    # Only the weekly summary (saying nothing is outstanding) goes out.
    assert [(p.kind, p.message.intro) for p in planned] == [("weekly", "As of 2026-03-02: nothing outstanding.")]


def test_overdue_is_escalated_to_the_monitoring_officer_once():
    due = dt.date(2026, 3, 2)  # +7 days = Mon 9 Mar
    subject = obligation(due, "overdue")
    planned = [p for day in plan_days(due, due + dt.timedelta(days=20))
               for p in plan_day(POLICY, snap(day, subject), day, digests=False) if p.kind == "escalation"]
    assert [(p.person, p.deadline, p.lead, london_day(p)) for p in planned] == [("Sam Patel", due, -7, dt.date(2026, 3, 9))]
    assert "Alex Morgan" in planned[0].message.intro


def london_day(p):
    from govbot.tracker.calendar import london_today
    return london_today(p.due_at)


def test_weekly_summary_moves_past_a_bank_holiday_monday():
    easter_monday = dt.date(2026, 4, 6)
    subject = obligation(dt.date(2026, 4, 10), "due soon")
    weekly = [p for day in plan_days(easter_monday, easter_monday + dt.timedelta(days=6))
              for p in plan_day(POLICY, snap(day, subject), day) if p.kind == "weekly"]
    assert [(p.person, p.address, p.due_at) for p in weekly] == [
        ("#governance", "#governance", london_at(dt.date(2026, 4, 7), "09:00"))]


def test_a_missed_lead_reminder_is_sent_on_return_and_a_stale_digest_skipped():
    due = dt.date(2026, 3, 16)
    subject = obligation(due, "due soon")
    today = dt.date(2026, 3, 4)  # down since before Mon 2 Mar
    s = snap(today, subject)
    plan = plan_window(POLICY, s, today - dt.timedelta(days=7), today)
    current = {p.key: p for p in plan}
    lead14 = next(p for p in plan if p.kind == "lead" and p.lead == 14 and p.channel == "slack")
    assert skip_reason(lead14, current, s) is None
    old_digest = next(p for p in plan_day(POLICY, snap(dt.date(2026, 3, 2), subject), dt.date(2026, 3, 2)) if p.kind == "digest")
    assert "today's digest replaces it" in skip_reason(old_digest, current, s)


def test_missed_reminders_for_done_or_passed_deadlines_are_skipped_with_a_reason():
    due = dt.date(2026, 3, 16)
    lead = next(p for p in plan_day(POLICY, snap(dt.date(2026, 3, 13), obligation(due, "due soon")), dt.date(2026, 3, 13))
                if p.kind == "lead")
    done_since = snap(dt.date(2026, 3, 13), obligation(due, "done", open_=False))
    assert "no longer due: done" in skip_reason(lead, {}, done_since)
    after = snap(dt.date(2026, 3, 17), obligation(due, "overdue"))
    assert "has passed" in skip_reason(lead, {}, after)


def test_an_older_lead_reminder_gives_way_to_a_newer_one_due_at_the_same_time():
    due = dt.date(2026, 3, 16)
    subject = obligation(due, "due soon")
    today = dt.date(2026, 3, 10)
    s = snap(today, subject)
    plan = plan_window(POLICY, s, today - dt.timedelta(days=9), today)
    current = {p.key: p for p in plan}
    leads = [p for p in plan if p.kind == "lead" and p.channel == "slack"]
    assert sorted(p.lead for p in leads) == [7, 14]
    reasons = {p.lead: skip_reason(p, current, s, leads) for p in leads}
    assert reasons[7] is None and "superseded by the 7 days reminder" in reasons[14]


def test_messages_say_what_why_by_when_and_offer_the_next_step():
    entry = obligation(dt.date(2026, 3, 16), "due soon").entry
    hostile = Entry("OB9", "<!channel> report back & <https://evil.example|click>", "why", None, "open", "", "where")
    message = Message("Due in 7 days: OB1", "It is due.", (entry, hostile))
    blocks = slack_blocks(message)
    text = str(blocks)
    assert "Resolution (d)" in text and "16 Mar 2026" in text
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons] == [(MARK_DONE, "OB1", "Mark done")]
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    plain, html = email_text(message), email_html(message)
    assert "By: 16 Mar 2026" in plain and "Next step: Mark done (OB1)" in plain
    assert "&lt;!channel&gt;" in html and "<!channel>" not in html
    assert Message.from_json(message.to_json()) == message


def test_buttons_use_the_action_ids_the_slack_app_answers():
    from govbot.reminders.message import DRAFT_RECORD, PUBLISH_RECORD
    from govbot.slack import blocks

    assert (DRAFT_RECORD, MARK_DONE, PUBLISH_RECORD) == (blocks.DRAFT_RECORD, blocks.MARK_DONE, blocks.PUBLISH_RECORD)


def test_digest_time_across_the_autumn_clock_change():
    subject = obligation(dt.date(2025, 11, 5), "due soon")
    friday, monday = dt.date(2025, 10, 24), dt.date(2025, 10, 27)  # clocks go back on Sun 26 Oct
    times = {day: {p.due_at for p in plan_day(POLICY, snap(day, subject), day) if p.kind == "digest"}
             for day in (friday, monday)}
    assert times == {friday: {dt.datetime(2025, 10, 24, 6, 45, tzinfo=dt.timezone.utc)},
                     monday: {dt.datetime(2025, 10, 27, 7, 45, tzinfo=dt.timezone.utc)}}
