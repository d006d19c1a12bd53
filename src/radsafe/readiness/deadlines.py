"""The deadlines of emergency readiness and equipment, one function per rule (design.md rule 4).

Months are calendar months: 12 months after 2024-02-29 is 2025-02-28, the last day that month
has, so a deadline never runs past the end of a short month."""

import calendar
import datetime

from django.conf import settings


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` calendar months (negative goes back), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def calibration_due(calibrated_on: datetime.date | None) -> datetime.date | None:
    """Last day an instrument's calibration is valid; None when it was never calibrated."""
    if calibrated_on is None:
        return None
    return add_months(calibrated_on, settings.RADSAFE_CALIBRATION_MONTHS)


def drill_cutoff(today: datetime.date) -> datetime.date:
    """A drill held on or after this day counts as one "within 12 months" (the default)."""
    return add_months(today, -settings.RADSAFE_DRILL_MAX_MONTHS)


def supply_check_cutoff(today: datetime.date) -> datetime.date:
    """A supply last checked before this day is overdue for its check."""
    return add_months(today, -settings.RADSAFE_SUPPLY_CHECK_MAX_MONTHS)


def fault_cutoff(today: datetime.date) -> datetime.date:
    """A fault reported before this day has been open more than the allowed days (30 by
    default); if it is still open and the equipment stayed in use, it is 带病运行."""
    return today - datetime.timedelta(days=settings.RADSAFE_FAULT_MAX_DAYS)
