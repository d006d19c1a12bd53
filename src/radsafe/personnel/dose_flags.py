"""Dose limits and the flags they raise (issue 4 §3). The numbers live here and nowhere else.

Basis: GB 18871-2002 附录 B1.1.1.1 (occupational exposure) — an effective dose of 20 mSv a year
averaged over 5 consecutive years, 50 mSv in any single year, 150 mSv a year to the lens of the
eye, 500 mSv a year to the extremities or skin; the investigation level is GBZ 128 practice
(5 mSv a year, i.e. 1.25 mSv a quarter, a setting), scaled to the length of each period.

"Above" means strictly greater: a dose equal to a limit is within it.

A record counts in the calendar year of its period's end: dosimetry services report a period
after it ends, a period spans at most 90 days, and so one record is never split across years by a
guess about when within the period the dose was received.

Flags are computed in Python from a worker's records (one query per page of workers), so they
follow the records and the settings without a stored copy to keep in step."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

ANNUAL_AVERAGE_MSV = Decimal(20)  # per year, averaged over 5 consecutive years
SINGLE_YEAR_MSV = Decimal(50)  # any single year
FIVE_YEAR_MSV = Decimal(100)  # 5 consecutive calendar years (= 20 × 5)
LENS_MSV = Decimal(150)  # Hp(3), per year
SKIN_MSV = Decimal(500)  # Hp(0.07), per year
QUARTER_DAYS = Decimal("91.25")  # 365 / 4: the investigation level is scaled by days / this

LABELS = {
    "investigation": _("超过调查水平"),
    "annual": _("年剂量超过 20 mSv"),
    "single_year": _("单年剂量超过 50 mSv"),
    "five_year": _("连续 5 年剂量超过 100 mSv"),
    "lens": _("眼晶状体年剂量超过 150 mSv"),
    "skin": _("皮肤年剂量超过 500 mSv"),
    "gap": _("监测中断"),
}


@dataclass(frozen=True)
class DoseFlag:
    code: str
    key: str
    value: Decimal | None = None
    limit: Decimal | None = None

    @property
    def label(self):
        return LABELS[self.code]


def investigation_per_quarter() -> Decimal:
    return Decimal(str(settings.RADSAFE_DOSE_INVESTIGATION_MSV_PER_QUARTER))


def period_days(start: datetime.date, end: datetime.date) -> int:
    """Both ends included: 1 January to 31 March is 90 days."""
    return (end - start).days + 1


def above_investigation_level(hp10: Decimal, days: int) -> bool:
    """hp10 > per_quarter × days / 91.25, compared cross-multiplied so no rounding decides."""
    return hp10 * QUARTER_DAYS > investigation_per_quarter() * days


def _gaps(records, employed_on, left_on, today) -> list[datetime.date]:
    """First days of the uncovered runs between employment and the last day that can already
    have been reported (today less the longest period, since the running period is still out)."""
    max_days = settings.RADSAFE_DOSE_MAX_PERIOD_DAYS
    last = today - datetime.timedelta(days=max_days)
    if left_on is not None:
        last = min(last, left_on)
    cursor = employed_on or (min(r.period_start for r in records) if records else None)
    gaps = []
    if cursor is None:
        return gaps
    since = settings.RADSAFE_DOSE_GAPS_FROM
    if since is not None:
        cursor = max(cursor, since)
    for record in sorted(records, key=lambda r: r.period_start):
        if cursor > last:
            break
        if record.period_start > cursor:
            gaps.append(cursor)
        cursor = max(cursor, record.period_end + datetime.timedelta(days=1))
    if cursor <= last:
        gaps.append(cursor)
    return gaps


def compute_flags(records, *, employed_on=None, left_on=None, today=None) -> list[DoseFlag]:
    """All flags for one worker's records (any iterable of DoseRecord-like objects)."""
    records = list(records)
    flags: list[DoseFlag] = []
    years: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    level = investigation_per_quarter()
    for record in sorted(records, key=lambda r: (r.period_start, r.pk or 0)):
        days = period_days(record.period_start, record.period_end)
        if above_investigation_level(record.hp10_msv, days):
            flags.append(
                DoseFlag(
                    "investigation", str(record.pk), record.hp10_msv, level * days / QUARTER_DAYS
                )
            )
        totals = years[record.period_end.year]
        totals["hp10"] += record.hp10_msv
        totals["hp3"] += record.hp3_msv or 0
        totals["hp007"] += record.hp007_msv or 0
    for year in sorted(years):
        totals = years[year]
        for code, kind, limit in (
            ("annual", "hp10", ANNUAL_AVERAGE_MSV),
            ("single_year", "hp10", SINGLE_YEAR_MSV),
            ("lens", "hp3", LENS_MSV),
            ("skin", "hp007", SKIN_MSV),
        ):
            if totals[kind] > limit:
                flags.append(DoseFlag(code, str(year), totals[kind], limit))
    if years:
        for first in range(min(years) - 4, max(years) + 1):
            total = sum(
                (years[y]["hp10"] for y in range(first, first + 5) if y in years), Decimal(0)
            )
            if total > FIVE_YEAR_MSV:
                flags.append(DoseFlag("five_year", f"{first}-{first + 4}", total, FIVE_YEAR_MSV))
    if today is not None:
        for day in _gaps(records, employed_on, left_on, today):
            flags.append(DoseFlag("gap", day.isoformat()))
    return flags
