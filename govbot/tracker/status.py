"""Status rules, as of a date: milestones, obligations, delegated actions, statutory windows.

Data in, data out. Each rule takes small frozen dataclasses (or plain values) and `today`,
and returns a `Verdict(status, why)`: the status word from `govbot.domain` and a plain
English reason the Slack app and the reminders show ("waits for milestone 'Procurement
options appraisal' (planned, due 2025-06-30)"). A Verdict unpacks like a tuple:
`status, why = obligation_status(ob, today)`.

"As of" is honoured throughout: something done, waived, signed or rescinded after
`today` does not count yet, so a register can be replayed for any past date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple, Optional, Union

from govbot.domain import ActionStatus, MilestoneStatus, ObligationStatus, RecordState
from govbot.tracker.calendar import (
    call_in_expires,
    clear_days_before,
    describe_due,
    effective_from,
    parse_due,
    record_due,
    working_days_between,
)

Date = dt.date
DueText = Union[str, dt.date, None]


class Verdict(NamedTuple):
    """A status and the reason for it, in words a director would understand."""

    status: str  # one of the domain's status enums (they are str subclasses)
    why: str


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _happened(on: Optional[Date], today: Date) -> bool:
    return on is not None and on <= today


# --- milestones ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MilestoneState:
    """One Appendix A milestone: `end` is its due date; `done_on` when it was completed."""

    name: str
    start: Optional[Date] = None
    end: Optional[Date] = None
    done_on: Optional[Date] = None

    def status(self, today: Date) -> Verdict:
        return milestone_status(self.start, self.end, self.done_on, today)

    @classmethod
    def of(cls, row) -> "MilestoneState":
        """From anything with name, start, end (and done_on): a stored row, a domain Milestone."""
        return cls(row.name, row.start, row.end, getattr(row, "done_on", None))


def milestone_status(
    start: Optional[Date], end: Optional[Date], done_on: Optional[Date], today: Date
) -> Verdict:
    """A milestone is done once completed (on or before today); late when its end date
    has passed without that; in progress from its start date; planned before then, or
    when it has no dates at all."""
    if _happened(done_on, today):
        return Verdict(MilestoneStatus.done, f"done on {done_on.isoformat()}")
    if end is not None and today > end:
        return Verdict(
            MilestoneStatus.late,
            f"due {end.isoformat()}, not done: {_days((today - end).days)} late",
        )
    if start is not None and today >= start:
        left = "due today" if end == today else f"{_days((end - today).days)} left" if end else ""
        due = f", due {end.isoformat()} ({left})" if end else ""
        return Verdict(MilestoneStatus.in_progress, f"started {start.isoformat()}{due}")
    parts = []
    if start is not None:
        parts.append(f"starts {start.isoformat()}")
    if end is not None:
        parts.append(f"due {end.isoformat()}")
    return Verdict(MilestoneStatus.planned, ", ".join(parts) or "no dates set")


# --- obligations --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObligationState:
    """An obligation as stored. `due` is an ISO date, "YYYY-MM" (by the end of that
    month), a date, or None; with no due of its own it falls due with its `milestone`."""

    due: DueText = None
    done_on: Optional[Date] = None
    evidence: Optional[str] = None
    waived_on: Optional[Date] = None
    waived_reason: Optional[str] = None
    waived_by: Optional[str] = None
    milestone: Optional[MilestoneState] = None
    done_by: Optional[str] = None

    @classmethod
    def of(cls, row, milestone: Optional[MilestoneState] = None) -> "ObligationState":
        """From anything with the obligation's fields (a stored row, a domain Obligation);
        missing fields count as not done, not waived."""
        get = lambda name: getattr(row, name, None)  # noqa: E731
        return cls(get("due"), get("done_on"), get("evidence"), get("waived_on"),
                   get("waived_reason"), get("waived_by"), milestone, get("done_by"))


def obligation_due(ob: ObligationState) -> tuple[Optional[Date], str]:
    """The date an obligation falls due and how to say it; (None, reason) when it has none
    or its due text cannot be read."""
    try:
        date, _ = parse_due(ob.due)
    except ValueError:
        return None, f"due date {ob.due!r} not understood"
    if date is not None:
        return date, describe_due(ob.due)
    if ob.milestone is not None and ob.milestone.end is not None:
        end = ob.milestone.end
        return end, f"{end.isoformat()} (with milestone {ob.milestone.name!r})"
    return None, "no due date"


def obligation_status(ob: ObligationState, today: Date, due_soon_days: int = 14) -> Verdict:
    """Done once marked done with evidence; waived once waived with a reason and by whom;
    otherwise overdue after its due date, due soon within `due_soon_days` of it (the
    due day included), and open before that or when it has no due date (such an
    obligation is never overdue). A month-only due ("2026-01") means the month's end."""
    caveat = ""
    if _happened(ob.done_on, today):
        if ob.evidence and ob.evidence.strip():
            by = f" by {ob.done_by}" if ob.done_by else ""
            return Verdict(ObligationStatus.done, f"done on {ob.done_on.isoformat()}{by}: {ob.evidence.strip()}")
        caveat = f"; marked done on {ob.done_on.isoformat()} without evidence"
    if ob.waived_on is None or ob.waived_on <= today:
        if ob.waived_reason and ob.waived_reason.strip() and ob.waived_by:
            on = f" on {ob.waived_on.isoformat()}" if ob.waived_on else ""
            return Verdict(ObligationStatus.waived, f"waived by {ob.waived_by}{on}: {ob.waived_reason.strip()}")
        if ob.waived_reason or ob.waived_by:
            caveat += "; waiver lacks a reason or who waived it"
    due, said = obligation_due(ob)
    if due is None:
        return Verdict(ObligationStatus.open, said + caveat)
    left = (due - today).days
    if left < 0:
        return Verdict(ObligationStatus.overdue, f"due {said}: {_days(-left)} overdue{caveat}")
    if left <= due_soon_days:
        when = "today" if left == 0 else f"in {_days(left)}"
        return Verdict(ObligationStatus.due_soon, f"due {said}, {when}{caveat}")
    return Verdict(ObligationStatus.open, f"due {said}{caveat}")


# --- delegated actions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConditionState:
    """A milestone a delegation's condition waits for ("following completion of a full
    procurement options appraisal" -> 'Procurement options appraisal'). `due` is the
    milestone's end date. `milestone_name` None means the condition is linked to no
    milestone, which leaves it unmet until an override is recorded."""

    milestone_name: Optional[str]
    done_on: Optional[Date] = None
    due: Optional[Date] = None
    start: Optional[Date] = None

    @classmethod
    def of(cls, milestone) -> "ConditionState":
        """From a linked milestone (anything with name, start, end and done_on)."""
        return cls(milestone.name, getattr(milestone, "done_on", None), milestone.end, milestone.start)


@dataclass(frozen=True, slots=True)
class Override:
    """A governance officer's record that a condition is met, with reason and who."""

    reason: str
    by: str
    on: Optional[Date] = None


@dataclass(frozen=True, slots=True)
class ActionState:
    """A delegated action: the delegation's condition (its text; None when it has none),
    the milestones linked to it, any override, the state of its decision record, an
    optional expiry of the authority and whether the resolution was rescinded."""

    condition: Optional[str] = None
    conditions: tuple[ConditionState, ...] = ()
    override: Optional[Override] = None
    record_state: Union[RecordState, str, None] = None
    record_on: Optional[Date] = None  # when the record reached that state
    expires_on: Optional[Date] = None
    rescinded_on: Optional[Date] = None
    rescinded: bool = False  # rescinded, date unknown

    @classmethod
    def of(cls, row, milestones=()) -> "ActionState":
        """From a stored delegation (condition, record_state, record_on, expires_on,
        rescinded_on, override_reason/by/on) and the milestones linked to its condition."""
        get = lambda name: getattr(row, name, None)  # noqa: E731
        override = None
        if get("override_reason"):
            override = Override(get("override_reason"), get("override_by") or "unknown", get("override_on"))
        return cls(
            condition=get("condition"),
            conditions=tuple(ConditionState.of(m) for m in milestones),
            override=override,
            record_state=get("record_state"),
            record_on=get("record_on"),
            expires_on=get("expires_on"),
            rescinded_on=get("rescinded_on"),
        )


def condition_unmet(action: ActionState, today: Date) -> Optional[str]:
    """None when the delegation may be exercised as far as its condition goes; else why not.

    Met when the delegation has no condition, when an override with a reason is recorded
    (on or before today), or when every linked milestone is done. A condition linked to
    no milestone is unmet until overridden."""
    if action.condition is None and not action.conditions:
        return None
    if _overridden(action, today):
        return None
    if not action.conditions or any(c.milestone_name is None for c in action.conditions):
        text = f" {action.condition!r}" if action.condition else ""
        return f"waits for condition{text}: no milestone linked (link one, or record an override)"
    waits = []
    for c in action.conditions:
        if _happened(c.done_on, today):
            continue
        status, _ = milestone_status(c.start, c.due, c.done_on, today)
        due = f", due {c.due.isoformat()}" if c.due else ""
        waits.append(f"milestone {c.milestone_name!r} ({status}{due})")
    return "waits for " + " and ".join(waits) if waits else None


def _overridden(action: ActionState, today: Date) -> bool:
    o = action.override
    return o is not None and bool(o.reason and o.reason.strip()) and _happened(o.on or today, today)


def _condition_met_why(action: ActionState, today: Date) -> str:
    if action.condition is None and not action.conditions:
        return "no condition: may be exercised now"
    if _overridden(action, today):
        o = action.override
        on = f" on {o.on.isoformat()}" if o.on else ""
        return f"condition overridden by {o.by}{on}: {o.reason.strip()}"
    done = ", ".join(f"{c.milestone_name!r} done on {c.done_on.isoformat()}" for c in action.conditions)
    return f"condition met: {done}"


_RECORD_STATES = {state.value: state for state in RecordState}


def _record_state(action: ActionState, today: Date) -> tuple[Optional[RecordState], str]:
    """The record's state as of today, and a note when the stored state is not one govbot knows."""
    value = action.record_state
    if value is None or (action.record_on is not None and action.record_on > today):
        return None, ""  # no record, or not yet as of today (earlier states are not known here)
    state = _RECORD_STATES.get(str(value))
    return (state, "") if state else (None, f"; unknown record state {str(value)!r} ignored")


def _lapsed(action: ActionState, today: Date, acted: bool) -> Optional[str]:
    """Why the authority has lapsed as of today, or None. A record signed before the
    resolution was rescinded or the authority expired stands: the decision was taken."""
    signed_on = action.record_on
    rescinded = action.rescinded or _happened(action.rescinded_on, today)
    if rescinded and not (acted and (signed_on is None or action.rescinded_on is None or signed_on <= action.rescinded_on)):
        on = f" on {action.rescinded_on.isoformat()}" if action.rescinded_on else ""
        return f"the resolution was rescinded{on}"
    expires = action.expires_on
    if expires is not None and today > expires and not (acted and (signed_on is None or signed_on <= expires)):
        return f"authority expired on {expires.isoformat()} without a signed decision record"
    return None


def action_status(action: ActionState, today: Date) -> Verdict:
    """Lapsed when the resolution was rescinded, or the authority's expiry date passed,
    before a decision record was signed. Otherwise the decision record decides: published,
    signed, or record drafted (drafted or consultation confirmed; a withdrawn record counts
    as none). With no record: awaiting condition while the condition is unmet (see
    `condition_unmet`), else ready."""
    record, note = _record_state(action, today)
    acted = record in (RecordState.signed, RecordState.published)
    drafted = record in (RecordState.drafted, RecordState.consultation_confirmed)
    lapsed = _lapsed(action, today, acted)
    if lapsed:
        return Verdict(ActionStatus.lapsed, lapsed + (" (a draft record exists)" if drafted else "") + note)
    on = f" on {action.record_on.isoformat()}" if action.record_on else ""
    later = ""
    if acted and (action.rescinded or _happened(action.rescinded_on, today)):
        later = "; the resolution was later rescinded"
    if record is RecordState.published:
        return Verdict(ActionStatus.published, f"decision record published{on}{later}")
    if record is RecordState.signed:
        return Verdict(ActionStatus.signed, f"decision record signed{on}, not yet published{later}")
    unmet = condition_unmet(action, today)
    if drafted:
        step = "consultation confirmed" if record is RecordState.consultation_confirmed else "drafted"
        still = f"; condition not yet met: {unmet}" if unmet else ""
        return Verdict(ActionStatus.record_drafted, f"decision record {step}{on}{still}")
    if record is RecordState.withdrawn:
        note = "; the earlier record was withdrawn"
    if unmet:
        return Verdict(ActionStatus.awaiting_condition, unmet + note)
    return Verdict(ActionStatus.ready, _condition_met_why(action, today) + note)


# --- statutory windows ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """A statutory deadline as of a date: `due` is the last day; `done_on` when it was met
    (None if not yet); `late` whether it was missed or is being missed; `passed` whether
    `due` is behind us. For call-in, `effective_from` is when the decision takes effect."""

    name: str
    due: Date
    done_on: Optional[Date]
    late: bool
    passed: bool
    why: str
    effective_from: Optional[Date] = None


def _window(name: str, due: Date, done_on: Optional[Date], today: Date, thing: str) -> Window:
    """A publish-by deadline: met, missed, or still to meet (`thing` is "record", "notice")."""
    done = done_on if _happened(done_on, today) else None
    if done is not None:
        late = done > due
        if late:
            why = f"{thing} published {done.isoformat()}, {_days((done - due).days)} after the deadline {due.isoformat()}"
        else:
            why = f"{thing} published {done.isoformat()} (deadline {due.isoformat()})"
    else:
        late = today > due
        if late:
            why = f"{thing} not published: deadline {due.isoformat()} passed {_days((today - due).days)} ago"
        else:
            why = f"{thing} to be published by {due.isoformat()} ({_days((due - today).days)} left)"
    return Window(name, due, done, late, today > due, why)


def record_publication_window(
    decision_on: Date, published_on: Optional[Date], today: Date, working_days: int = 5
) -> Window:
    """The decision record is due "as soon as reasonably practicable", which the council
    sets as `working_days` working days after the decision; late if not published by then."""
    w = _window("record publication", record_due(decision_on, working_days), published_on, today, "record")
    if w.late and w.done_on is not None:
        extra = working_days_between(w.due, w.done_on)
        return Window(w.name, w.due, w.done_on, True, w.passed, f"{w.why} ({extra} working days late)")
    return w


def call_in_window(published_on: Date, today: Date, working_days: int = 5) -> Window:
    """The call-in period runs for `working_days` working days after the decision is
    published; the decision takes effect the working day after. Never "late": `passed`
    says whether it has closed."""
    expires = call_in_expires(published_on, working_days)
    effective = effective_from(published_on, working_days)
    if today > expires:
        why = f"call-in period closed {expires.isoformat()}; effective from {effective.isoformat()}"
    else:
        left = working_days_between(today, expires)
        why = (
            f"open for call-in until {expires.isoformat()} ({left} working days after today); "
            f"effective from {effective.isoformat()} unless called in"
        )
    return Window("call-in", expires, None, False, today > expires, why, effective)


def key_decision_notice_window(
    decision_on: Date, notice_published_on: Optional[Date], today: Date, clear_days: int = 28
) -> Window:
    """A key decision needs notice published at least `clear_days` clear days before it is
    taken (neither the notice day nor the decision day counts); late if not given by then."""
    due = clear_days_before(decision_on, clear_days)
    return _window("key decision notice", due, notice_published_on, today, "notice")


def statutory_windows(
    statutory,
    today: Date,
    *,
    decision_on: Date,
    record_published_on: Optional[Date] = None,
    key_decision: bool = False,
    notice_published_on: Optional[Date] = None,
) -> list[Window]:
    """Every statutory window that applies to one decision, with the periods from
    `config.statutory` (a `govbot.config.Statutory`): record publication always; the
    call-in period once the record is published; the key decision notice for key decisions."""
    windows = [
        record_publication_window(
            decision_on, record_published_on, today, statutory.record_publication_working_days
        )
    ]
    if _happened(record_published_on, today):
        windows.append(call_in_window(record_published_on, today, statutory.call_in_working_days))
    if key_decision:
        windows.append(
            key_decision_notice_window(
                decision_on, notice_published_on, today, statutory.key_decision_notice_clear_days
            )
        )
    return windows
