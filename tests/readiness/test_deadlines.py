"""The deadline arithmetic (design.md rule 4), checked as properties over any day."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from radsafe.readiness.deadlines import (
    add_months,
    calibration_due,
    drill_cutoff,
    fault_cutoff,
    supply_check_cutoff,
)

days = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2090, 12, 31))


@given(days, st.integers(min_value=-240, max_value=240))
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    if moved.day != day.day:  # clamped only when the target month is shorter
        assert moved.day < day.day
        assert (moved + datetime.timedelta(days=1)).day == 1


@given(days)
def test_twelve_months_is_a_calendar_year(day):
    leap_day = (day.month, day.day) == (2, 29)
    expected = datetime.date(day.year + 1, 2, 28) if leap_day else day.replace(year=day.year + 1)
    assert add_months(day, 12) == expected
    assert add_months(expected, -12) == (day if not leap_day else datetime.date(day.year, 2, 28))


@given(days)
def test_cutoffs_are_the_defaults(day):
    assert drill_cutoff(day) == add_months(day, -12)
    assert supply_check_cutoff(day) == add_months(day, -12)
    assert fault_cutoff(day) == day - datetime.timedelta(days=30)
    assert calibration_due(day) == add_months(day, 12)


def test_leap_day_and_month_ends():
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 3, 31), -1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 12, 15), 1) == datetime.date(2026, 1, 15)
    assert calibration_due(None) is None


def test_settings_change_the_rules(settings):
    settings.RADSAFE_DRILL_MAX_MONTHS = 6
    settings.RADSAFE_FAULT_MAX_DAYS = 7
    day = datetime.date(2025, 8, 31)
    assert drill_cutoff(day) == datetime.date(2025, 2, 28)
    assert fault_cutoff(day) == datetime.date(2025, 8, 24)
