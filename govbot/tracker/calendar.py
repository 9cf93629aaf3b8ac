"""Working days in England and Wales, and the council's clock.

Bank holidays come from the `holidays` package (England; Wales keeps the same dates),
read once per year and cached. Everything here is pure: dates in, dates out; `today`
is always a parameter and "now" is converted to the council's date by `london_today`.

Counting conventions (the ones councils' constitutions use):
- "N working days after D" is the Nth Monday-to-Friday, non-bank-holiday day after D;
  D itself never counts, whether or not it is a working day.
- "N clear days" exclude both the day of the notice and the day of the event.
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=None)
def bank_holidays(year: int) -> dict[dt.date, str]:
    """England and Wales bank holidays of one year, substitute days included, by date."""
    return dict(holidays.UK(subdiv="ENG", years=year).items())


def bank_holiday_name(d: dt.date) -> str | None:
    """The bank holiday's name ("Easter Monday", "Boxing Day (observed)"), or None."""
    return bank_holidays(d.year).get(d)


def is_working_day(d: dt.date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return d.weekday() < 5 and d not in bank_holidays(d.year)


@lru_cache(maxsize=65536)  # registers share decision dates: most calls repeat
def add_working_days(d: dt.date, n: int) -> dt.date:
    """The Nth working day after `d` (before it when n is negative); n=0 gives `d` itself.

    `d` never counts towards N, so a decision published on a Friday with n=1 gives the
    following Monday (or Tuesday after a bank holiday Monday).
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d):
            remaining -= 1
    return d


def next_working_day(d: dt.date) -> dt.date:
    """`d` if it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += _ONE_DAY
    return d


def working_days_between(a: dt.date, b: dt.date) -> int:
    """How many working days lie after `a` up to and including `b` (negative if b < a).

    The inverse of `add_working_days`: working_days_between(d, add_working_days(d, n)) == n.
    Counted arithmetically, so a span of years costs no more than a span of days.
    """
    if b < a:
        return -working_days_between(b, a)
    start = a + _ONE_DAY  # a itself never counts
    days = (b - start).days + 1
    if days <= 0:
        return 0
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    weekday = start.weekday()
    for i in range(rest):
        if (weekday + i) % 7 < 5:
            count += 1
    for year in range(start.year, b.year + 1):
        count -= sum(1 for h in bank_holidays(year) if start <= h <= b and h.weekday() < 5)
    return count


def clear_days_between(notice_on: dt.date, event_on: dt.date) -> int:
    """Clear days between a notice and an event: neither the notice day nor the event day counts."""
    return max((event_on - notice_on).days - 1, 0)


def clear_days_before(event_on: dt.date, n: int, *, working: bool = False) -> dt.date:
    """The last day notice can be given and still leave N clear days before `event_on`.

    "28 clear days' notice" of a decision on 29 May means notice by 30 April: the days
    1 to 28 May are clear; neither 30 April's notice day nor the 29th counts. With
    `working=True` only working days count as clear days (as some constitutions read
    "5 clear working days") and the answer is the last working day that leaves N.
    """
    if not working:
        return event_on - dt.timedelta(days=n + 1)
    return add_working_days(event_on, -(n + 1)) if n >= 0 else event_on


def call_in_expires(decision_published_on: dt.date, n: int) -> dt.date:
    """The last day of the call-in period: the Nth working day after publication.

    A decision not called in by the end of that day takes effect (see `effective_from`).
    """
    return add_working_days(decision_published_on, n)


def effective_from(decision_published_on: dt.date, n: int) -> dt.date:
    """The day a decision subject to an N-working-day call-in may first be implemented:
    the working day after the call-in period expires."""
    return add_working_days(call_in_expires(decision_published_on, n), 1)


def previous_working_day(d: dt.date) -> dt.date:
    """`d` if it is a working day, else the last working day before it."""
    while not is_working_day(d):
        d -= _ONE_DAY
    return d


def lead_dates(due: dt.date, lead_days: list[int]) -> dict[int, dt.date]:
    """When to remind ahead of `due`, for each lead time in calendar days: the day that
    many days before, moved back to a working day so a reminder is never sent late."""
    return {lead: previous_working_day(due - dt.timedelta(days=lead)) for lead in lead_days}


def record_due(decision_on: dt.date, n: int) -> dt.date:
    """When a decision record is due: publication "as soon as reasonably practicable",
    which the council sets as N working days after the decision."""
    return add_working_days(decision_on, n)


# --- due dates written as text ------------------------------------------------------------


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def parse_due(due: str | dt.date | None) -> tuple[dt.date | None, bool]:
    """A due date as stored ("2026-01-15", "2026-01", a date, None) -> (date, month_only).

    A month-only due means "by the end of that month". Raises ValueError for text that
    is neither (callers turn that into a reason, not a crash).
    """
    if due is None or due == "":
        return None, False
    if isinstance(due, dt.datetime):
        return due.date(), False
    if isinstance(due, dt.date):
        return due, False
    text = str(due).strip()
    if len(text) == 7 and text[4] == "-":
        year, month = int(text[:4]), int(text[5:])
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {due!r}")
        return end_of_month(year, month), True
    return dt.date.fromisoformat(text[:10]), False


def describe_due(due: str | dt.date | None) -> str:
    """Due date as people read it: "2026-01-15", "January 2026 (by 2026-01-31)", "no due date"."""
    try:
        date, month_only = parse_due(due)
    except ValueError:
        return f"due date {due!r} not understood"
    if date is None:
        return "no due date"
    if month_only:
        return f"{date:%B %Y} (by {date.isoformat()})"
    return date.isoformat()


# --- the council's clock -------------------------------------------------------------------


def _as_utc(moment: dt.datetime) -> dt.datetime:
    # A naive datetime is taken as UTC: govbot stores UTC everywhere.
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def london_today(now_utc: dt.datetime) -> dt.date:
    """The date in Europe/London at this instant (00:30 UTC on a summer night is already
    the next day in London)."""
    return _as_utc(now_utc).astimezone(LONDON).date()


def london_time(moment_utc: dt.datetime) -> dt.datetime:
    """A stored UTC instant as a Europe/London wall-clock time (for display)."""
    return _as_utc(moment_utc).astimezone(LONDON)


def london_at(day: dt.date, at: dt.time | str) -> dt.datetime:
    """The UTC instant of a London wall-clock time on `day` ("08:30" on a BST day is 07:30Z).

    A time skipped by the spring clock change is moved forward by the gap; an ambiguous
    autumn time takes the first (BST) occurrence.
    """
    if isinstance(at, str):
        at = dt.time.fromisoformat(at)
    local = dt.datetime.combine(day, at).replace(tzinfo=LONDON)
    # Round-trip through UTC normalises a non-existent spring-forward time.
    return local.astimezone(dt.timezone.utc)
