"""Statuses and deadlines as of a date: working days, statutory windows, status rules.

Pure logic, no I/O: the store, records, reminders and front ends call these.
"""
from govbot.tracker.calendar import (
    add_working_days,
    call_in_expires,
    clear_days_before,
    effective_from,
    is_working_day,
    lead_dates,
    london_at,
    london_today,
    parse_due,
    record_due,
    working_days_between,
)
from govbot.tracker.status import (
    ActionState,
    ConditionState,
    MilestoneState,
    ObligationState,
    Override,
    Verdict,
    Window,
    action_status,
    condition_unmet,
    milestone_status,
    obligation_status,
    statutory_windows,
)

__all__ = [
    "ActionState",
    "ConditionState",
    "MilestoneState",
    "ObligationState",
    "Override",
    "Verdict",
    "Window",
    "action_status",
    "condition_unmet",
    "add_working_days",
    "call_in_expires",
    "clear_days_before",
    "effective_from",
    "is_working_day",
    "lead_dates",
    "london_at",
    "london_today",
    "parse_due",
    "milestone_status",
    "obligation_status",
    "record_due",
    "statutory_windows",
    "working_days_between",
]
