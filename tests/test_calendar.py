"""Working days in England and Wales: bank holidays, weekends, clear days, the London clock."""
from __future__ import annotations

import datetime as dt

import holidays
import pytest

from govbot.tracker.calendar import (
    add_working_days,
    bank_holiday_name,
    bank_holidays,
    call_in_expires,
    clear_days_before,
    clear_days_between,
    describe_due,
    effective_from,
    is_working_day,
    lead_dates,
    london_at,
    london_time,
    london_today,
    next_working_day,
    parse_due,
    record_due,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    "day, name",
    [
        (D(2025, 12, 25), "Christmas Day"),
        (D(2025, 12, 26), "Boxing Day"),
        (D(2025, 4, 18), "Good Friday"),
        (D(2025, 4, 21), "Easter Monday"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 4, 6), "Easter Monday"),
        (D(2026, 12, 28), "Boxing Day (observed)"),  # Boxing Day 2026 is a Saturday
        (D(2027, 12, 27), "Christmas Day (observed)"),  # both fall at a weekend in 2027
        (D(2027, 12, 28), "Boxing Day (observed)"),
        (D(2022, 1, 3), "New Year's Day (observed)"),
        (D(2022, 9, 19), "State Funeral of Queen Elizabeth II"),  # a one-off bank holiday
    ],
)
def test_bank_holidays_are_not_working_days(day, name):
    assert day.weekday() < 5
    assert bank_holiday_name(day) == name
    assert not is_working_day(day)


def test_ordinary_weekdays_work_and_weekends_do_not():
    assert is_working_day(D(2025, 12, 24))  # Christmas Eve is not a bank holiday
    assert is_working_day(D(2026, 4, 7))  # the Tuesday after Easter Monday
    assert not is_working_day(D(2025, 3, 15))  # Saturday
    assert not is_working_day(D(2025, 3, 16))  # Sunday


def test_wales_keeps_englands_bank_holidays():
    for year in (2025, 2026, 2027):
        assert set(bank_holidays(year)) == set(holidays.UK(subdiv="WLS", years=year))


@pytest.mark.parametrize(
    "start, n, expected",
    [
        (D(2025, 3, 14), 1, D(2025, 3, 17)),  # Friday -> Monday
        (D(2025, 3, 14), 5, D(2025, 3, 21)),  # a full week
        (D(2025, 3, 15), 1, D(2025, 3, 17)),  # from a Saturday: the day itself never counts
        (D(2025, 3, 14), 0, D(2025, 3, 14)),
        (D(2025, 12, 24), 1, D(2025, 12, 29)),  # over Christmas and Boxing Day
        (D(2025, 4, 17), 1, D(2025, 4, 22)),  # over Good Friday and Easter Monday 2025
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # over Easter 2026
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # over the Boxing Day substitute day
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # over two substitute days
        (D(2025, 3, 17), -1, D(2025, 3, 14)),  # backwards over a weekend
        (D(2025, 4, 22), -1, D(2025, 4, 17)),  # backwards over Easter
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def _brute_count(a: dt.date, b: dt.date) -> int:
    sign = 1 if b >= a else -1
    lo, hi = (a, b) if b >= a else (b, a)
    days = (lo + dt.timedelta(days=i) for i in range(1, (hi - lo).days + 1))
    return sign * sum(1 for d in days if is_working_day(d))


def test_working_days_between_matches_counting_day_by_day():
    starts = [D(2024, 12, 20) + dt.timedelta(days=i) for i in range(0, 800, 37)]
    spans = [0, 1, 2, 3, 6, 7, 8, 13, 40, 400, -1, -9, -30]
    for a in starts:
        for span in spans:
            b = a + dt.timedelta(days=span)
            assert working_days_between(a, b) == _brute_count(a, b), (a, b)


def test_working_days_between_is_the_inverse_of_add_working_days():
    for offset in range(0, 60):
        start = D(2025, 12, 1) + dt.timedelta(days=offset)
        for n in (1, 5, 10, 28):
            assert working_days_between(start, add_working_days(start, n)) == n


def test_working_days_in_a_whole_year():
    # 2025: 261 weekdays, all 8 bank holidays on weekdays; 1 January itself does not count.
    assert working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 253


def test_clear_days_exclude_the_notice_day_and_the_event_day():
    assert clear_days_before(D(2025, 5, 29), 28) == D(2025, 4, 30)
    assert clear_days_between(D(2025, 4, 30), D(2025, 5, 29)) == 28
    assert clear_days_between(D(2025, 5, 1), D(2025, 5, 29)) == 27  # a day short
    assert clear_days_between(D(2025, 5, 28), D(2025, 5, 29)) == 0


def test_clear_working_days_skip_weekends_and_bank_holidays():
    # A meeting on Tuesday 22 April 2025 with 5 clear working days' notice: the clear
    # days are 11, 14, 15, 16 and 17 April (18 and 21 are Easter bank holidays).
    notice = clear_days_before(D(2025, 4, 22), 5, working=True)
    assert notice == D(2025, 4, 10)
    assert working_days_between(notice, D(2025, 4, 21)) == 5


def test_call_in_over_christmas_and_effective_from():
    published = D(2025, 12, 18)  # Thursday
    # Fri 19, Mon 22, Tue 23, Wed 24, (25 and 26 bank holidays) Mon 29.
    assert call_in_expires(published, 5) == D(2025, 12, 29)
    assert effective_from(published, 5) == D(2025, 12, 30)


def test_record_due_in_working_days_over_easter():
    # Decided Thursday 17 April 2025: 22, 23, 24, 25, 28 April.
    assert record_due(D(2025, 4, 17), 5) == D(2025, 4, 28)


def test_next_working_day():
    assert next_working_day(D(2026, 12, 25)) == D(2026, 12, 29)
    assert next_working_day(D(2026, 12, 29)) == D(2026, 12, 29)


def test_lead_dates_move_back_to_a_working_day():
    due = D(2025, 12, 29)  # Monday after Christmas
    assert lead_dates(due, [14, 7, 1]) == {
        14: D(2025, 12, 15),
        7: D(2025, 12, 22),
        1: D(2025, 12, 24),  # 28th is a Sunday, 26/25 bank holidays
    }


@pytest.mark.parametrize(
    "due, expected",
    [
        ("2026-01", (D(2026, 1, 31), True)),
        ("2026-02", (D(2026, 2, 28), True)),
        ("2024-02", (D(2024, 2, 29), True)),
        ("2026-01-15", (D(2026, 1, 15), False)),
        (D(2026, 1, 15), (D(2026, 1, 15), False)),
        (None, (None, False)),
        ("", (None, False)),
    ],
)
def test_parse_due(due, expected):
    assert parse_due(due) == expected


@pytest.mark.parametrize("bad", ["2026-13", "soon", "2026-02-30", "January"])
def test_parse_due_refuses_what_is_not_a_date(bad):
    with pytest.raises(ValueError):
        parse_due(bad)


def test_describe_due():
    assert describe_due("2026-01") == "January 2026 (by 2026-01-31)"
    assert describe_due("2026-01-15") == "2026-01-15"
    assert describe_due(None) == "no due date"
    assert describe_due("soon") == "due date 'soon' not understood"


def test_london_today_follows_british_summer_time():
    utc = dt.timezone.utc
    assert london_today(dt.datetime(2026, 6, 30, 23, 30, tzinfo=utc)) == D(2026, 7, 1)
    assert london_today(dt.datetime(2026, 11, 25, 23, 30, tzinfo=utc)) == D(2026, 11, 25)
    assert london_today(dt.datetime(2026, 6, 30, 23, 30)) == D(2026, 7, 1)  # naive = UTC
    assert london_time(dt.datetime(2026, 6, 30, 12, 0, tzinfo=utc)).hour == 13


def test_london_at_gives_the_utc_instant():
    utc = dt.timezone.utc
    assert london_at(D(2026, 6, 1), "08:30") == dt.datetime(2026, 6, 1, 7, 30, tzinfo=utc)
    assert london_at(D(2026, 12, 1), dt.time(8, 30)) == dt.datetime(2026, 12, 1, 8, 30, tzinfo=utc)
    # 01:30 does not exist on 29 March 2026 (clocks go 01:00 -> 02:00): it maps to 01:30Z.
    assert london_at(D(2026, 3, 29), "01:30") == dt.datetime(2026, 3, 29, 1, 30, tzinfo=utc)
